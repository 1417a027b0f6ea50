package dev.parley.ai;

import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
    private static final int SNIPPET = 80;

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
     * @param sources the text of each knowledge-base passage it used that still exists, by id
     * @param locale  the language
     * @return its card
     */
    public Card card(Draft draft, String account, String chat, Map<Long, String> sources, String locale) {
        String ref = "#" + draft.id();
        Card.Builder card = Card.builder(messages.text(locale, "ai.card.title", "chat", chat, "account", account))
                .text(messages.text(locale, "ai.card.customer", "text", shorten(draft.customerText())));
        if (draft.state() == DraftState.STALE) {
            card.tone(Card.Tone.WARNING);
        }
        if (draft.state() == DraftState.DRAFTING) {
            card.field(messages.text(locale, "ai.card.draft"), messages.text(locale, "ai.card.drafting"));
        } else if (draft.state() == DraftState.FAILED) {
            card.tone(Card.Tone.ERROR).field(messages.text(locale, "ai.card.failed"), reason(draft.error(), locale));
        } else {
            card.field(messages.text(locale, "ai.card.draft"), draft.draftText());
            if (draft.state() == DraftState.PENDING && draft.error() != null) {
                card.field(messages.text(locale, "ai.card.not_sent"), reason(draft.error(), locale));
            }
        }
        if (draft.sourceIds().isEmpty()) {
            card.shortField(messages.text(locale, "ai.card.sources"), messages.text(locale, "ai.card.no_sources"));
        } else {
            card.field(messages.text(locale, "ai.card.sources"), draft.sourceIds().stream()
                    .map(id -> "#" + id + " " + (sources.containsKey(id) ? snippet(sources.get(id))
                            : messages.text(locale, "ai.card.source_removed")))
                    .collect(Collectors.joining("\n")));
        }
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

    private static String snippet(String passage) {
        String line = passage.strip().replaceAll("\\s+", " ");
        return line.length() <= SNIPPET ? line : line.substring(0, SNIPPET - 1) + "…";
    }

    private static String shorten(String text) {
        return text.length() <= MAX_CUSTOMER_TEXT ? text : "…" + text.substring(text.length() - MAX_CUSTOMER_TEXT);
    }
}
