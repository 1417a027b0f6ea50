package dev.parley.stats;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import dev.parley.command.CommandException;

/**
 * The calendar days a statistic covers, both ends included, in the configured zone: the last {@code 7d} (today
 * and the six days before), or {@code from:}/{@code to:} dates. Days are what the aggregates are kept by, so a
 * duration is rounded up to whole days.
 *
 * @param from the first day
 * @param to   the last day
 * @param zone the zone the days are in
 */
public record StatsWindow(LocalDate from, LocalDate to, ZoneId zone) {
    /** The longest window, in days: ten years. */
    static final int MAX_DAYS = 3660;

    /**
     * @param length   a typed length ({@code 30d}), or empty
     * @param from     a typed first day, or empty
     * @param to       a typed last day, or empty (today)
     * @param today    today in the zone
     * @param zone     the zone
     * @param fallback the length when neither a length nor a first day is given
     * @return the window
     * @throws CommandException when the first day is after the last or the window is too long
     */
    static StatsWindow of(Optional<Duration> length, Optional<LocalDate> from, Optional<LocalDate> to, LocalDate today,
                          ZoneId zone, Duration fallback) {
        LocalDate last = to.orElse(today);
        long days = Math.max(1, (length.orElse(fallback).toMillis() + Duration.ofDays(1).toMillis() - 1)
                / Duration.ofDays(1).toMillis());
        LocalDate first = from.orElse(last.minusDays(Math.min(days, MAX_DAYS) - 1));
        if (first.isAfter(last)) {
            throw new CommandException("stats.error.window_order", "from", first, "to", last);
        }
        if (first.plusDays(MAX_DAYS).isBefore(last)) {
            throw new CommandException("stats.error.window_long", "days", MAX_DAYS);
        }
        return new StatsWindow(first, last, zone);
    }

    /** @return the first moment of the window (epoch ms) */
    public long startMillis() {
        return from.atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** @return the first moment after the window (epoch ms) */
    public long endMillis() {
        return to.plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli();
    }

    /** @return every day of the window, in order */
    public List<LocalDate> days() {
        List<LocalDate> days = new ArrayList<>();
        for (LocalDate d = from; !d.isAfter(to); d = d.plusDays(1)) {
            days.add(d);
        }
        return days;
    }
}
