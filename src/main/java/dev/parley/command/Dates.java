package dev.parley.command;

import java.text.Normalizer;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads calendar days as admins type them: {@code 2026-01-31}, {@code 2026/1/31}, {@code 2026.1.31} (one
 * separator throughout) and {@code 2026年1月31日}; full-width digits and separators are accepted.
 */
final class Dates {
    private static final Pattern NUMERIC = Pattern.compile("(\\d{4})([-/.])(\\d{1,2})\\2(\\d{1,2})");
    private static final Pattern CHINESE = Pattern.compile("(\\d{4})年(\\d{1,2})月(\\d{1,2})[日号]?");

    private Dates() {
    }

    /** @return the day, or empty when the text is not a date or names no such day (2026-02-30) */
    static Optional<LocalDate> parse(String typed) {
        String text = Normalizer.normalize(typed, Normalizer.Form.NFKC).strip();
        try {
            Matcher numeric = NUMERIC.matcher(text);
            if (numeric.matches()) {
                return Optional.of(date(numeric.group(1), numeric.group(3), numeric.group(4)));
            }
            Matcher chinese = CHINESE.matcher(text);
            if (chinese.matches()) {
                return Optional.of(date(chinese.group(1), chinese.group(2), chinese.group(3)));
            }
            return Optional.empty();
        } catch (DateTimeException e) {
            return Optional.empty();
        }
    }

    private static LocalDate date(String year, String month, String day) {
        return LocalDate.of(Integer.parseInt(year), Integer.parseInt(month), Integer.parseInt(day));
    }
}
