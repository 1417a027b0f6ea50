package dev.parley.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.parley.account.Account;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Computes an {@link AccountReport}: messages per day from the aggregates; response times by walking the
 * account's private messages of the window in order, chat by chat (the index on account, chat and time makes
 * this one range read); groups and contacts at the end of each day from their intervals (a group from
 * {@code first_seen_at} to {@code gone_at}, a friend over each of their {@code contact_stints}). Automatic messages
 * (keyword rules, broadcasts) are counted on their own and left out of the response times, which measure people.
 */
final class AccountStats {
    /** Whether message {@code m} was sent from an outbound row with an origin: a rule's or a broadcast's. */
    private static final String AUTOMATIC = "SELECT 1 FROM outbound o WHERE o.account_id = m.account_id"
            + " AND o.sent_id = m.platform_msg_id AND o.origin IS NOT NULL";

    private final Jdbi jdbi;

    AccountStats(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    AccountReport report(Account account, StatsWindow window) {
        return jdbi.withHandle(h -> {
            long groupsNow = h.createQuery("SELECT COUNT(*) FROM `groups` WHERE account_id = :a AND status = 'active'")
                    .bind("a", account.id()).mapTo(Long.class).one();
            long groupsNew = h.createQuery("SELECT COUNT(*) FROM `groups` WHERE account_id = :a"
                            + " AND first_seen_at >= :start AND first_seen_at < :end")
                    .bind("a", account.id()).bind("start", window.startMillis()).bind("end", window.endMillis())
                    .mapTo(Long.class).one();
            long contacts = h.createQuery("SELECT COUNT(*) FROM contacts WHERE account_id = :a AND kind = 'friend'")
                    .bind("a", account.id()).mapTo(Long.class).one();
            Intervals groups = intervals(h, "SELECT first_seen_at, gone_at FROM `groups` WHERE account_id = :a"
                    + " AND first_seen_at < :end", account.id(), window.endMillis());
            Intervals friends = intervals(h, "SELECT since_at, until_at FROM contact_stints WHERE account_id = :a"
                    + " AND since_at < :end", account.id(), window.endMillis());
            Map<LocalDate, long[]> byDay = new HashMap<>();
            h.createQuery("SELECT day, SUM(msgs_in), SUM(msgs_out) FROM stats_chat_days WHERE account_id = :a"
                            + " AND day BETWEEN :from AND :to GROUP BY day")
                    .bind("a", account.id()).bind("from", window.from()).bind("to", window.to())
                    .map((rs, ctx) -> byDay.put(rs.getObject(1, LocalDate.class), new long[] {rs.getLong(2), rs.getLong(3)}))
                    .list();
            List<AccountReport.Day> days = new ArrayList<>();
            for (LocalDate day : window.days()) {
                long[] io = byDay.getOrDefault(day, new long[2]);
                long end = day.plusDays(1).atStartOfDay(window.zone()).toInstant().toEpochMilli();
                days.add(new AccountReport.Day(day, io[0], io[1], groups.at(end), friends.at(end)));
            }
            ReplyClock replies = new ReplyClock();
            // automatic messages (a rule's reply, a broadcast) are counted apart and are not a person's reply
            h.createQuery("SELECT m.chat_id, m.direction, m.sent_at FROM messages m WHERE m.account_id = :a"
                            + " AND m.chat_type = 'private' AND m.sent_at >= :start AND m.sent_at < :end"
                            + " AND m.msg_type NOT IN ('system', 'revoke') AND NOT (m.direction = 'out' AND EXISTS ("
                            + AUTOMATIC + ")) ORDER BY m.chat_id, m.sent_at, m.id")
                    .bind("a", account.id()).bind("start", window.startMillis()).bind("end", window.endMillis())
                    .map((rs, ctx) -> {
                        replies.message(rs.getString(1), "out".equals(rs.getString(2)), rs.getLong(3));
                        return null;
                    }).list();
            long automatic = h.createQuery("SELECT COUNT(*) FROM outbound WHERE account_id = :a AND state = 'sent'"
                            + " AND origin IS NOT NULL AND sent_at >= :start AND sent_at < :end")
                    .bind("a", account.id()).bind("start", window.startMillis()).bind("end", window.endMillis())
                    .mapTo(Long.class).one();
            return new AccountReport(account.id(), account.displayName(), window, groups.at(window.startMillis()),
                    groupsNow, groupsNew, friends.at(window.startMillis()), contacts, days, replies.delays(),
                    replies.unanswered(), automatic);
        });
    }

    private static Intervals intervals(Handle h, String sql, long accountId, long end) {
        List<Long> starts = new ArrayList<>();
        List<Long> ends = new ArrayList<>();
        h.createQuery(sql).bind("a", accountId).bind("end", end).map((rs, ctx) -> {
            starts.add(rs.getLong(1));
            long until = rs.getLong(2);
            if (!rs.wasNull()) {
                ends.add(until);
            }
            return null;
        }).list();
        return new Intervals(sorted(starts), sorted(ends));
    }

    private static long[] sorted(List<Long> values) {
        long[] array = values.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(array);
        return array;
    }

    /**
     * Intervals [start, end), as their sorted starts and sorted ends (open intervals have no end). One is held at
     * a moment t when it started before t and has not ended before t; as no interval ends before it starts, that
     * is the number of starts before t less the number of ends before t.
     */
    private record Intervals(long[] starts, long[] ends) {
        long at(long moment) {
            return before(starts, moment) - before(ends, moment);
        }

        private static long before(long[] sorted, long moment) {
            int i = Arrays.binarySearch(sorted, moment);
            if (i < 0) {
                return -i - 1;
            }
            while (i > 0 && sorted[i - 1] == moment) {
                i--;
            }
            return i;
        }
    }
}
