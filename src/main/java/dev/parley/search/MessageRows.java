package dev.parley.search;

import java.util.List;

import org.jdbi.v3.core.Jdbi;

/** Reads the {@code messages} table in id order for the index: the only SQL the index runs. */
final class MessageRows {
    private static final String PAGE = "SELECT id, account_id, chat_id, sender_id, msg_type, LEFT(text, "
            + IndexFields.MAX_TEXT_CHARS + ") AS text, sent_at FROM messages WHERE id > ? ORDER BY id LIMIT ?";

    private final Jdbi jdbi;

    MessageRows(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * @param afterId read rows with a larger id
     * @param limit   at most this many
     * @return the rows in id order
     */
    List<MessageRow> after(long afterId, int limit) {
        return jdbi.withHandle(h -> h.createQuery(PAGE).bind(0, afterId).bind(1, limit)
                .map((rs, ctx) -> new MessageRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getString(6), rs.getLong(7)))
                .list());
    }

    /** @return the largest message id, 0 when there are no messages */
    long maxId() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM messages")
                .mapTo(Long.class).one());
    }

    /**
     * @param afterId exclusive lower bound
     * @param upToId  inclusive upper bound
     * @return how many messages have an id in that range
     */
    long count(long afterId, long upToId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM messages WHERE id > ? AND id <= ?")
                .bind(0, afterId).bind(1, upToId).mapTo(Long.class).one());
    }
}
