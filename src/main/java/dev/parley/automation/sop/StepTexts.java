package dev.parley.automation.sop;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import java.util.random.RandomGenerator;

import dev.parley.account.Account;
import dev.parley.automation.SavedTemplates;
import dev.parley.automation.TemplateText;
import dev.parley.message.ChatType;

/**
 * Makes one recipient's message of a step: the step's text (or its saved template, as saved when the message is made)
 * with {@code {name}} (the contact's or group's name), {@code {group}} (the group's name, empty in a private chat),
 * {@code {date}} (the day it is sent) and {@code {account}} filled in, and a spintax choice picked for each recipient,
 * so a broadcast's messages are not all the same text.
 */
final class StepTexts {
    /** How a step names a saved template. */
    static final String TEMPLATE_PREFIX = "tpl:";

    private final SavedTemplates saved;
    private final ZoneId zone;
    private final RandomGenerator random;

    StepTexts(SavedTemplates saved, ZoneId zone, RandomGenerator random) {
        this.saved = saved;
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
     * @param type    the recipient's chat type
     * @param name    the recipient's name, or {@code null}
     * @param at      when, epoch ms
     * @return the message; empty when the step's saved template no longer exists
     */
    Optional<String> render(SopStep step, Account account, ChatType type, String name, long at) {
        Optional<TemplateText> text = templateName(step.text()).isPresent()
                ? saved.find(templateName(step.text()).get()).map(SavedTemplates.Saved::text)
                : Optional.of(TemplateText.parse(step.text()));
        String accountName = account.nickname() != null && !account.nickname().isBlank() ? account.nickname()
                : account.displayName();
        String chat = name == null ? "" : name;
        return text.map(t -> t.render(Map.of("name", chat, "group", type == ChatType.GROUP ? chat : "",
                "date", LocalDate.ofInstant(Instant.ofEpochMilli(at), zone).toString(), "account", accountName),
                random));
    }
}
