package dev.parley.ai;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.parley.message.ChatType;

import org.jdbi.v3.core.Jdbi;

/** Reads what drafting needs from {@code messages}: the customer's unanswered burst and the conversation so far. */
public final class Conversations {
    private static final int MAX_BURST = 20;
    /** How many of a chat's newest messages a burst is looked for in. */
    private static final int WINDOW = 200;

    private final Jdbi jdbi;
    private final Triggers triggers;

    /**
     * @param jdbi     the database
     * @param triggers which messages ask for a draft
     */
    public Conversations(Jdbi jdbi, Triggers triggers) {
        this.jdbi = jdbi;
        this.triggers = triggers;
    }

    /**
     * The customer's text messages that ask for a draft (see {@link Triggers}; also those a keyword rule handed to AI,
     * never those a rule answered, as {@code rule_firings} records) since the account last wrote in the
     * chat (at most the last 20 of them, among the chat's last {@value #WINDOW} messages). The chat is read
     * newest first along its time index, so a group with a million messages costs as little as a private chat.
     *
     * @param accountId the account
     * @param chatId    the chat
     * @return the burst, or empty when the account answered last
     */
    public Optional<Burst> burst(long accountId, String chatId) {
        List<Row> newest = jdbi.withHandle(h -> h.createQuery("""
                        SELECT m.id, m.direction, m.chat_type, m.msg_type, m.text,
                          (a.self_id IS NOT NULL AND FIND_IN_SET(a.self_id, m.mentions) > 0) AS mentions_self,
                          EXISTS (SELECT 1 FROM rule_firings f WHERE f.message_id = m.id AND f.action = 'reply')
                            AS rule_answered,
                          EXISTS (SELECT 1 FROM rule_firings f WHERE f.message_id = m.id AND f.action = 'ai')
                            AS handed_over
                        FROM messages m JOIN accounts a ON a.id = m.account_id
                        WHERE m.account_id = :a AND m.chat_id = :c
                        ORDER BY m.sent_at DESC, m.id DESC LIMIT :window""")
                .bind("a", accountId).bind("c", chatId).bind("window", WINDOW)
                .map((rs, ctx) -> new Row(rs.getLong(1), "out".equals(rs.getString(2)), rs.getString(3),
                        "text".equals(rs.getString(4)) ? rs.getString(5) : null, rs.getBoolean(6),
                        rs.getBoolean(7), rs.getBoolean(8)))
                .list());
        List<Row> unanswered = new ArrayList<>();
        for (Row row : newest.stream().sorted(Comparator.comparingLong(Row::id).reversed()).toList()) {
            if (row.out()) {
                break;
            }
            if (row.text() != null) {
                unanswered.add(row);
                if (unanswered.size() == MAX_BURST) {
                    break;
                }
            }
        }
        List<Row> rows = unanswered.stream().filter(r -> !r.ruleAnswered() && (r.handedOver()
                || triggers.fires(ChatType.valueOf(r.chatType().toUpperCase(Locale.ROOT)), r.mentionsSelf(),
                r.text()))).toList();
        if (rows.isEmpty()) {
            return Optional.empty();
        }
        List<Row> ordered = new ArrayList<>(rows.reversed());
        String text = String.join("\n", ordered.stream().map(Row::text).toList());
        ChatType type = ChatType.valueOf(ordered.getFirst().chatType().toUpperCase(Locale.ROOT));
        return Optional.of(new Burst(accountId, chatId, type, ordered.getFirst().id(), ordered.getLast().id(), text));
    }

    /**
     * @param accountId the account
     * @param chatId    the chat
     * @param upTo      the newest message to include
     * @param limit     most messages
     * @return the last text messages of the chat up to {@code upTo}, oldest first
     */
    public List<Prompt.Turn> recent(long accountId, String chatId, long upTo, int limit) {
        List<Prompt.Turn> newestFirst = jdbi.withHandle(h -> h.createQuery("""
                        SELECT direction, text FROM messages
                        WHERE account_id = :a AND chat_id = :c AND id <= :upTo AND msg_type = 'text' AND text IS NOT NULL
                        ORDER BY sent_at DESC, id DESC LIMIT :limit""")
                .bind("a", accountId).bind("c", chatId).bind("upTo", upTo).bind("limit", limit)
                .map((rs, ctx) -> new Prompt.Turn("in".equals(rs.getString(1)), rs.getString(2))).list());
        return newestFirst.reversed();
    }

    /** A message of the chat as a burst needs it: its text only when it is a text message. */
    private record Row(long id, boolean out, String chatType, String text, boolean mentionsSelf,
                       boolean ruleAnswered, boolean handedOver) {
    }

    /**
     * @param accountId the account
     * @param chatId    a chat id as typed
     * @return whether the account has any message in a chat with exactly that id
     */
    public boolean seen(long accountId, String chatId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT EXISTS (SELECT 1 FROM messages WHERE account_id = :a AND chat_id = :c)""")
                .bind("a", accountId).bind("c", chatId).mapTo(Boolean.class).one());
    }
}
