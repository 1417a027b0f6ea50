package dev.parley.stats;

import java.time.LocalDate;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Messages per sender of one chat over a window, read from whole months where the window covers them and from
 * days at its edges: a year of a busy group is twelve rows per speaker plus the partial months, not 365.
 */
final class SenderSpans {
    private SenderSpans() {
    }

    /** @return a query yielding sender id and messages, most first (ties by id) */
    static Query query(Handle h, long accountId, String chatId, StatsWindow window) {
        LocalDate firstMonth = window.from().getDayOfMonth() == 1 ? window.from()
                : window.from().plusMonths(1).withDayOfMonth(1);
        LocalDate afterLastMonth = window.to().plusDays(1).withDayOfMonth(1);
        if (!firstMonth.isBefore(afterLastMonth)) {
            return h.createQuery("SELECT sender_id, SUM(messages) AS n FROM stats_chat_senders WHERE account_id = :a"
                            + " AND chat_id = :c AND day BETWEEN :from AND :to GROUP BY sender_id ORDER BY n DESC, sender_id")
                    .bind("a", accountId).bind("c", chatId).bind("from", window.from()).bind("to", window.to());
        }
        return h.createQuery("""
                        SELECT sender_id, SUM(messages) AS n FROM (
                          SELECT sender_id, messages FROM stats_chat_sender_months
                          WHERE account_id = :a AND chat_id = :c AND month >= :firstMonth AND month < :afterLastMonth
                          UNION ALL
                          SELECT sender_id, messages FROM stats_chat_senders
                          WHERE account_id = :a AND chat_id = :c
                            AND (day BETWEEN :from AND :beforeFirstMonth OR day BETWEEN :afterLastMonth AND :to)
                        ) spans GROUP BY sender_id ORDER BY n DESC, sender_id""")
                .bind("a", accountId).bind("c", chatId).bind("from", window.from()).bind("to", window.to())
                .bind("firstMonth", firstMonth).bind("beforeFirstMonth", firstMonth.minusDays(1))
                .bind("afterLastMonth", afterLastMonth);
    }
}
