package dev.parley.automation.rules;

import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.parley.automation.Weekdays;
import dev.parley.command.CommandException;

/**
 * When a rule is on: {@code hours:09:00-18:00} (a range past midnight such as {@code 22:00-06:00} wraps; the end is
 * exclusive) and {@code days:mon-fri} (days or ranges separated by commas: {@code sat,sun}, {@code mon-wed,fri},
 * also {@code 周一-周五}), in Parley's time zone ({@code parley.timezone}). No hours means all day, no days every day.
 *
 * @param from  first minute of the day it is on, or {@code null} for all day
 * @param until first minute it is off again
 * @param days  bit 0 = Monday … bit 6 = Sunday
 */
record Schedule(LocalTime from, LocalTime until, int days) {
    /** Every day. */
    static final int EVERY_DAY = Weekdays.EVERY_DAY;
    private static final Pattern HOURS = Pattern.compile("(\\d{1,2}:\\d{2})\\s*[-~–至]\\s*(\\d{1,2}:\\d{2})");

    /**
     * @param hours {@code HH:mm-HH:mm} as typed, or {@code null}
     * @param days  day names and ranges as typed, or {@code null}
     * @return the schedule
     * @throws CommandException when either cannot be read
     */
    static Schedule parse(String hours, String days) {
        LocalTime from = null;
        LocalTime until = null;
        if (hours != null && !hours.isBlank()) {
            Matcher m = HOURS.matcher(hours.strip());
            if (!m.matches()) {
                throw new CommandException("rule.error.bad_hours", "hours", hours);
            }
            try {
                from = LocalTime.parse(pad(m.group(1)));
                until = LocalTime.parse(pad(m.group(2)));
            } catch (DateTimeParseException e) {
                throw new CommandException("rule.error.bad_hours", "hours", hours);
            }
            if (from.equals(until)) {
                throw new CommandException("rule.error.bad_hours", "hours", hours);
            }
        }
        return new Schedule(from, until, days == null || days.isBlank() ? EVERY_DAY : days(days));
    }

    private static String pad(String time) {
        return time.length() == 4 ? "0" + time : time;
    }

    private static int days(String typed) {
        return Weekdays.parse(typed).orElseThrow(() -> new CommandException("rule.error.bad_days", "days", typed));
    }

    /**
     * @param stored {@code HH:mm-HH:mm} or {@code null}, as {@link #hoursText()} wrote it
     * @param days   the day bits
     * @return the schedule
     */
    static Schedule stored(String stored, int days) {
        Schedule hours = parse(stored, null);
        return new Schedule(hours.from, hours.until, days);
    }

    /**
     * @param at a moment in Parley's time zone
     * @return whether the rule is on then
     */
    boolean isOn(ZonedDateTime at) {
        if (!Weekdays.includes(days, at.getDayOfWeek())) {
            return false;
        }
        if (from == null) {
            return true;
        }
        LocalTime t = at.toLocalTime();
        return from.isBefore(until) ? !t.isBefore(from) && t.isBefore(until) : !t.isBefore(from) || t.isBefore(until);
    }

    /** @return {@code HH:mm-HH:mm}, or {@code null} for all day */
    String hoursText() {
        return from == null ? null : from + "-" + until;
    }

    /** @return the days as {@code mon,tue,…}, or {@code null} for every day */
    String daysText() {
        return days == EVERY_DAY ? null : Weekdays.text(days);
    }
}
