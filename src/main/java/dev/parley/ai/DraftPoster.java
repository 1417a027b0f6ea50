package dev.parley.ai;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.parley.account.AccountStore;
import dev.parley.card.Card;
import dev.parley.channel.ChannelBinding;
import dev.parley.channel.ChannelBindings;
import dev.parley.channel.ChannelDeliveries;
import dev.parley.command.CardActions;
import dev.parley.contact.ContactStore;
import dev.parley.rbac.Identity;

/**
 * Posts a draft's approval card into the chats bound to its account ({@code /channel bind drafts <account>}) and
 * those bound to all accounts' drafts ({@code /channel bind drafts}), each once and in that chat's language, through
 * the background deliveries (as alerts are posted).
 */
public final class DraftPoster {
    /** The binding purpose of the chats that approve drafts. */
    public static final String PURPOSE = "drafts";

    private final ChannelBindings bindings;
    private final ChannelDeliveries deliveries;
    private final CardActions actions;
    private final DraftCards cards;
    private final AccountStore accounts;
    private final ContactStore contacts;

    /**
     * @param bindings   which chats approve drafts
     * @param deliveries delivers in the background
     * @param actions    issues the ids of the cards' buttons
     * @param cards      draws the cards
     * @param accounts   names the accounts
     * @param contacts   names the chats
     */
    public DraftPoster(ChannelBindings bindings, ChannelDeliveries deliveries, CardActions actions, DraftCards cards,
                       AccountStore accounts, ContactStore contacts) {
        this.bindings = bindings;
        this.deliveries = deliveries;
        this.actions = actions;
        this.cards = cards;
        this.accounts = accounts;
        this.contacts = contacts;
    }

    /**
     * @param draft the draft to show
     * @return how many chats it was posted to
     */
    public int post(Draft draft) {
        Map<String, ChannelBinding> chats = new LinkedHashMap<>();
        for (ChannelBinding b : bindings.forPurpose(ChannelBindings.scoped(PURPOSE, draft.accountId()))) {
            chats.putIfAbsent(b.channel() + "\u0000" + b.chatId(), b);
        }
        for (ChannelBinding b : bindings.forPurpose(PURPOSE)) {
            chats.putIfAbsent(b.channel() + "\u0000" + b.chatId(), b);
        }
        for (ChannelBinding binding : chats.values()) {
            Card card = card(draft, binding.locale());
            List<String> ids = actions.issue(card.buttons(), new Identity(binding.channel(), "chat:" + binding.chatId()));
            deliveries.post(binding.channel(), binding.chatId(), card, ids, binding.locale());
        }
        return chats.size();
    }

    /**
     * @param draft  a draft
     * @param locale the language
     * @return its card, with the account's and the chat's names
     */
    public Card card(Draft draft, String locale) {
        String account = accounts.find(draft.accountId()).map(a -> a.displayName()).orElse("#" + draft.accountId());
        ContactStore.ChatKey key = new ContactStore.ChatKey(draft.accountId(), draft.chatId());
        Map<ContactStore.ChatKey, String> names = contacts.namesOf(List.of(key));
        String chat = names.getOrDefault(key, draft.chatId());
        return cards.card(draft, account, chat == null ? draft.chatId() : chat, locale);
    }
}
