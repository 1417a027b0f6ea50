package dev.parley.ai;

import java.util.Optional;

import dev.parley.card.Button;
import dev.parley.card.Card;
import dev.parley.i18n.Messages;

/**
 * The approval card of a draft, in one language: the customer's messages, the proposed reply, the sources, and
 * the buttons Send / Edit / Regenerate / Reject / Take over (a failed draft says why and offers all but Send). Each button runs
 * an {@code /ai} command as the admin who presses it; Edit, having no text, answers with the usage of
 * {@code /ai edit <draft> <text…>}, which sends the admin's own text instead.
 *
 * <p>A failure's reason code, and why {@code auto} left a draft for a human, are said in the card's language
 * ({@code ai.failure.*}); reasons stored as English text before codes existed are shown as they are.
 */
public final class DraftCards {
    private static final int MAX_CUSTOMER_TEXT = 800;

    private final Messages messages;

    /**
     * @param messages the texts
     */
    public DraftCards(Messages messages) {
        this.messages = messages;
    }

    /**
     * @param draft   the draft
     * @param account the account's display name
     * @param chat    the chat's display name
     * @param locale  the language
     * @return its card
     */
    public Card card(Draft draft, String account, String chat, String locale) {
        String ref = "#" + draft.id();
        Card.Builder card = Card.builder(messages.text(locale, "ai.card.title", "chat", chat, "account", account))
                .text(messages.text(locale, "ai.card.customer", "text", shorten(draft.customerText())));
        if (draft.state() == DraftState.STALE) {
            card.tone(Card.Tone.WARNING);
        }
        if (draft.state() == DraftState.FAILED) {
            card.tone(Card.Tone.ERROR).field(messages.text(locale, "ai.card.failed"), reason(draft.error(), locale));
        } else {
            card.field(messages.text(locale, "ai.card.draft"), draft.draftText());
            if (draft.state() == DraftState.PENDING && draft.error() != null) {
                card.field(messages.text(locale, "ai.card.not_sent"), reason(draft.error(), locale));
            }
        }
        card.shortField(messages.text(locale, "ai.card.sources"), draft.sources() == null || draft.sources().isEmpty()
                ? messages.text(locale, "ai.card.no_sources")
                : messages.text(locale, "ai.card.kb_sources", "ids", "#" + draft.sources().replace(",", ", #")));
        card.footer(messages.text(locale, "ai.card.footer", "id", draft.id(), "chat", draft.chatId(),
                "provider", draft.provider(),
                "state", messages.text(locale, "ai.state." + draft.state().code())));
        if (draft.state() == DraftState.PENDING) {
            card.button(Button.primary(messages.text(locale, "ai.button.send"), "/ai send " + ref));
        }
        if (draft.state() == DraftState.PENDING || draft.state() == DraftState.FAILED) {
            card.button(Button.of(messages.text(locale, "ai.button.edit"), "/ai edit " + ref))
                    .button(Button.of(messages.text(locale, "ai.button.regenerate"), "/ai regenerate " + ref))
                    .button(Button.of(messages.text(locale, "ai.button.reject"), "/ai reject " + ref))
                    .button(Button.of(messages.text(locale, "ai.button.takeover"), "/ai takeover " + ref));
        }
        return card.build();
    }

    /** A stored reason in the reader's language, with the server's own words labelled; older English text as it is. */
    private String reason(String stored, String locale) {
        Optional<DraftFailure> failure = DraftFailure.parse(stored);
        if (failure.isEmpty() || !messages.has(locale, "ai.failure." + failure.get().code())) {
            return stored == null ? "" : stored;
        }
        String text = messages.text(locale, "ai.failure." + failure.get().code(), failure.get().args());
        return failure.get().detail().map(d -> text + "\n" + messages.text(locale, "ai.card.server_said", "detail", d))
                .orElse(text);
    }

    private static String shorten(String text) {
        return text.length() <= MAX_CUSTOMER_TEXT ? text : "…" + text.substring(text.length() - MAX_CUSTOMER_TEXT);
    }
}
