package dev.parley.automation.sop;

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
 * Makes one recipient's message of a step: the step's text (or its saved template, as saved when the message is made)
 * with {@code {name}}, {@code {group}} (the group's name, empty in a private chat), {@code {date}} (the day it is
 * sent) and {@code {account}} filled in, and a spintax choice picked for each recipient, so a broadcast's messages are
 * not all the same text. {@code {name}} is the chat's name — or, for a member an after-join task writes to in a
 * group, the member, mentioned for real ({@code @Name}; without {@code {name}} the text starts with it).
 */
final class StepTexts {
    /** How a step names a saved template. */
    static final String TEMPLATE_PREFIX = "tpl:";

    private final SavedTemplates saved;
    private final ContactStore contacts;
    private final ReplyMention mention;
    private final ZoneId zone;
    private final RandomGenerator random;

    StepTexts(SavedTemplates saved, ContactStore contacts, ZoneId zone, RandomGenerator random) {
        this.saved = saved;
        this.contacts = contacts;
        this.mention = new ReplyMention(contacts);
        this.zone = zone;
        this.random = random;
    }

    /**
     * @param step a step's stored text
     * @return the saved template's name, when the step sends one
     */
    static Optional<String> templateName(String step) {
        return step.regionMatches(true, 0, TEMPLATE_PREFIX, 0, TEMPLATE_PREFIX.length())
                ? Optional.of(step.substring(TEMPLATE_PREFIX.length()).strip()) : Optional.empty();
    }

    /**
     * @param step    the step
     * @param account the sending account
     * @param to      the recipient
     * @param at      when, epoch ms
     * @return the message; empty when the step's saved template no longer exists
     */
    Optional<ReplyMention.Mentioned> render(SopStep step, Account account, Audience.Member to, long at) {
        Optional<TemplateText> text = templateName(step.text()).isPresent()
                ? saved.find(templateName(step.text()).get()).map(SavedTemplates.Saved::text)
                : Optional.of(TemplateText.parse(step.text()));
        String accountName = account.nickname() != null && !account.nickname().isBlank() ? account.nickname()
                : account.displayName();
        String date = LocalDate.ofInstant(Instant.ofEpochMilli(at), zone).toString();
        if (to.memberId() == null) {
            String chat = to.name() == null ? "" : to.name();
            return text.map(t -> new ReplyMention.Mentioned(t.render(Map.of("name", chat,
                    "group", to.type() == ChatType.GROUP ? chat : "", "date", date, "account", accountName), random),
                    List.of()));
        }
        ContactStore.ChatKey key = new ContactStore.ChatKey(account.id(), to.chatId());
        String group = contacts.namesOf(List.of(key)).getOrDefault(key, "");
        Recipient recipient = new Recipient(to.chatId(), group.isEmpty() ? null : group, ChatType.GROUP);
        return text.map(t -> mention.addressed(account.id(), recipient, to.memberId(), to.name(), name -> t.render(
                Map.of("name", name, "group", group, "date", date, "account", accountName), random)));
    }
}
