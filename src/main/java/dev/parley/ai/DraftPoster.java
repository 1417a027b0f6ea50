package dev.parley.ai;

import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.parley.account.AccountStore;
import dev.parley.card.Card;
import dev.parley.channel.ChannelBinding;
import dev.parley.channel.ChannelBindings;
import dev.parley.channel.ChannelDeliveries;
import dev.parley.command.CardActions;
import dev.parley.contact.ContactStore;
import dev.parley.kb.KnowledgeBase;
import dev.parley.rbac.Identity;

/**
 * Shows a draft's approval card in the chats bound to its account ({@code /channel bind drafts <account>}) and
 * those bound to all accounts' drafts ({@code /channel bind drafts}), each once and in that chat's language, through
 * the background deliveries (as alerts are posted). Where each card went is noted, so a later version of the draft
 * (stale, decided in another chat, regenerated) is edited into the same messages rather than posted again.
 */
public final class DraftPoster {
    /** The binding purpose of the chats that approve drafts. */
    public static final String PURPOSE = ChannelBindings.DRAFTS;
    /** How long a card on its way keeps a second one from being posted (a failed delivery is not waited on longer). */
    private static final Duration IN_FLIGHT = Duration.ofMinutes(2);

    private final ChannelBindings bindings;
    private final ChannelDeliveries deliveries;
    private final CardActions actions;
    private final DraftCards cards;
    private final AccountStore accounts;
    private final ContactStore contacts;
    private final DraftCardMessages shown;
    private final KnowledgeBase kb;
    private final DraftStore drafts;
    /** Cards on their way to a chat (draft id and chat), since when: a second one is not posted meanwhile. */
    private final Map<String, Long> inFlight = new ConcurrentHashMap<>();

    /**
     * @param bindings   which chats approve drafts
     * @param deliveries delivers in the background
     * @param actions    issues the ids of the cards' buttons
     * @param cards      draws the cards
     * @param accounts   names the accounts
     * @param contacts   names the chats
     * @param shown      where the cards went
     * @param kb         the passages the drafts used, quoted on the cards
     * @param drafts     the drafts as they are now, for a card that changed on its way
     */
    public DraftPoster(ChannelBindings bindings, ChannelDeliveries deliveries, CardActions actions, DraftCards cards,
                       AccountStore accounts, ContactStore contacts, DraftCardMessages shown, KnowledgeBase kb,
                       DraftStore drafts) {
        this.bindings = bindings;
        this.deliveries = deliveries;
        this.actions = actions;
        this.cards = cards;
        this.accounts = accounts;
        this.contacts = contacts;
        this.shown = shown;
        this.kb = kb;
        this.drafts = drafts;
    }

    /**
     * Shows a draft as it is now: every message already showing its card is edited, and each bound chat without one
     * gets it posted.
     *
     * @param draft the draft to show
     * @return how many chats show it
     */
    public int show(Draft draft) {
        Facts facts = facts(draft);
        Set<String> showing = new HashSet<>();
        for (DraftCardMessages.Shown card : shown.of(draft.id())) {
            edit(draft, facts, card);
            showing.add(chatKey(card.sent().channel(), card.sent().chatId()));
        }
        Map<String, ChannelBinding> chats = new LinkedHashMap<>();
        for (ChannelBinding b : bindings.forPurpose(ChannelBindings.scoped(PURPOSE, draft.accountId()))) {
            chats.putIfAbsent(chatKey(b.channel(), b.chatId()), b);
        }
        for (ChannelBinding b : bindings.forPurpose(PURPOSE)) {
            chats.putIfAbsent(chatKey(b.channel(), b.chatId()), b);
        }
        chats.keySet().removeAll(showing);
        long now = System.nanoTime();
        for (Map.Entry<String, ChannelBinding> chat : chats.entrySet()) {
            String posting = draft.id() + "\u0000" + chat.getKey();
            Long since = inFlight.putIfAbsent(posting, now);
            if (since != null) {
                if (now - since < IN_FLIGHT.toNanos()) {
                    continue; // its first card is on its way and catches up when it lands
                }
                inFlight.put(posting, now);
            }
            ChannelBinding binding = chat.getValue();
            Card card = cards.card(draft, facts.account(), facts.chat(), facts.sources(), binding.locale());
            List<String> ids = actions.issue(card.buttons(), viewers(binding.channel(), binding.chatId()));
            boolean queued = deliveries.post(binding.channel(), binding.chatId(), card, ids, binding.locale(), sent -> {
                shown.record(draft.id(), sent, binding.locale());
                inFlight.remove(posting);
                caughtUp(draft, new DraftCardMessages.Shown(sent, binding.locale()));
            });
            if (!queued) {
                inFlight.remove(posting);
            }
        }
        return showing.size() + chats.size();
    }

    /** A card that changed while its first version was on its way is edited to the draft as it is now. */
    private void caughtUp(Draft posted, DraftCardMessages.Shown where) {
        drafts.find(posted.id()).filter(now -> now.state() != posted.state()
                        || !Objects.equals(now.draftText(), posted.draftText()) || !Objects.equals(now.error(), posted.error()))
                .ifPresent(now -> edit(now, facts(now), where));
    }

    /**
     * Edits every message showing the draft's card to show it as it is now (after a decision, wherever it was made;
     * the message a button was pressed on then shows the answer, which replaces this edit if it is still waiting).
     *
     * @param draft the draft as it is now
     */
    public void refresh(Draft draft) {
        List<DraftCardMessages.Shown> showing = shown.of(draft.id());
        if (!showing.isEmpty()) {
            Facts facts = facts(draft);
            showing.forEach(card -> edit(draft, facts, card));
        }
    }

    private void edit(Draft draft, Facts facts, DraftCardMessages.Shown where) {
        Card card = cards.card(draft, facts.account(), facts.chat(), facts.sources(), where.locale());
        List<String> ids = actions.issue(card.buttons(), viewers(where.sent().channel(), where.sent().chatId()));
        deliveries.edit(where.sent(), card, ids, where.locale());
    }

    private static Identity viewers(String channel, String chatId) {
        return new Identity(channel, "chat:" + chatId);
    }

    private static String chatKey(String channel, String chatId) {
        return channel + "\u0000" + chatId;
    }

    /**
     * @param draft  a draft
     * @param locale the language
     * @return its card, with the account's and the chat's names
     */
    public Card card(Draft draft, String locale) {
        Facts facts = facts(draft);
        return cards.card(draft, facts.account(), facts.chat(), facts.sources(), locale);
    }

    /** What a draft's card shows besides the draft, read once however many chats show it. */
    private Facts facts(Draft draft) {
        String account = accounts.find(draft.accountId()).map(a -> a.displayName()).orElse("#" + draft.accountId());
        ContactStore.ChatKey key = new ContactStore.ChatKey(draft.accountId(), draft.chatId());
        String chat = contacts.namesOf(List.of(key)).get(key);
        return new Facts(account, chat == null ? draft.chatId() : chat, kb.texts(draft.sourceIds()));
    }

    /**
     * @param account the account's display name
     * @param chat    the chat's display name
     * @param sources the text of each passage the draft used that still exists, by id
     */
    private record Facts(String account, String chat, Map<Long, String> sources) {
    }
}
