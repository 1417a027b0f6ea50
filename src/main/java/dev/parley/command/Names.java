package dev.parley.command;

import java.text.Normalizer;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * How typed words are compared with declared names: full-width letters and digits fold to ASCII (NFKC) and case
 * is ignored, so {@code ＳＥＡＲＣＨ}, {@code Search} and {@code search} are the same name.
 */
final class Names {
    /** A canonical English name or an argument name: what Telegram and Discord accept as a command or option. */
    static final Pattern CANONICAL = Pattern.compile("[a-z0-9_]{1,32}");
    /** Any name or alias in any locale: letters, digits, {@code _} and {@code -}, as Discord's localized names. */
    static final Pattern ANY = Pattern.compile("[\\p{L}\\p{N}_-]{1,32}");

    private Names() {
    }

    /** @return an unmodifiable copy keeping the order of locales and of names */
    static Map<String, List<String>> copyByLocale(Map<String, List<String>> byLocale) {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        byLocale.forEach((locale, names) -> copy.put(locale, List.copyOf(names)));
        return Collections.unmodifiableMap(copy);
    }

    /** @return the form in which names are compared */
    static String fold(String typed) {
        return Normalizer.normalize(typed, Normalizer.Form.NFKC).strip().toLowerCase(Locale.ROOT);
    }
}
