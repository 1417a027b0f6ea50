package dev.parley.message;

import java.util.Locale;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;

/**
 * Reads single messages by id. It never writes: {@code messages} has one writer, the ingest committer, because the
 * search index relies on ids becoming visible in increasing order.
 */
public final class MessageStore {
    private final Jdbi jdbi;

    /**
     * @param jdbi the database
     */
    public MessageStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * @param id a message id
     * @return the message, if it exists
     */
    public Optional<StoredMessage> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, account_id, platform_msg_id, chat_id, chat_type, sender_id, sender_name, direction,
                          msg_type, text, raw, sent_at FROM messages WHERE id = :id""")
                .bind("id", id)
                .map((rs, ctx) -> new StoredMessage(rs.getLong("id"), rs.getLong("account_id"),
                        rs.getString("platform_msg_id"), rs.getString("chat_id"),
                        ChatType.valueOf(rs.getString("chat_type").toUpperCase(Locale.ROOT)),
                        rs.getString("sender_id"), rs.getString("sender_name"),
                        Direction.valueOf(rs.getString("direction").toUpperCase(Locale.ROOT)),
                        type(rs.getString("msg_type")), rs.getString("text"), rs.getString("raw"),
                        rs.getLong("sent_at")))
                .findOne());
    }

    /**
     * @param accountId a managed account
     * @param chatId    a chat id
     * @return the type of that chat when the account has a message in it
     */
    public Optional<ChatType> chatType(long accountId, String chatId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT chat_type FROM messages WHERE account_id = :account AND chat_id = :chat LIMIT 1")
                .bind("account", accountId).bind("chat", chatId)
                .map((rs, ctx) -> ChatType.valueOf(rs.getString(1).toUpperCase(Locale.ROOT))).findOne());
    }

    /**
     * @param accountId a managed account
     * @param chatId    a chat id
     * @return when someone in that chat last wrote to the account (not the account's own messages), epoch ms
     */
    public Optional<Long> lastReceivedAt(long accountId, String chatId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT MAX(sent_at) FROM messages WHERE account_id = :account"
                        + " AND chat_id = :chat AND direction = 'in'")
                .bind("account", accountId).bind("chat", chatId).mapTo(Long.class).findOne());
    }

    private static MessageType type(String code) {
        try {
            return MessageType.fromCode(code);
        } catch (IllegalArgumentException newerVersion) {
            return MessageType.UNKNOWN;
        }
    }
}
