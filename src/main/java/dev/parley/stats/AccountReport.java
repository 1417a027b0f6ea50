package dev.parley.stats;

import java.time.LocalDate;
import java.util.List;

/**
 * The statistics of one managed account over a window. Groups are counted from when the account first saw them
 * until it left them or saw them dismissed; contacts are the friends in its friend list (see {@code contact_stints}).
 *
 * @param accountId     the account
 * @param name          how cards name it
 * @param window        the days covered
 * @param groupsStart   groups it was in at the start of the window
 * @param groupsNow     groups it is in now
 * @param groupsNew     groups it first saw during the window
 * @param contactsStart its contacts (friends) at the start of the window
 * @param contactsNow   its contacts (friends) now
 * @param days          messages in and out, groups and contacts per day
 * @param responses     reply delays to private messages in the window
 * @param unanswered    private chats whose last customer message in the window got no reply in the window
 * @param automatic     messages keyword rules and broadcasts sent in the window (not counted as replies above)
 */
public record AccountReport(long accountId, String name, StatsWindow window, long groupsStart, long groupsNow,
                           long groupsNew, long contactsStart, long contactsNow, List<Day> days, Percentiles responses,
                           long unanswered, long automatic) {

    /**
     * One day of the account.
     *
     * @param day      the day
     * @param in       messages from others, in all the account's chats
     * @param out      messages from the account
     * @param groups   groups it was in at the end of the day
     * @param contacts its contacts (friends) at the end of the day
     */
    public record Day(LocalDate day, long in, long out, long groups, long contacts) {
    }

    /** @return messages received over the window */
    public long in() {
        return days.stream().mapToLong(Day::in).sum();
    }

    /** @return messages sent over the window */
    public long out() {
        return days.stream().mapToLong(Day::out).sum();
    }
}
