package dev.parley.stats;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.parley.account.Account;

import org.jdbi.v3.core.Jdbi;

/**
 * Computes an {@link AccountReport}: messages per day from the aggregates; response times by walking the
 * account's private messages of the window in order, chat by chat (the index on account, chat and time makes
 * this one range read).
 */
final class AccountStats {
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
            Map<LocalDate, long[]> byDay = new HashMap<>();
            h.createQuery("SELECT day, SUM(msgs_in), SUM(msgs_out) FROM stats_chat_days WHERE account_id = :a"
                            + " AND day BETWEEN :from AND :to GROUP BY day")
                    .bind("a", account.id()).bind("from", window.from()).bind("to", window.to())
                    .map((rs, ctx) -> byDay.put(rs.getObject(1, LocalDate.class), new long[] {rs.getLong(2), rs.getLong(3)}))
                    .list();
            List<AccountReport.Day> days = new ArrayList<>();
            for (LocalDate day : window.days()) {
                long[] io = byDay.getOrDefault(day, new long[2]);
                days.add(new AccountReport.Day(day, io[0], io[1]));
            }
            ReplyClock replies = new ReplyClock();
            h.createQuery("SELECT chat_id, direction, sent_at FROM messages WHERE account_id = :a AND chat_type = 'private'"
                            + " AND sent_at >= :start AND sent_at < :end AND msg_type NOT IN ('system', 'revoke')"
                            + " ORDER BY chat_id, sent_at, id")
                    .bind("a", account.id()).bind("start", window.startMillis()).bind("end", window.endMillis())
                    .map((rs, ctx) -> {
                        replies.message(rs.getString(1), "out".equals(rs.getString(2)), rs.getLong(3));
                        return null;
                    }).list();
            return new AccountReport(account.id(), account.displayName(), window, groupsNow, groupsNew, contacts, days,
                    replies.delays(), replies.unanswered());
        });
    }
}
