package dev.parley.ingest;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import dev.parley.account.AccountKey;
import dev.parley.account.AccountRegistry;
import dev.parley.message.InboundMessage;
import dev.parley.message.MessageType;
import dev.parley.message.ShortTexts;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.Query;

/**
 * Writes a batch of inbound messages in one transaction: resolves (or creates) their accounts, inserts
 * the messages with {@code INSERT IGNORE … RETURNING} so re-deliveries are skipped by the unique key
 * (account, platform message id) and the database itself reports which rows were new, then keeps the
 * per-account counters and withdrawn-message marks in step. Nothing is visible until the commit.
 */
public final class MessageWriter implements BatchWriter {
    /** Rows per INSERT statement; 14 columns each stays far below the 65,535 placeholder limit. */
    private static final int ROWS_PER_STATEMENT = 500;
    private static final int MAX_MENTIONS_LENGTH = 2048;

    private final Jdbi jdbi;
    private final AccountRegistry accounts;
    private final InstantSource clock;

    /**
     * @param jdbi     the database
     * @param accounts account id resolution shared with the rest of the process
     * @param clock    source of {@code received_at}
     */
    public MessageWriter(Jdbi jdbi, AccountRegistry accounts, InstantSource clock) {
        this.jdbi = jdbi;
        this.accounts = accounts;
        this.clock = clock;
    }

    @Override
    public Written write(List<InboundMessage> messages) {
        AccountRegistry.Scope[] scope = new AccountRegistry.Scope[1];
        Written written = jdbi.inTransaction(handle -> {
            scope[0] = accounts.scope(handle);
            return write(handle, scope[0], messages);
        });
        scope[0].publish();
        return written;
    }

    private Written write(Handle handle, AccountRegistry.Scope scope, List<InboundMessage> messages) {
        long receivedAt = clock.millis();
        long[] accountIds = new long[messages.size()];
        for (int i = 0; i < messages.size(); i++) {
            InboundMessage m = messages.get(i);
            accountIds[i] = scope.idOf(new AccountKey(m.platform(), m.accountExternalId()), m.accountSelfId());
        }
        BitSet stored = new BitSet(messages.size());
        long maxId = 0;
        for (int from = 0; from < messages.size(); from += ROWS_PER_STATEMENT) {
            int to = Math.min(messages.size(), from + ROWS_PER_STATEMENT);
            maxId = Math.max(maxId, insertChunk(handle, messages, accountIds, from, to, receivedAt, stored));
        }
        updateAccounts(handle, messages, accountIds, stored);
        markRevoked(handle, messages, accountIds, stored);
        return new Written(stored, maxId);
    }

    private long insertChunk(Handle handle, List<InboundMessage> messages, long[] accountIds, int from, int to,
                             long receivedAt, BitSet stored) {
        StringBuilder sql = new StringBuilder(160 + (to - from) * 40).append("""
                INSERT IGNORE INTO messages (account_id, platform_msg_id, chat_id, chat_type, sender_id, sender_name,
                  direction, msg_type, text, mentions, ref_msg_id, raw, sent_at, received_at) VALUES\s""");
        for (int i = from; i < to; i++) {
            sql.append(i == from ? "" : ",").append("(?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
        }
        sql.append(" RETURNING id, account_id, platform_msg_id");
        Query query = handle.createQuery(sql.toString());
        int p = 0;
        // The first occurrence of a key in the batch is the one stored; later ones are duplicates.
        Map<String, Integer> positionByKey = new HashMap<>();
        for (int i = from; i < to; i++) {
            InboundMessage m = messages.get(i);
            positionByKey.putIfAbsent(accountIds[i] + "/" + m.platformMsgId(), i);
            query.bind(p++, accountIds[i])
                    .bind(p++, m.platformMsgId())
                    .bind(p++, m.chatId())
                    .bind(p++, m.chatType().code())
                    .bind(p++, m.senderId())
                    .bind(p++, ShortTexts.name(m.senderName()))
                    .bind(p++, m.direction().code())
                    .bind(p++, m.type().code())
                    .bind(p++, m.text())
                    .bind(p++, mentions(m.mentions()))
                    .bind(p++, m.refMsgId())
                    .bind(p++, m.raw())
                    .bind(p++, m.sentAt())
                    .bind(p++, receivedAt);
        }
        long[] maxId = {0};
        query.map((rs, ctx) -> {
            maxId[0] = Math.max(maxId[0], rs.getLong(1));
            Integer position = positionByKey.get(rs.getLong(2) + "/" + rs.getString(3));
            if (position != null) {
                stored.set(position);
            }
            return null;
        }).list();
        return maxId[0];
    }

    private static void updateAccounts(Handle handle, List<InboundMessage> messages, long[] accountIds, BitSet stored) {
        Map<Long, long[]> countAndLatest = new LinkedHashMap<>();
        stored.stream().forEach(i -> {
            long[] agg = countAndLatest.computeIfAbsent(accountIds[i], k -> new long[2]);
            agg[0]++;
            agg[1] = Math.max(agg[1], messages.get(i).sentAt());
        });
        if (countAndLatest.isEmpty()) {
            return;
        }
        var batch = handle.prepareBatch("""
                UPDATE accounts SET message_count = message_count + :count,
                  last_message_at = GREATEST(COALESCE(last_message_at, 0), :latest) WHERE id = :id""");
        countAndLatest.forEach((id, agg) -> batch.bind("count", agg[0]).bind("latest", agg[1]).bind("id", id).add());
        batch.execute();
    }

    private static void markRevoked(Handle handle, List<InboundMessage> messages, long[] accountIds, BitSet stored) {
        List<Integer> revokes = new ArrayList<>();
        stored.stream().filter(i -> messages.get(i).type() == MessageType.REVOKE && messages.get(i).refMsgId() != null)
                .forEach(revokes::add);
        if (revokes.isEmpty()) {
            return;
        }
        var batch = handle.prepareBatch(
                "UPDATE messages SET revoked_at = :at WHERE account_id = :account AND platform_msg_id = :ref");
        for (int i : revokes) {
            batch.bind("at", messages.get(i).sentAt()).bind("account", accountIds[i])
                    .bind("ref", messages.get(i).refMsgId()).add();
        }
        batch.execute();
    }

    private static String mentions(List<String> mentions) {
        if (mentions.isEmpty()) {
            return null;
        }
        String joined = String.join(",", mentions);
        return joined.length() <= MAX_MENTIONS_LENGTH ? joined : joined.substring(0, MAX_MENTIONS_LENGTH);
    }
}
