package dev.parley.automation.sop;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two limits on broadcasts besides each account's pace: quiet hours, when nothing is handed to the queue
 * ({@code PARLEY_QUIET_HOURS}, e.g. {@code 22:00-08:00} in {@code PARLEY_TIMEZONE}; a range past midnight wraps), and a
 * cap on broadcast messages per account and calendar day ({@code PARLEY_BROADCAST_DAILY_CAP}). Customers complain
 * about messages at night, and platforms restrict accounts that message many people in one day.
 */
final class Throttle {
    private static final Pattern HOURS = Pattern.compile("(\\d{1,2}:\\d{2})\\s*[-~–]\\s*(\\d{1,2}:\\d{2})");

    private final LocalTime quietFrom;
    private final LocalTime quietUntil;
    private final int dailyCap;
    private final ZoneId zone;

    private Throttle(LocalTime quietFrom, LocalTime quietUntil, int dailyCap, ZoneId zone) {
        this.quietFrom = quietFrom;
        this.quietUntil = quietUntil;
        this.dailyCap = dailyCap;
        this.zone = zone;
    }

    /**
     * @param quietHours {@code HH:mm-HH:mm}, or empty or {@code off} for none
     * @param dailyCap   broadcast messages per account and day, at least 1
     * @param zone       the zone hours and days are in
     * @return the throttle
     * @throws IllegalArgumentException when the hours cannot be read or the cap is below 1
     */
    static Throttle of(String quietHours, int dailyCap, ZoneId zone) {
        if (dailyCap < 1) {
            throw new IllegalArgumentException("parley.broadcast.daily.cap must be at least 1, not " + dailyCap);
        }
        String hours = quietHours == null ? "" : quietHours.strip();
        if (hours.isEmpty() || hours.equalsIgnoreCase("off")) {
            return new Throttle(null, null, dailyCap, zone);
        }
        Matcher m = HOURS.matcher(hours);
        try {
            if (m.matches()) {
                LocalTime from = LocalTime.parse(pad(m.group(1)));
                LocalTime until = LocalTime.parse(pad(m.group(2)));
                if (!from.equals(until)) {
                    return new Throttle(from, until, dailyCap, zone);
                }
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw new IllegalArgumentException("parley.quiet.hours must be HH:mm-HH:mm (e.g. 22:00-08:00) or off, not '"
                + quietHours + "'");
    }

    private static String pad(String time) {
        return time.length() == 4 ? "0" + time : time;
    }

    /**
     * @param now epoch ms
     * @return when the quiet hours {@code now} falls in end, epoch ms; empty when it is not quiet
     */
    OptionalLong quietUntil(long now) {
        if (quietFrom == null) {
            return OptionalLong.empty();
        }
        ZonedDateTime at = Instant.ofEpochMilli(now).atZone(zone);
        LocalTime time = at.toLocalTime();
        LocalDate day = at.toLocalDate();
        boolean wraps = quietFrom.isAfter(quietUntil);
        if (wraps ? !time.isBefore(quietFrom) || time.isBefore(quietUntil)
                : !time.isBefore(quietFrom) && time.isBefore(quietUntil)) {
            LocalDate endDay = wraps && !time.isBefore(quietFrom) ? day.plusDays(1) : day;
            return OptionalLong.of(ZonedDateTime.of(endDay, quietUntil, zone).toInstant().toEpochMilli());
        }
        return OptionalLong.empty();
    }

    /**
     * @param now epoch ms
     * @return the start of {@code now}'s day, epoch ms
     */
    long dayStart(long now) {
        return Instant.ofEpochMilli(now).atZone(zone).toLocalDate().atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /**
     * @param now epoch ms
     * @return the start of the next day, epoch ms
     */
    long nextDay(long now) {
        return Instant.ofEpochMilli(now).atZone(zone).toLocalDate().plusDays(1).atStartOfDay(zone).toInstant()
                .toEpochMilli();
    }

    /** @return broadcast messages per account and day */
    int dailyCap() {
        return dailyCap;
    }

    /** @return the quiet hours as {@code HH:mm-HH:mm}, or {@code null} when there are none */
    String quietText() {
        return quietFrom == null ? null : quietFrom + "-" + quietUntil;
    }
}
