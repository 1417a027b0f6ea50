package dev.parley.automation.rules;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import dev.parley.message.ChatType;

/**
 * Which rules a customer's text sets off, for the watcher and for {@code /rule test}: every matching tagging rule
 * tags, and of the rules that answer (reply or hand to AI) only the first in order — highest priority, then
 * newest — does, if it is on at that hour and day. Cooldowns are the watcher's business, not decided here.
 */
final class RuleBook {
    private final RuleStore store;
    private final ZoneId zone;

    RuleBook(RuleStore store, ZoneId zone) {
        this.store = store;
        this.zone = zone;
    }

    /**
     * @param accountId the account written to
     * @param type      the chat's type, or {@code null} to ignore each rule's chats (a test with no chat)
     * @param chatId    the chat, or {@code null} with {@code type}
     * @param text      the text
     * @param at        when, epoch ms
     * @return what it sets off
     */
    Outcome decide(long accountId, ChatType type, String chatId, String text, long at) {
        Inbound inbound = new Inbound(text);
        ZonedDateTime when = ZonedDateTime.ofInstant(Instant.ofEpochMilli(at), zone);
        Rule answer = null;
        List<Rule> tags = new ArrayList<>();
        List<Rule> outOfHours = new ArrayList<>();
        List<Rule> outranked = new ArrayList<>();
        for (Rule rule : store.enabled()) {
            if (rule.trigger() != Rule.Trigger.KEYWORD
                    || (rule.accountId() != null && rule.accountId() != accountId)
                    || (type != null && !rule.chats().covers(type, chatId))
                    || !rule.match().matches(inbound)) {
                continue;
            }
            if (!rule.schedule().isOn(when)) {
                outOfHours.add(rule);
            } else if (!rule.action().answers()) {
                tags.add(rule);
            } else if (answer == null) {
                answer = rule;
            } else {
                outranked.add(rule);
            }
        }
        return new Outcome(answer, List.copyOf(tags), List.copyOf(outOfHours), List.copyOf(outranked));
    }

    /**
     * @param accountId the account
     * @param type      private or group
     * @param chatId    the chat
     * @param at        when the member joined, epoch ms
     * @return the join rule that welcomes there now (highest priority, then newest), or {@code null}
     */
    Rule welcome(long accountId, ChatType type, String chatId, long at) {
        ZonedDateTime when = ZonedDateTime.ofInstant(Instant.ofEpochMilli(at), zone);
        for (Rule rule : store.enabled()) {
            if (rule.trigger() == Rule.Trigger.JOIN && (rule.accountId() == null || rule.accountId() == accountId)
                    && rule.chats().covers(type, chatId) && rule.schedule().isOn(when)) {
                return rule;
            }
        }
        return null;
    }

    /**
     * What a text sets off.
     *
     * @param answer     the rule that answers it, or {@code null}
     * @param tags       the tagging rules that tag its sender
     * @param outOfHours rules that match but are off at this hour or day
     * @param outranked  answering rules that match but yield to {@code answer}
     */
    record Outcome(Rule answer, List<Rule> tags, List<Rule> outOfHours, List<Rule> outranked) {
    }
}
