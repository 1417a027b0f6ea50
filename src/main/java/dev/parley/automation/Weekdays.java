package dev.parley.automation;

import java.time.DayOfWeek;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Days of the week as admins type them for rules ({@code days:mon-fri}) and repeating broadcasts
 * ({@code every:"mon,thu 09:00"}): day names or ranges separated by commas ({@code sat,sun}, {@code mon-wed,fri}),
 * English or Chinese ({@code 周一-周五}, {@code 星期六}), held as bits: bit 0 = Monday … bit 6 = Sunday.
 */
public final class Weekdays {
    /** Every day of the week. */
    public static final int EVERY_DAY = 0x7F;
    private static final Map<String, DayOfWeek> NAMES = Map.ofEntries(
            Map.entry("mon", DayOfWeek.MONDAY), Map.entry("tue", DayOfWeek.TUESDAY),
            Map.entry("wed", DayOfWeek.WEDNESDAY), Map.entry("thu", DayOfWeek.THURSDAY),
            Map.entry("fri", DayOfWeek.FRIDAY), Map.entry("sat", DayOfWeek.SATURDAY),
            Map.entry("sun", DayOfWeek.SUNDAY), Map.entry("周一", DayOfWeek.MONDAY),
            Map.entry("周二", DayOfWeek.TUESDAY), Map.entry("周三", DayOfWeek.WEDNESDAY),
            Map.entry("周四", DayOfWeek.THURSDAY), Map.entry("周五", DayOfWeek.FRIDAY),
            Map.entry("周六", DayOfWeek.SATURDAY), Map.entry("周日", DayOfWeek.SUNDAY),
            Map.entry("周天", DayOfWeek.SUNDAY));

    private Weekdays() {
    }

    /**
     * @param typed day names and ranges
     * @return the day bits, empty when the text names no days
     */
    public static OptionalInt parse(String typed) {
        int bits = 0;
        for (String piece : typed.strip().toLowerCase(Locale.ROOT).split("[,，、]")) {
            String[] range = piece.strip().split("\\s*[-~–至]\\s*");
            if (range.length > 2) {
                return OptionalInt.empty();
            }
            DayOfWeek first = day(range[0]);
            DayOfWeek last = range.length == 2 ? day(range[1]) : first;
            if (first == null || last == null) {
                return OptionalInt.empty();
            }
            for (int d = first.ordinal(); ; d = (d + 1) % 7) {
                bits |= 1 << d;
                if (d == last.ordinal()) {
                    break;
                }
            }
        }
        return OptionalInt.of(bits);
    }

    private static DayOfWeek day(String name) {
        String n = name.strip().replace("星期", "周");
        return NAMES.get(n.length() > 3 && !n.startsWith("周") ? n.substring(0, 3) : n);
    }

    /**
     * @param days day bits
     * @param day  a day
     * @return whether the bits include it
     */
    public static boolean includes(int days, DayOfWeek day) {
        return (days & (1 << day.ordinal())) != 0;
    }

    /**
     * @param days day bits
     * @return them as {@code mon,tue,…}, the way {@link #parse} reads them
     */
    public static String text(int days) {
        List<String> names = new ArrayList<>();
        for (DayOfWeek d : DayOfWeek.values()) {
            if (includes(days, d)) {
                names.add(d.name().substring(0, 3).toLowerCase(Locale.ROOT));
            }
        }
        return String.join(",", names);
    }
}
