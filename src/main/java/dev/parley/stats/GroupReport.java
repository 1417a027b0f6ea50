package dev.parley.stats;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;

/**
 * The statistics of one group over a window, every figure exact from the stored history (see README,
 * "Statistics", for the definitions).
 *
 * @param accountId     the account that knows the group
 * @param chatId        the group's platform id
 * @param name          its name, or its id
 * @param window        the days covered
 * @param membersNow    members now (open stints)
 * @param membersStart  members at the start of the window (stints covering its first moment)
 * @param membersEnd    members at the end of the window (stints covering its last moment)
 * @param days          one row per day of the window
 * @param perHour       messages per hour of day, 0–23, over the window
 * @param perType       messages per type code over the window, most first
 * @param active        people other than the account who sent at least one message in the window
 * @param silent        members at the end of the window (other than the account) who sent none
 * @param topSpeakers   who sent most messages
 * @param topInviters   who invited most of the members who joined in the window
 */
public record GroupReport(long accountId, String chatId, String name, StatsWindow window, long membersNow,
                          long membersStart, long membersEnd, List<Day> days, long[] perHour, Map<String, Long> perType,
                          long active, long silent, List<Ranked> topSpeakers, List<Ranked> topInviters) {

    /**
     * One day of a group.
     *
     * @param day      the day
     * @param members  members at the end of the day: members at the start of the window plus the joins and minus the
     *                 leaves so far
     * @param joins    join events that day
     * @param leaves   leave and kick events that day
     * @param messages messages that day
     */
    public record Day(LocalDate day, long members, long joins, long leaves, long messages) {
    }

    /** @return joins over the window */
    public long joins() {
        return days.stream().mapToLong(Day::joins).sum();
    }

    /** @return leaves over the window */
    public long leaves() {
        return days.stream().mapToLong(Day::leaves).sum();
    }

    /** @return members at the end minus members at the start */
    public long netGrowth() {
        return membersEnd - membersStart;
    }

    /** @return messages over the window */
    public long messages() {
        return days.stream().mapToLong(Day::messages).sum();
    }

    /** @return leaves in the window divided by members at its start, or {@code null} when it started empty */
    public Double churn() {
        return membersStart == 0 ? null : (double) leaves() / membersStart;
    }
}
