package dev.parley.stats;

import java.util.ArrayList;
import java.util.List;

import org.jdbi.v3.core.Jdbi;

/**
 * Computes a {@link FleetReport}: account states, and the last 24 hours of messages read straight from
 * {@code messages} (a range of its time index, small by construction).
 */
final class FleetStats {
    private static final int TOP = 5;

    private final Jdbi jdbi;

    FleetStats(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    FleetReport report(long now) {
        return jdbi.withHandle(h -> {
            long[] states = new long[3];
            h.createQuery("SELECT status, COUNT(*) FROM accounts GROUP BY status")
                    .map((rs, ctx) -> {
                        int slot = switch (rs.getString(1)) {
                            case "online" -> 0;
                            case "offline" -> 1;
                            default -> 2;
                        };
                        states[slot] += rs.getLong(2);
                        return null;
                    }).list();
            long groups = h.createQuery("SELECT COUNT(DISTINCT chat_id) FROM `groups` WHERE status = 'active'")
                    .mapTo(Long.class).one();
            long since = now - 24L * 3600 * 1000;
            long messages = h.createQuery("SELECT COUNT(*) FROM messages WHERE sent_at >= :since"
                            + " AND msg_type NOT IN ('system', 'revoke')")
                    .bind("since", since).mapTo(Long.class).one();
            List<Ranked> busiest = new ArrayList<>();
            h.createQuery("""
                            SELECT m.chat_id, MAX(COALESCE(g.name, m.chat_id)), COUNT(*) AS n FROM messages m
                            LEFT JOIN `groups` g ON g.account_id = m.account_id AND g.chat_id = m.chat_id
                            WHERE m.sent_at >= :since AND m.chat_type = 'group' AND m.msg_type NOT IN ('system', 'revoke')
                            GROUP BY m.chat_id ORDER BY n DESC, m.chat_id LIMIT""" + " " + TOP)
                    .bind("since", since)
                    .map((rs, ctx) -> busiest.add(new Ranked(rs.getString(1), rs.getString(2), rs.getLong(3)))).list();
            return new FleetReport(states[0], states[1], states[2], groups, messages, busiest);
        });
    }
}
