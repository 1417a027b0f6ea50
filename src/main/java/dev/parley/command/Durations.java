package dev.parley.command;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads lengths of time as admins type them: {@code 45s}, {@code 30m}, {@code 12h}, {@code 7d}, {@code 2w},
 * combinations from the largest unit down ({@code 1h30m}, {@code 1d12h}), and Chinese units ({@code 7天},
 * {@code 12小时}, {@code 2个小时}, {@code 30分钟}, {@code 2周}, {@code 45秒}), and {@code 0} for none. Case,
 * full-width digits and spaces between parts do not matter; each unit may appear once.
 */
final class Durations {
    private static final Pattern PART = Pattern.compile("\\s*(\\d{1,9})\\s*个?\\s*(\\p{L}+)\\s*");
    private static final Map<String, Unit> UNITS = new HashMap<>();

    private record Unit(int rank, Duration length) {
    }

    static {
        define(new Unit(5, Duration.ofDays(7)), "w", "wk", "wks", "week", "weeks", "周", "星期", "礼拜");
        define(new Unit(4, Duration.ofDays(1)), "d", "day", "days", "天", "日");
        define(new Unit(3, Duration.ofHours(1)), "h", "hr", "hrs", "hour", "hours", "小时", "钟头");
        define(new Unit(2, Duration.ofMinutes(1)), "m", "min", "mins", "minute", "minutes", "分钟", "分");
        define(new Unit(1, Duration.ofSeconds(1)), "s", "sec", "secs", "second", "seconds", "秒", "秒钟");
    }

    private Durations() {
    }

    private static void define(Unit unit, String... words) {
        List.of(words).forEach(word -> UNITS.put(word, unit));
    }

    /** @return the duration, or empty when the text is not one */
    static Optional<Duration> parse(String typed) {
        String text = Names.fold(typed);
        if (text.isEmpty()) {
            return Optional.empty();
        }
        if (text.equals("0")) {
            return Optional.of(Duration.ZERO);
        }
        Matcher part = PART.matcher(text);
        Duration total = Duration.ZERO;
        int previousRank = Integer.MAX_VALUE;
        int position = 0;
        while (position < text.length()) {
            part.region(position, text.length());
            if (!part.lookingAt()) {
                return Optional.empty();
            }
            Unit unit = UNITS.get(part.group(2));
            if (unit == null || unit.rank() >= previousRank) {
                return Optional.empty();
            }
            total = total.plus(unit.length().multipliedBy(Long.parseLong(part.group(1))));
            previousRank = unit.rank();
            position = part.end();
        }
        return Optional.of(total);
    }
}
