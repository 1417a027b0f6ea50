package dev.parley.search;

import java.util.List;

import dev.parley.bench.SyntheticMessage;
import dev.parley.message.MessageType;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/** Writes accounts and messages the way the ingest batcher would: one writer, batched, ids in order. */
final class TestMessages {
    private static final String INSERT = "INSERT INTO messages (account_id, platform_msg_id, chat_id, chat_type,"
            + " sender_id, sender_name, direction, msg_type, text, sent_at, received_at)"
            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static long counter;

    private TestMessages() {
    }

    /** @return the id of a new account */
    static long account(Jdbi jdbi, String externalId) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "INSERT INTO accounts (platform, external_id, created_at) VALUES ('wechat', ?, 0)")
                .bind(0, externalId).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /**
     * Inserts generated messages in batches of 1,000.
     *
     * @param accountIds account id for each generated account index
     * @return the highest message id afterwards
     */
    static long insert(Jdbi jdbi, long[] accountIds, List<SyntheticMessage> messages) {
        jdbi.useTransaction(h -> {
            PreparedBatch batch = h.prepareBatch(INSERT);
            for (SyntheticMessage m : messages) {
                batch.bind(0, accountIds[m.account()]).bind(1, m.platformMsgId()).bind(2, m.chatId())
                        .bind(3, m.chatType().code()).bind(4, m.senderId()).bind(5, m.senderName())
                        .bind(6, m.direction().code()).bind(7, m.type().code()).bind(8, m.text())
                        .bind(9, m.sentAt()).bind(10, m.sentAt()).add();
                if (batch.size() == 1_000) {
                    batch.execute();
                    batch = h.prepareBatch(INSERT);
                }
            }
            if (batch.size() > 0) {
                batch.execute();
            }
        });
        return maxId(jdbi);
    }

    /**
     * Inserts one message.
     *
     * @return its id
     */
    static synchronized long insert(Jdbi jdbi, long accountId, String chatId, String senderId, MessageType type,
                                    String text, long sentAt) {
        String platformId = "t" + (++counter) + "-" + System.nanoTime();
        return jdbi.withHandle(h -> h.createUpdate(INSERT)
                .bind(0, accountId).bind(1, platformId).bind(2, chatId).bind(3, "group").bind(4, senderId)
                .bind(5, "name of " + senderId).bind(6, "in").bind(7, type.code()).bind(8, text).bind(9, sentAt)
                .bind(10, sentAt).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /** @return the highest message id, 0 when none */
    static long maxId(Jdbi jdbi) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM messages").mapTo(Long.class).one());
    }

    /** @return ids of messages whose text contains the string, by the database's own LIKE */
    static List<Long> like(Jdbi jdbi, String substring) {
        String escaped = substring.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT id FROM messages WHERE text LIKE CONCAT('%', ?, '%') ORDER BY id")
                .bind(0, escaped).mapTo(Long.class).list());
    }
}
