package dev.parley.automation.rules;

import java.time.Duration;
import java.util.Locale;

/**
 * One rule: what sets it off (a keyword in a customer's text, or a member joining a group), where and when it is
 * on, and what it does (reply, hand the chat to AI drafting, or tag the contact).
 *
 * @param id        its id
 * @param accountId the account it is for, or {@code null} for every account
 * @param trigger   keyword or join
 * @param kind      how keywords are compared
 * @param keywords  the keywords as typed (empty for join)
 * @param match     the compiled keywords ({@code null} for join)
 * @param chats     where it answers
 * @param schedule  when it is on
 * @param cooldown  how long it stays quiet in a chat after answering there
 * @param priority  higher answers first
 * @param action    reply, ai or tag
 * @param reply     the reply's template text, or {@code tpl:<name>} of a saved template; {@code null} unless reply
 * @param tag       the tag given; {@code null} unless tag
 * @param enabled   whether it is on
 * @param createdBy who added it
 * @param createdAt when, epoch ms
 */
record Rule(long id, Long accountId, Trigger trigger, TextMatch.MatchKind kind, String keywords, TextMatch match,
            ChatScope chats, Schedule schedule, Duration cooldown, int priority, Action action, String reply,
            String tag, boolean enabled, String createdBy, long createdAt) {
    /** The reply text prefix that names a saved template. */
    static final String TEMPLATE_PREFIX = "tpl:";
    /** The reply that hands the chat to AI drafting. */
    static final String AI_REPLY = "@ai";

    /** @return whether it names a saved template instead of holding its text */
    boolean usesSavedTemplate() {
        return reply != null && reply.startsWith(TEMPLATE_PREFIX);
    }

    /** @return the saved template's name */
    String templateName() {
        return reply.substring(TEMPLATE_PREFIX.length()).strip();
    }

    /** What sets a rule off. */
    enum Trigger {
        KEYWORD, JOIN;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    /** What a rule does. */
    enum Action {
        /** Sends its reply. */
        REPLY,
        /** Lets AI drafting answer the message (a draft a human approves, or sent on auto). */
        AI,
        /** Tags the contact (or group) that wrote. */
        TAG;

        String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /** @return whether it answers the message, so at most one such rule acts on it */
        boolean answers() {
            return this != TAG;
        }
    }
}
