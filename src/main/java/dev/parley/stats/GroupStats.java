package dev.parley.stats;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.parley.directory.DirectoryQueries;
import dev.parley.directory.DirectoryQueries.GroupRow;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Computes a {@link GroupReport}: membership from the stints of {@code group_members} (exact at any moment),
 * joins, leaves and messages from the daily aggregates, inviters from {@code group_events}.
 */
final class GroupStats {
    private static final int TOP = 5;

    private final Jdbi jdbi;
    private final DirectoryQueries directory;

    GroupStats(Jdbi jdbi, DirectoryQueries directory) {
        this.jdbi = jdbi;
        this.directory = directory;
    }

    GroupReport report(GroupRow group, String selfId, StatsWindow window) {
        return jdbi.withHandle(h -> {
            long start = window.startMillis();
            long end = window.endMillis();
            long[] atEdges = h.createQuery("SELECT COALESCE(SUM(" + covers(":start") + "), 0), COALESCE(SUM("
                            + covers(":end") + "), 0) FROM group_members WHERE group_id = :g")
                    .bind("g", group.id()).bind("start", start - 1).bind("end", end - 1)
                    .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
            long membersStart = atEdges[0];
            long membersEnd = atEdges[1];
            long membersNow = group.members(); // the open stints, counted when the group was looked up
            Map<LocalDate, long[]> moves = new HashMap<>();
            h.createQuery("SELECT day, joins, leaves FROM stats_group_days WHERE group_id = :g AND day BETWEEN :from AND :to")
                    .bind("g", group.id()).bind("from", window.from()).bind("to", window.to())
                    .map((rs, ctx) -> moves.put(rs.getObject(1, LocalDate.class), new long[] {rs.getLong(2), rs.getLong(3)}))
                    .list();
            Map<LocalDate, Long> messages = new HashMap<>();
            chat(h, "SELECT day, msgs_in + msgs_out FROM stats_chat_days WHERE account_id = :a AND chat_id = :c"
                    + " AND day BETWEEN :from AND :to", group, window)
                    .map((rs, ctx) -> messages.put(rs.getObject(1, LocalDate.class), rs.getLong(2))).list();
            List<GroupReport.Day> days = new ArrayList<>();
            long members = membersStart;
            for (LocalDate day : window.days()) {
                long[] jl = moves.getOrDefault(day, new long[2]);
                members += jl[0] - jl[1];
                days.add(new GroupReport.Day(day, members, jl[0], jl[1], messages.getOrDefault(day, 0L)));
            }
            long[] perHour = new long[24];
            chat(h, "SELECT hour, SUM(messages) FROM stats_chat_hours WHERE account_id = :a AND chat_id = :c"
                    + " AND day BETWEEN :from AND :to GROUP BY hour", group, window)
                    .map((rs, ctx) -> perHour[rs.getInt(1)] = rs.getLong(2)).list();
            Map<String, Long> perType = new LinkedHashMap<>();
            chat(h, "SELECT msg_type, SUM(messages) AS n FROM stats_chat_types WHERE account_id = :a AND chat_id = :c"
                    + " AND day BETWEEN :from AND :to GROUP BY msg_type ORDER BY n DESC, msg_type", group, window)
                    .map((rs, ctx) -> perType.put(rs.getString(1), rs.getLong(2))).list();
            SenderSpans spans = new SenderSpans(group.accountId(), group.chatId(), window);
            SenderSpans.Speakers speakers = spans.speakers(h, selfId, TOP);
            long silent = spans.silent(h, group.id(), end - 1, selfId);
            Map<String, Long> inviters = inviters(h, group.id(), start, end);
            Map<String, Long> top = speakers.top();
            Set<String> ids = new HashSet<>(top.keySet());
            ids.addAll(inviters.keySet());
            Map<String, String> names = directory.names(group.accountId(), group.id(), ids);
            return new GroupReport(group.accountId(), group.chatId(), group.name() == null ? group.chatId() : group.name(),
                    window, membersNow, membersStart, membersEnd, days, perHour, perType, speakers.active(), silent,
                    ranked(top, names), ranked(inviters, names));
        });
    }

    /** The actors of the window's join events, most first; summed here (see {@link SenderSpans} for why). */
    private static Map<String, Long> inviters(Handle h, long groupId, long start, long end) {
        Map<String, long[]> counts = new HashMap<>();
        h.createQuery("SELECT actor_id FROM group_events WHERE group_id = :g AND kind = 'join' AND occurred_at >= :start"
                        + " AND occurred_at < :end AND actor_id IS NOT NULL")
                .bind("g", groupId).bind("start", start).bind("end", end)
                .map((rs, ctx) -> counts.computeIfAbsent(rs.getString(1), k -> new long[1])[0]++).list();
        Map<String, Long> top = new LinkedHashMap<>();
        counts.entrySet().stream()
                .sorted(Comparator.<Map.Entry<String, long[]>>comparingLong(e -> -e.getValue()[0])
                        .thenComparing(Map.Entry::getKey))
                .limit(TOP)
                .forEach(e -> top.put(e.getKey(), e.getValue()[0]));
        return top;
    }

    /**
     * A stint covers a moment when it began at or before it (or before history) and ends after it; a member has at
     * most one stint covering any moment, so summing covers counts members.
     */
    private static String covers(String at) {
        return "(joined_at IS NULL OR joined_at <= " + at + ") AND (left_at IS NULL OR left_at > " + at + ")";
    }

    private static org.jdbi.v3.core.statement.Query chat(Handle h, String sql, GroupRow group, StatsWindow window) {
        return h.createQuery(sql).bind("a", group.accountId()).bind("c", group.chatId())
                .bind("from", Date.valueOf(window.from())).bind("to", Date.valueOf(window.to()));
    }

    static List<Ranked> ranked(Map<String, Long> counts, Map<String, String> names) {
        return counts.entrySet().stream()
                .map(e -> new Ranked(e.getKey(), names.getOrDefault(e.getKey(), e.getKey()), e.getValue())).toList();
    }
}
