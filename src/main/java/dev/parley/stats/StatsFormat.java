package dev.parley.stats;

import java.text.NumberFormat;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

import dev.parley.i18n.Messages;

/** Numbers, shares, durations and rankings as one locale writes them on statistics cards. */
final class StatsFormat {
    private final Messages messages;
    private final String locale;
    private final NumberFormat integers;

    StatsFormat(Messages messages, String locale) {
        this.messages = messages;
        this.locale = locale;
        this.integers = NumberFormat.getIntegerInstance(Locale.forLanguageTag(locale));
    }

    String t(String key, Object... namesAndValues) {
        return messages.text(locale, key, namesAndValues);
    }

    String number(long n) {
        return integers.format(n);
    }

    String signed(long n) {
        return (n > 0 ? "+" : "") + integers.format(n);
    }

    /** @return a share as a percentage with one decimal, or the "none" text */
    String percent(Double share) {
        return share == null ? t("stats.none") : String.format(Locale.forLanguageTag(locale), "%.1f%%", share * 100);
    }

    /** @return a length of time in hours, minutes and seconds, or the "none" text */
    String duration(Long millis) {
        if (millis == null) {
            return t("stats.none");
        }
        long seconds = millis / 1000;
        if (seconds < 60) {
            return t("stats.duration.seconds", "s", seconds);
        }
        if (seconds < 3600) {
            return t("stats.duration.minutes", "m", seconds / 60, "s", seconds % 60);
        }
        return t("stats.duration.hours", "h", seconds / 3600, "m", seconds % 3600 / 60);
    }

    /** @return one line per entry, "1. name — count", or the "none" text */
    String ranking(List<Ranked> rows) {
        if (rows.isEmpty()) {
            return t("stats.none");
        }
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < rows.size(); i++) {
            Ranked r = rows.get(i);
            text.append(i == 0 ? "" : "\n").append(t("stats.rank_row", "rank", i + 1, "name", r.name(),
                    "count", number(r.count())));
        }
        return text.toString();
    }

    String joined(List<String> parts) {
        return parts.stream().collect(Collectors.joining(t("stats.separator")));
    }
}
