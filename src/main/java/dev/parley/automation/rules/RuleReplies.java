package dev.parley.automation.rules;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import dev.parley.account.Account;
import dev.parley.automation.SavedTemplates;
import dev.parley.automation.TemplateText;
import dev.parley.contact.ContactStore;
import dev.parley.message.ChatType;
import dev.parley.outbound.Recipient;
import dev.parley.outbound.ReplyMention;

/**
 * Makes a rule's reply for one chat: its text (or the saved template it names, as saved now) with {@code {name}}
 * (the person answered or welcomed), {@code {group}}, {@code {date}} and {@code {account}} filled in and spintax
 * picked. In a group the person is mentioned for real ({@code {name}} becomes {@code @Name}; without {@code {name}}
 * the reply starts with it), as {@code /reply} does.
 */
final class RuleReplies {
    private final SavedTemplates saved;
    private final ContactStore contacts;
    private final ReplyMention mention;
    private final ZoneId zone;
    private final RandomGenerator random;

    RuleReplies(SavedTemplates saved, ContactStore contacts, ZoneId zone, RandomGenerator random) {
        this.saved = saved;
        this.contacts = contacts;
        this.mention = new ReplyMention(contacts);
        this.zone = zone;
        this.random = random;
    }

    /**
     * @param rule       a reply rule
     * @param account    the answering account
     * @param type       the chat's type
     * @param chatId     the chat
     * @param personId   who is answered (the sender, or the member who joined)
     * @param personName the name they came with, or {@code null}
     * @param at         when, epoch ms
     * @return the reply; empty when its saved template no longer exists
     */
    Optional<ReplyMention.Mentioned> render(Rule rule, Account account, ChatType type, String chatId, String personId,
                                            String personName, long at) {
        Optional<TemplateText> text = rule.usesSavedTemplate()
                ? saved.find(rule.templateName()).map(SavedTemplates.Saved::text)
                : Optional.of(TemplateText.parse(rule.reply()));
        return text.map(t -> address(t, account, type, chatId, personId, personName, at));
    }

    private ReplyMention.Mentioned address(TemplateText text, Account account, ChatType type, String chatId,
                                           String personId, String personName, long at) {
        String accountName = account.nickname() != null && !account.nickname().isBlank() ? account.nickname()
                : account.displayName();
        String date = LocalDate.ofInstant(Instant.ofEpochMilli(at), zone).toString();
        if (type != ChatType.GROUP) {
            String name = personName != null && !personName.isBlank() ? personName
                    : contacts.namesOf(List.of(new ContactStore.ChatKey(account.id(), chatId)))
                    .getOrDefault(new ContactStore.ChatKey(account.id(), chatId), "");
            return new ReplyMention.Mentioned(text.render(Map.of("name", name, "group", "", "date", date,
                    "account", accountName), random), List.of());
        }
        String group = contacts.namesOf(List.of(new ContactStore.ChatKey(account.id(), chatId)))
                .getOrDefault(new ContactStore.ChatKey(account.id(), chatId), "");
        Recipient recipient = new Recipient(chatId, group.isEmpty() ? null : group, ChatType.GROUP);
        return mention.addressed(account.id(), recipient, personId, personName, name -> text.render(Map.of(
                "name", name, "group", group, "date", date, "account", accountName), random));
    }
}
