package dev.parley.automation.sop;

import java.text.Normalizer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.parley.automation.Weekdays;
import dev.parley.command.CommandException;

/**
 * When a repeating broadcast runs, as {@code every:} says: a time of day, on some days of the week or every day —
 * {@code "mon 09:00"}, {@code "mon,thu 09:00"}, {@code "mon-fri 18:30"}, {@code "daily 09:00"}, {@code "每天 09:00"},
 * {@code "周一 09:00"} — in Parley's time zone.
 *
 * @param days bit 0 = Monday … bit 6 = Sunday
 * @param time the time of day
 */
record Recurrence(int days, LocalTime time) {
    private static final Pattern FORM = Pattern.compile("(.*?)\\s*(\\d{1,2}:\\d{2})");
    private static final Set<String> EVERY_DAY = Set.of("", "daily", "day", "everyday", "every day", "每天", "每日", "天");

    /**
     * @param typed the {@code every:} value
     * @return the recurrence
     * @throws CommandException when it cannot be read
     */
    static Recurrence parse(String typed) {
        String text = Normalizer.normalize(typed, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
        Matcher m = FORM.matcher(text);
        if (m.matches()) {
            try {
                String time = m.group(2);
                LocalTime at = LocalTime.parse(time.length() == 4 ? "0" + time : time);
                String dayText = m.group(1).strip();
                OptionalInt days = EVERY_DAY.contains(dayText) ? OptionalInt.of(Weekdays.EVERY_DAY)
                        : Weekdays.parse(dayText);
                if (days.isPresent()) {
                    return new Recurrence(days.getAsInt(), at);
                }
            } catch (DateTimeParseException e) {
                // refused below
            }
        }
        throw new CommandException("sop.error.bad_every", "every", typed);
    }

    /** @return it the way {@link #parse} reads it: {@code daily 09:00} or {@code mon,thu 09:00} */
    String text() {
        return (days == Weekdays.EVERY_DAY ? "daily" : Weekdays.text(days)) + " " + time;
    }

    /**
     * @param after epoch ms
     * @param zone  the zone its days and time are in
     * @return the first occurrence later than {@code after}, epoch ms
     */
    long next(long after, ZoneId zone) {
        ZonedDateTime from = Instant.ofEpochMilli(after).atZone(zone);
        LocalDate day = from.toLocalDate();
        for (int i = 0; i <= 7; i++, day = day.plusDays(1)) {
            if (Weekdays.includes(days, day.getDayOfWeek())) {
                long at = ZonedDateTime.of(day, time, zone).toInstant().toEpochMilli();
                if (at > after) {
                    return at;
                }
            }
        }
        throw new IllegalStateException("a recurrence without days: " + days);
    }
}
