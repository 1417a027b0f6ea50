package dev.parley.stats;

import java.time.LocalDate;
import java.util.List;

/**
 * The statistics of one managed account over a window.
 *
 * @param accountId     the account
 * @param name          how cards name it
 * @param window        the days covered
 * @param groupsNow     groups it is in now
 * @param groupsNew     groups it first saw during the window
 * @param contacts      its contacts (friends) now
 * @param days          messages in and out per day
 * @param responses     reply delays to private messages in the window
 * @param unanswered    private chats whose last customer message in the window got no reply in the window
 */
public record AccountReport(long accountId, String name, StatsWindow window, long groupsNow, long groupsNew,
                           long contacts, List<Day> days, Percentiles responses, long unanswered) {

    /**
     * Messages of one day, in all the account's chats.
     *
     * @param day the day
     * @param in  messages from others
     * @param out messages from the account
     */
    public record Day(LocalDate day, long in, long out) {
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
