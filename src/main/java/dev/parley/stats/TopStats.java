package dev.parley.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.jdbi.v3.core.Jdbi;

/**
 * Rankings and sums over a window from the daily aggregates: totals for the digest, the groups with the most messages and the people who sent
 * the most group messages, across all accounts (a group several accounts are in counts once per account that
 * stored its messages).
 */
final class TopStats {
    private static final int TOP = 10;

    private final Jdbi jdbi;

    TopStats(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    Stats.DayTotals totals(StatsWindow window) {
        return jdbi.withHandle(h -> {
            long messages = h.createQuery("SELECT COALESCE(SUM(msgs_in + msgs_out), 0) FROM stats_chat_days"
                            + " WHERE day BETWEEN :from AND :to")
                    .bind("from", window.from()).bind("to", window.to()).mapTo(Long.class).one();
            long[] moves = h.createQuery("SELECT COALESCE(SUM(joins), 0), COALESCE(SUM(leaves), 0) FROM stats_group_days"
                            + " WHERE day BETWEEN :from AND :to")
                    .bind("from", window.from()).bind("to", window.to())
                    .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
            return new Stats.DayTotals(messages, moves[0], moves[1]);
        });
    }

    List<Ranked> groups(StatsWindow window) {
        return jdbi.withHandle(h -> {
            List<Ranked> rows = new ArrayList<>();
            h.createQuery("""
                            SELECT d.chat_id, MAX(COALESCE(g.name, d.chat_id)), SUM(d.msgs_in + d.msgs_out) AS n
                            FROM stats_chat_days d LEFT JOIN `groups` g ON g.account_id = d.account_id AND g.chat_id = d.chat_id
                            WHERE d.day BETWEEN :from AND :to AND d.chat_type = 'group'
                            GROUP BY d.chat_id ORDER BY n DESC, d.chat_id LIMIT""" + " " + TOP)
                    .bind("from", window.from()).bind("to", window.to())
                    .map((rs, ctx) -> rows.add(new Ranked(rs.getString(1), rs.getString(2), rs.getLong(3)))).list();
            return rows;
        });
    }

    List<Ranked> speakers(StatsWindow window) {
        return jdbi.withHandle(h -> {
            Map<String, Long> top = new LinkedHashMap<>();
            h.createQuery("""
                            SELECT s.sender_id, SUM(s.messages) AS n FROM stats_chat_senders s
                            WHERE s.day BETWEEN :from AND :to
                              AND s.sender_id NOT IN (SELECT self_id FROM accounts WHERE self_id IS NOT NULL)
                            GROUP BY s.sender_id ORDER BY n DESC, s.sender_id LIMIT""" + " " + TOP)
                    .bind("from", window.from()).bind("to", window.to())
                    .map((rs, ctx) -> top.put(rs.getString(1), rs.getLong(2))).list();
            Map<String, String> names = new HashMap<>();
            if (!top.isEmpty()) {
                h.createQuery("SELECT member_id, MAX(display_name) FROM group_members WHERE member_id IN (<ids>)"
                                + " AND display_name IS NOT NULL GROUP BY member_id")
                        .bindList("ids", List.copyOf(top.keySet()))
                        .map((rs, ctx) -> names.put(rs.getString(1), rs.getString(2))).list();
            }
            return GroupStats.ranked(top, names);
        });
    }
}
