package dev.parley.stats;

import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;

import dev.parley.account.Account;
import dev.parley.directory.DirectoryQueries;
import dev.parley.directory.DirectoryQueries.GroupRow;

import org.jdbi.v3.core.Jdbi;

/**
 * The statistics Parley answers with, computed from the stored history: one entry point for the commands, the
 * digest and tests, over the small calculators of each report.
 */
public final class Stats {
    private final GroupStats groups;
    private final AccountStats accounts;
    private final OverlapStats overlap;
    private final FleetStats fleet;
    private final TopStats top;
    private final InstantSource clock;
    private final ZoneId zone;

    /**
     * Sums over a window, all accounts.
     *
     * @param messages messages in all chats
     * @param joins    joins in all groups
     * @param leaves   leaves in all groups
     */
    public record DayTotals(long messages, long joins, long leaves) {
    }

    /**
     * @param jdbi      the database
     * @param directory group names and lookups
     * @param clock     what "now" and "the last 24 hours" mean
     * @param zone      the zone of calendar days
     */
    public Stats(Jdbi jdbi, DirectoryQueries directory, InstantSource clock, ZoneId zone) {
        this.groups = new GroupStats(jdbi, directory);
        this.accounts = new AccountStats(jdbi);
        this.overlap = new OverlapStats(jdbi);
        this.fleet = new FleetStats(jdbi);
        this.top = new TopStats(jdbi);
        this.clock = clock;
        this.zone = zone;
    }

    /** @return the zone whose calendar days the statistics count */
    public ZoneId zone() {
        return zone;
    }

    /**
     * @param window the days
     * @return messages, joins and leaves over them, all accounts and groups
     */
    public DayTotals totals(StatsWindow window) {
        return top.totals(window);
    }

    /**
     * @param group  the group
     * @param selfId the wxid of the account that knows it (not counted as active or silent), or {@code null}
     * @param window the days
     * @return its statistics
     */
    public GroupReport group(GroupRow group, String selfId, StatsWindow window) {
        return groups.report(group, selfId, window);
    }

    /**
     * @param account the account
     * @param window  the days
     * @return its statistics
     */
    public AccountReport account(Account account, StatsWindow window) {
        return accounts.report(account, window);
    }

    /**
     * @param account only this account's groups, or {@code null} for all
     * @return who is in several groups
     */
    public OverlapReport overlap(Account account) {
        return overlap.report(account == null ? null : account.id(), account == null ? null : account.displayName());
    }

    /** @return the fleet now */
    public FleetReport fleet() {
        return fleet.report(clock.millis());
    }

    /**
     * @param window the days
     * @return the groups with the most messages
     */
    public List<Ranked> topGroups(StatsWindow window) {
        return top.groups(window);
    }

    /**
     * @param window the days
     * @return the people with the most group messages
     */
    public List<Ranked> topSpeakers(StatsWindow window) {
        return top.speakers(window);
    }
}
