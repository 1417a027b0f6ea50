package dev.parley.search;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;

import org.jdbi.v3.core.Jdbi;

/** Reads the {@code messages} table in id order for the index: the only SQL the index runs. */
final class MessageRows {
    private static final String COLUMNS = "m.id, m.account_id, m.chat_id, m.sender_id, m.msg_type, LEFT(m.text, "
            + IndexFields.MAX_TEXT_CHARS + ") AS text, m.sent_at, m.revoked_at IS NOT NULL,"
            + " CASE WHEN m.msg_type = 'revoke' THEN (SELECT t.id FROM messages t WHERE t.account_id = m.account_id"
            + " AND t.platform_msg_id = m.ref_msg_id) END AS withdraws FROM messages m";
    private static final String PAGE = "SELECT " + COLUMNS + " WHERE m.id > ? ORDER BY m.id LIMIT ?";

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
                .map((rs, ctx) -> row(rs)).list());
    }

    /**
     * @param ids message ids
     * @return their rows, as they are now (a withdrawn message, to be indexed again)
     */
    List<MessageRow> byIds(List<Long> ids) {
        if (ids.isEmpty()) {
            return List.of();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " WHERE m.id IN (<ids>)").bindList("ids", ids)
                .map((rs, ctx) -> row(rs)).list());
    }

    private static MessageRow row(ResultSet rs) throws SQLException {
        long target = rs.getLong(9);
        Long withdraws = rs.wasNull() ? null : target;
        return new MessageRow(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getLong(7), rs.getBoolean(8), withdraws);
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
