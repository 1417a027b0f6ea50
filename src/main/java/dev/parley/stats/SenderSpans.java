package dev.parley.stats;

import java.time.LocalDate;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.Query;

/**
 * Messages per sender of one chat over a window, read from whole months where the window covers them and from
 * days at its edges: a year of a busy group is twelve rows per speaker plus the partial months, not 365. The
 * rows are summed here rather than by a GROUP BY: grouping tens of thousands of ids under the tables' Unicode
 * collation costs the database ten times more than reading them.
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
        Map<String, long[]> totals = new HashMap<>();
        bind(h.createQuery(rows("sender_id, messages", "")))
                .map((rs, ctx) -> totals.computeIfAbsent(rs.getString(1), k -> new long[1])[0] += rs.getLong(2))
                .list();
        Map<String, Long> top = new LinkedHashMap<>();
        totals.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                        .thenComparing(Map.Entry::getKey))
                .limit(limit)
                .forEach(e -> top.put(e.getKey(), e.getValue()[0]));
        return new Speakers(top, totals.size() - (totals.containsKey(selfId) ? 1 : 0));
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
                + " AND day BETWEEN :from AND :beforeFirstMonth UNION ALL " + days + " AND day BETWEEN :afterLastMonth AND :to";
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
