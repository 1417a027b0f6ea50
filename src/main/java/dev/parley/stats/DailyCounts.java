package dev.parley.stats;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.HashMap;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The message aggregates one page of {@code messages} adds, summed in memory and then added to the daily
 * tables with one batched upsert per table. Adding (not recounting) is safe because the page and the watermark
 * that skips it next time commit together.
 */
final class DailyCounts {
    private final ZoneId zone;
    private final Map<ChatDay, int[]> days = new HashMap<>();
    private final Map<Keyed<Integer>, Integer> hours = new HashMap<>();
    private final Map<Keyed<String>, Integer> types = new HashMap<>();
    private final Map<Keyed<String>, Integer> senders = new HashMap<>();
    private final Map<Keyed<String>, Integer> senderMonths = new HashMap<>();

    private record ChatDay(long accountId, String chatId, LocalDate day, String chatType) {
    }

    private record Keyed<K>(long accountId, String chatId, LocalDate day, K key) {
    }

    DailyCounts(ZoneId zone) {
        this.zone = zone;
    }

    /**
     * Counts one stored message; notices, withdrawals, reactions and edits are not messages people wrote, so they are
     * skipped.
     */
    void add(long accountId, String chatId, String chatType, String senderId, boolean out, String type, long sentAt) {
        if (type.equals("system") || type.equals("revoke") || type.equals("reaction") || type.equals("edit")) {
            return;
        }
        ZonedDateTime local = Instant.ofEpochMilli(sentAt).atZone(zone);
        LocalDate day = local.toLocalDate();
        int[] inOut = days.computeIfAbsent(new ChatDay(accountId, chatId, day, chatType), k -> new int[2]);
        inOut[out ? 1 : 0]++;
        if (!chatType.equals("group")) {
            return;
        }
        hours.merge(new Keyed<>(accountId, chatId, day, local.getHour()), 1, Integer::sum);
        types.merge(new Keyed<>(accountId, chatId, day, type), 1, Integer::sum);
        senders.merge(new Keyed<>(accountId, chatId, day, senderId), 1, Integer::sum);
        senderMonths.merge(new Keyed<>(accountId, chatId, day.withDayOfMonth(1), senderId), 1, Integer::sum);
    }

    /** Adds everything counted to the daily tables. */
    void write(Handle h) {
        PreparedBatch day = h.prepareBatch("""
                INSERT INTO stats_chat_days (account_id, chat_id, day, chat_type, msgs_in, msgs_out)
                VALUES (:account, :chat, :day, :type, :in, :out)
                ON DUPLICATE KEY UPDATE msgs_in = msgs_in + VALUES(msgs_in), msgs_out = msgs_out + VALUES(msgs_out)""");
        days.forEach((k, v) -> day.bind("account", k.accountId()).bind("chat", k.chatId()).bind("day", k.day())
                .bind("type", k.chatType()).bind("in", v[0]).bind("out", v[1]).add());
        execute(day);
        upsert(h, "stats_chat_hours", "day", "hour", hours);
        upsert(h, "stats_chat_types", "day", "msg_type", types);
        upsert(h, "stats_chat_senders", "day", "sender_id", senders);
        upsert(h, "stats_chat_sender_months", "month", "sender_id", senderMonths);
    }

    private static <K> void upsert(Handle h, String table, String period, String column, Map<Keyed<K>, Integer> counts) {
        PreparedBatch batch = h.prepareBatch("INSERT INTO " + table + " (account_id, chat_id, " + period + ", " + column
                + ", messages) VALUES (:account, :chat, :day, :key, :n)"
                + " ON DUPLICATE KEY UPDATE messages = messages + VALUES(messages)");
        counts.forEach((k, n) -> batch.bind("account", k.accountId()).bind("chat", k.chatId()).bind("day", k.day())
                .bind("key", k.key()).bind("n", n).add());
        execute(batch);
    }

    private static void execute(PreparedBatch batch) {
        if (batch.size() > 0) {
            batch.execute();
        }
    }
}
