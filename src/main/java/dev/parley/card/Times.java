package dev.parley.card;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;

/**
 * Formats times for cards in the service's configured zone: {@code 11-22 14:03} within the current year,
 * {@code 2025-11-22 14:03} otherwise. Stored times are epoch milliseconds UTC.
 */
public final class Times {
    private static final DateTimeFormatter THIS_YEAR = DateTimeFormatter.ofPattern("MM-dd HH:mm");
    private static final DateTimeFormatter OTHER_YEAR = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

    private final ZoneId zone;

    /**
     * @param zone the zone times are shown in
     */
    public Times(ZoneId zone) {
        this.zone = zone;
    }

    /** @return the zone times are shown and dates are read in */
    public ZoneId zone() {
        return zone;
    }

    /**
     * @param epochMillis a stored time
     * @return it as people read it
     */
    public String format(long epochMillis) {
        ZonedDateTime time = Instant.ofEpochMilli(epochMillis).atZone(zone);
        boolean thisYear = time.getYear() == ZonedDateTime.now(zone).getYear();
        return (thisYear ? THIS_YEAR : OTHER_YEAR).format(time);
    }
}
