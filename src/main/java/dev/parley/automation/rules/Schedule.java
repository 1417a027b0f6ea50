package dev.parley.automation.rules;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

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
    static final int EVERY_DAY = 0x7F;
    private static final Pattern HOURS = Pattern.compile("(\\d{1,2}:\\d{2})\\s*[-~–至]\\s*(\\d{1,2}:\\d{2})");
    private static final Map<String, DayOfWeek> DAY_NAMES = Map.ofEntries(
            Map.entry("mon", DayOfWeek.MONDAY), Map.entry("tue", DayOfWeek.TUESDAY),
            Map.entry("wed", DayOfWeek.WEDNESDAY), Map.entry("thu", DayOfWeek.THURSDAY),
            Map.entry("fri", DayOfWeek.FRIDAY), Map.entry("sat", DayOfWeek.SATURDAY),
            Map.entry("sun", DayOfWeek.SUNDAY), Map.entry("周一", DayOfWeek.MONDAY),
            Map.entry("周二", DayOfWeek.TUESDAY), Map.entry("周三", DayOfWeek.WEDNESDAY),
            Map.entry("周四", DayOfWeek.THURSDAY), Map.entry("周五", DayOfWeek.FRIDAY),
            Map.entry("周六", DayOfWeek.SATURDAY), Map.entry("周日", DayOfWeek.SUNDAY),
            Map.entry("周天", DayOfWeek.SUNDAY));

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
        int bits = 0;
        for (String piece : typed.strip().toLowerCase(Locale.ROOT).split("[,，、]")) {
            String[] range = piece.strip().split("\\s*[-~–至]\\s*");
            DayOfWeek first = day(range[0], typed);
            DayOfWeek last = range.length == 2 ? day(range[1], typed) : first;
            if (range.length > 2) {
                throw new CommandException("rule.error.bad_days", "days", typed);
            }
            for (int d = first.ordinal(); ; d = (d + 1) % 7) {
                bits |= 1 << d;
                if (d == last.ordinal()) {
                    break;
                }
            }
        }
        return bits;
    }

    private static DayOfWeek day(String name, String typed) {
        String n = name.strip().replace("星期", "周");
        DayOfWeek day = DAY_NAMES.get(n.length() > 3 && !n.startsWith("周") ? n.substring(0, 3) : n);
        if (day == null) {
            throw new CommandException("rule.error.bad_days", "days", typed);
        }
        return day;
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
        if ((days & (1 << at.getDayOfWeek().ordinal())) == 0) {
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
        if (days == EVERY_DAY) {
            return null;
        }
        List<String> names = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            if ((days & (1 << d.ordinal())) != 0) {
                names.add(d.name().substring(0, 3).toLowerCase(Locale.ROOT));
            }
        }
        return String.join(",", names);
    }
}
