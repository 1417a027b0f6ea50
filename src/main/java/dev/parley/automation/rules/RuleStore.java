package dev.parley.automation.rules;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.parley.message.ChatType;

import org.jdbi.v3.core.Jdbi;

/**
 * The {@code rules} and {@code rule_firings} tables. The enabled rules are kept in memory (with their keywords
 * compiled) and read again after every change, so matching a message costs no query for the rules themselves.
 */
final class RuleStore {
    private static final String COLUMNS = "id, account_id, trigger_on, match_kind, keywords, chats, hours, days,"
            + " cooldown_ms, priority, action, reply, tag, enabled, created_by, created_at";

    private final Jdbi jdbi;
    private final InstantSource clock;
    private final Duration regexTimeout;
    private volatile List<Rule> enabled;

    /**
     * @param jdbi         the database
     * @param clock        the present
     * @param regexTimeout how long one regular expression may run on a message
     */
    RuleStore(Jdbi jdbi, InstantSource clock, Duration regexTimeout) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.regexTimeout = regexTimeout;
    }

    /** @return how long one regular expression may run */
    Duration regexTimeout() {
        return regexTimeout;
    }

    /**
     * @param rule a checked rule (its id and creation time are ignored)
     * @return its new id
     */
    long add(Rule rule) {
        long id = jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO rules (account_id, trigger_on, match_kind, keywords, chats, hours, days, cooldown_ms,
                          priority, action, reply, tag, enabled, created_by, created_at)
                        VALUES (:account, :trigger, :kind, :keywords, :chats, :hours, :days, :cooldown, :priority,
                          :action, :reply, :tag, 1, :by, :now)""")
                .bind("account", rule.accountId()).bind("trigger", rule.trigger().code())
                .bind("kind", rule.kind().code()).bind("keywords", rule.keywords()).bind("chats", rule.chats().code())
                .bind("hours", rule.schedule().hoursText()).bind("days", rule.schedule().days())
                .bind("cooldown", rule.cooldown().toMillis()).bind("priority", rule.priority())
                .bind("action", rule.action().code()).bind("reply", rule.reply()).bind("tag", rule.tag())
                .bind("by", rule.createdBy()).bind("now", clock.millis())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        enabled = null;
        return id;
    }

    /** @return every rule, newest first */
    List<Rule> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM rules ORDER BY id DESC")
                .map((rs, ctx) -> rule(rs)).list());
    }

    /**
     * @param id a rule id
     * @return the rule, if it exists
     */
    Optional<Rule> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM rules WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> rule(rs)).findOne());
    }

    /**
     * @return the enabled rules, highest priority first, then newest
     */
    List<Rule> enabled() {
        List<Rule> rules = enabled;
        if (rules == null) {
            rules = jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS
                            + " FROM rules WHERE enabled = 1 ORDER BY priority DESC, id DESC")
                    .map((rs, ctx) -> rule(rs)).list());
            enabled = rules;
        }
        return rules;
    }

    /**
     * @param id a rule
     * @param on whether it should act
     * @return whether it exists
     */
    boolean setEnabled(long id, boolean on) {
        int rows = jdbi.withHandle(h -> h.createUpdate("UPDATE rules SET enabled = :on WHERE id = :id")
                .bind("on", on).bind("id", id).execute());
        enabled = null;
        return rows > 0 || find(id).isPresent();
    }

    /**
     * @param id a rule
     * @return whether it existed (its firings go with it)
     */
    boolean remove(long id) {
        int rows = jdbi.withHandle(h -> h.createUpdate("DELETE FROM rules WHERE id = :id").bind("id", id).execute());
        enabled = null;
        return rows > 0;
    }

    /**
     * Records that a rule acted; a message (or join) it already acted on keeps its first firing.
     *
     * @param firing what it did (its id is ignored)
     * @return the firing's id, and whether it is new
     */
    Recorded record(Firing firing) {
        return jdbi.inTransaction(h -> {
            int inserted = h.createUpdate("""
                            INSERT IGNORE INTO rule_firings (rule_id, account_id, chat_id, message_id, event_id, action,
                              text, at) VALUES (:rule, :account, :chat, :message, :event, :action, :text, :at)""")
                    .bind("rule", firing.ruleId()).bind("account", firing.accountId()).bind("chat", firing.chatId())
                    .bind("message", firing.messageId()).bind("event", firing.eventId())
                    .bind("action", firing.action().code()).bind("text", firing.text()).bind("at", firing.at())
                    .execute();
            long id = h.createQuery("""
                            SELECT id FROM rule_firings WHERE rule_id = :rule
                              AND (message_id = :message OR event_id = :event)""")
                    .bind("rule", firing.ruleId()).bind("message", firing.messageId()).bind("event", firing.eventId())
                    .mapTo(Long.class).one();
            return new Recorded(id, inserted > 0);
        });
    }

    /**
     * @param firingId a firing
     * @param outboundId the reply queued for it
     */
    void queued(long firingId, long outboundId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE rule_firings SET outbound_id = :outbound WHERE id = :id")
                .bind("outbound", outboundId).bind("id", firingId).execute());
    }

    /**
     * @param since epoch ms
     * @return reply firings since then whose reply was never queued (Parley stopped between recording the firing and
     *     queueing its reply), oldest first
     */
    List<Unqueued> unqueued(long since) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT f.id, f.rule_id, f.account_id, f.chat_id, f.message_id, f.text, m.chat_type,
                          COALESCE(m.sender_id, e.member_id)
                        FROM rule_firings f LEFT JOIN messages m ON m.id = f.message_id
                          LEFT JOIN group_events e ON e.id = f.event_id
                        WHERE f.action = 'reply' AND f.outbound_id IS NULL AND f.text IS NOT NULL AND f.at >= :since
                        ORDER BY f.id""")
                .bind("since", since)
                .map((rs, ctx) -> {
                    long message = rs.getLong(5);
                    Long messageId = rs.wasNull() ? null : message;
                    String type = rs.getString(7);
                    return new Unqueued(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getString(4), messageId,
                            rs.getString(6), type == null ? ChatType.GROUP : ChatType.valueOf(type.toUpperCase(
                            Locale.ROOT)), rs.getString(8));
                })
                .list());
    }

    /**
     * @param ruleId    a rule
     * @param accountId an account
     * @param chatId    one of its chats
     * @return when the rule last answered there, epoch ms, or 0
     */
    long lastAnswered(long ruleId, long accountId, String chatId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT COALESCE(MAX(at), 0) FROM rule_firings
                        WHERE rule_id = :rule AND account_id = :account AND chat_id = :chat AND action <> 'tag'""")
                .bind("rule", ruleId).bind("account", accountId).bind("chat", chatId).mapTo(Long.class).one());
    }

    /**
     * @param accountId an account
     * @param chatId    one of its chats
     * @return when any rule last answered there, epoch ms, or 0
     */
    long lastAnsweredInChat(long accountId, String chatId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT COALESCE(MAX(at), 0) FROM rule_firings
                        WHERE account_id = :account AND chat_id = :chat AND action <> 'tag'""")
                .bind("account", accountId).bind("chat", chatId).mapTo(Long.class).one());
    }

    /**
     * @param ruleId a rule
     * @param max    how many
     * @return its latest firings, newest first, with the message text and the reply's state
     */
    List<Shown> latest(long ruleId, int max) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT f.at, f.account_id, f.chat_id, f.message_id, m.text, f.outbound_id, o.state, f.action
                        FROM rule_firings f LEFT JOIN messages m ON m.id = f.message_id
                          LEFT JOIN outbound o ON o.id = f.outbound_id
                        WHERE f.rule_id = :rule ORDER BY f.id DESC LIMIT :max""")
                .bind("rule", ruleId).bind("max", max)
                .map((rs, ctx) -> new Shown(rs.getLong(1), rs.getLong(2), rs.getString(3),
                        (Long) rs.getObject(4, Long.class), rs.getString(5), (Long) rs.getObject(6, Long.class),
                        rs.getString(7), rs.getString(8)))
                .list());
    }

    /**
     * @param ruleId a rule
     * @return how often it fired
     */
    int count(long ruleId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM rule_firings WHERE rule_id = :rule")
                .bind("rule", ruleId).mapTo(Integer.class).one());
    }

    private Rule rule(ResultSet rs) throws SQLException {
        Rule.Trigger trigger = Rule.Trigger.valueOf(rs.getString("trigger_on").toUpperCase(Locale.ROOT));
        TextMatch.MatchKind kind = TextMatch.MatchKind.of(rs.getString("match_kind"));
        String keywords = rs.getString("keywords");
        return new Rule(rs.getLong("id"), (Long) rs.getObject("account_id", Long.class), trigger, kind, keywords,
                trigger == Rule.Trigger.JOIN ? null : TextMatch.parse(kind, keywords, regexTimeout),
                ChatScope.parse(rs.getString("chats")), Schedule.stored(rs.getString("hours"), rs.getInt("days")),
                Duration.ofMillis(rs.getLong("cooldown_ms")), rs.getInt("priority"),
                Rule.Action.valueOf(rs.getString("action").toUpperCase(Locale.ROOT)), rs.getString("reply"),
                rs.getString("tag"), rs.getBoolean("enabled"), rs.getString("created_by"), rs.getLong("created_at"));
    }

    /**
     * A rule acting once.
     *
     * @param ruleId    the rule
     * @param accountId the account
     * @param chatId    the chat
     * @param messageId the message that set it off, or {@code null} for a join
     * @param eventId   the join ({@code group_events.id}), or {@code null}
     * @param action    what it did
     * @param text      the reply, or {@code null}
     * @param at        when, epoch ms
     */
    record Firing(long ruleId, long accountId, String chatId, Long messageId, Long eventId, Rule.Action action,
                  String text, long at) {
    }

    /**
     * A reply firing whose reply is not in the queue.
     *
     * @param id        the firing's id (the reply's origin is {@code rule:<id>})
     * @param ruleId    the rule
     * @param accountId the account
     * @param chatId    the chat
     * @param messageId the message answered, or {@code null} for a join
     * @param text      the reply as rendered
     * @param type      the chat's type
     * @param personId  who is answered (the sender, or the member who joined), or {@code null}
     */
    record Unqueued(long id, long ruleId, long accountId, String chatId, Long messageId, String text, ChatType type,
                    String personId) {
    }

    /**
     * @param id    the firing's id
     * @param isNew whether it was recorded just now (false: the message was acted on before)
     */
    record Recorded(long id, boolean isNew) {
    }

    /**
     * A firing as {@code /rule info} shows it.
     *
     * @param at         when, epoch ms
     * @param accountId  the account
     * @param chatId     the chat
     * @param messageId  the message, or {@code null} for a join
     * @param message    its text, or {@code null}
     * @param outboundId the reply queued, or {@code null}
     * @param state      the reply's state, or {@code null}
     * @param action     reply, ai or tag
     */
    record Shown(long at, long accountId, String chatId, Long messageId, String message, Long outboundId,
                 String state, String action) {
    }
}
