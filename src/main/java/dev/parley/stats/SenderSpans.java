package dev.parley.stats;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Messages per sender of one chat over a window, read from whole months where the window covers them and from
 * days at its edges: a year of a busy group is twelve rows per speaker plus the partial months, not 365. The
 * aggregation stays in the database: only the top speakers and two counts come back.
 */
final class SenderSpans {
    private final long accountId;
    private final String chatId;
    private final StatsWindow window;
    private final LocalDate firstMonth;
    private final LocalDate afterLastMonth;

    /**
     * What the speakers of a window add up to.
     *
     * @param top    the top speakers and their messages, most first (ties by id)
     * @param active speakers other than the account
     */
    record Speakers(Map<String, Long> top, long active) {
    }

    SenderSpans(long accountId, String chatId, StatsWindow window) {
        this.accountId = accountId;
        this.chatId = chatId;
        this.window = window;
        this.firstMonth = window.from().getDayOfMonth() == 1 ? window.from() : window.from().plusMonths(1).withDayOfMonth(1);
        this.afterLastMonth = window.to().plusDays(1).withDayOfMonth(1);
    }

    /**
     * @param selfId the account's own id (not an active member), or {@code null}
     * @param limit  how many top speakers
     */
    Speakers speakers(Handle h, String selfId, int limit) {
        Map<String, Long> top = new LinkedHashMap<>();
        long[] active = {0};
        bind(h.createQuery("SELECT sender_id, n, SUM(sender_id <> :self) OVER () FROM (SELECT sender_id, SUM(messages) AS n FROM ("
                        + rows("sender_id, messages", "") + ") spans GROUP BY sender_id) totals ORDER BY n DESC, sender_id"
                        + " LIMIT " + limit))
                .bind("self", selfId == null ? "" : selfId)
                .map((rs, ctx) -> {
                    top.put(rs.getString(1), rs.getLong(2));
                    active[0] = rs.getLong(3);
                    return null;
                }).list();
        return new Speakers(top, active[0]);
    }

    /**
     * @param groupId the {@code groups} row
     * @param at      a moment (epoch ms)
     * @param selfId  the account's own id, or {@code null}
     * @return members at that moment, other than the account, who sent nothing in the window
     */
    long silent(Handle h, long groupId, long at, String selfId) {
        return bind(h.createQuery("SELECT COUNT(*) FROM group_members m WHERE m.group_id = :g"
                        + " AND (m.joined_at IS NULL OR m.joined_at <= :at) AND (m.left_at IS NULL OR m.left_at > :at)"
                        + " AND m.member_id <> :self AND NOT EXISTS (" + rows("1", " AND sender_id = m.member_id") + ")"))
                .bind("g", groupId).bind("at", at).bind("self", selfId == null ? "" : selfId)
                .mapTo(Long.class).one();
    }

    /** The rows of the window: whole months, then edge days (or days only when no month is whole). */
    private String rows(String columns, String filter) {
        String days = "SELECT " + columns + " FROM stats_chat_senders WHERE account_id = :a AND chat_id = :c" + filter;
        if (!firstMonth.isBefore(afterLastMonth)) {
            return days + " AND day BETWEEN :from AND :to";
        }
        return "SELECT " + columns + " FROM stats_chat_sender_months WHERE account_id = :a AND chat_id = :c" + filter
                + " AND month >= :firstMonth AND month < :afterLastMonth UNION ALL " + days
                + " AND (day BETWEEN :from AND :beforeFirstMonth OR day BETWEEN :afterLastMonth AND :to)";
    }

    private Query bind(Query query) {
        query.bind("a", accountId).bind("c", chatId).bind("from", window.from()).bind("to", window.to());
        if (firstMonth.isBefore(afterLastMonth)) {
            query.bind("firstMonth", firstMonth).bind("beforeFirstMonth", firstMonth.minusDays(1))
                    .bind("afterLastMonth", afterLastMonth);
        }
        return query;
    }
}
