package dev.parley.i18n;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

import dev.parley.resource.ClasspathDirectory;

/**
 * Every user-facing string, in every supported locale, loaded from {@code locales/*.yaml}. Nested YAML maps are
 * flattened to dotted keys ({@code parser.error.date_invalid}); values are templates with {@code {name}}
 * placeholders. All locales must have the same keys with the same placeholders, checked when loading, so a
 * translation gap stops the service at start-up instead of surfacing in a chat.
 */
public final class Messages {
    private static final Logger LOG = Logger.getLogger(Messages.class.getName());
    private static final String DEFAULT_LOCALE = "en";

    private final String defaultLocale;
    /** locale to key to template; the default locale first, the others sorted. */
    private final Map<String, Map<String, String>> templates;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    private Messages(String defaultLocale, Map<String, Map<String, String>> templates) {
        this.defaultLocale = defaultLocale;
        this.templates = templates;
    }

    /**
     * @return the locales on the class path under {@code locales/}, with {@code en} as the default
     * @throws LocaleException when the files are malformed or disagree
     */
    public static Messages load() {
        return load(Messages.class.getClassLoader(), DEFAULT_LOCALE);
    }

    /**
     * @param loader        where to find the {@code locales/} directory
     * @param defaultLocale the locale used for unknown tags and missing keys
     * @return the loaded locales
     * @throws LocaleException when the files are malformed or disagree, or none are found
     */
    public static Messages load(ClassLoader loader, String defaultLocale) {
        Map<String, String> byLocale = new TreeMap<>();
        ClasspathDirectory.read(loader, "locales", ".yaml")
                .forEach((file, yaml) -> byLocale.put(file.substring(0, file.length() - ".yaml".length()), yaml));
        if (byLocale.isEmpty()) {
            throw new LocaleException("locales/: no locale files on the class path");
        }
        return of(byLocale, defaultLocale);
    }

    /**
     * @param localeToYaml locale tag (e.g. {@code zh-CN}) to the content of its YAML file
     * @return the locales, with {@code en} as the default
     * @throws LocaleException when the files are malformed or disagree
     */
    public static Messages of(Map<String, String> localeToYaml) {
        return of(localeToYaml, DEFAULT_LOCALE);
    }

    /**
     * @param localeToYaml  locale tag to the content of its YAML file
     * @param defaultLocale the locale used for unknown tags and missing keys; must be one of the given locales
     * @return the locales
     * @throws LocaleException when a file is malformed, the default locale is absent, or the locales disagree on keys
     *                         or placeholders (the message names file, key and problem, one per line)
     */
    public static Messages of(Map<String, String> localeToYaml, String defaultLocale) {
        Map<String, LocaleFile> files = new TreeMap<>();
        localeToYaml.forEach((locale, yaml) -> files.put(locale, LocaleFile.parse(locale, yaml)));
        LocaleFile reference = files.get(defaultLocale);
        if (reference == null) {
            throw new LocaleException("locales/" + defaultLocale + ".yaml: missing, but '" + defaultLocale
                    + "' is the default locale");
        }
        List<String> problems = new ArrayList<>();
        for (LocaleFile file : files.values()) {
            if (file != reference) {
                compare(reference, file, problems);
            }
        }
        if (!problems.isEmpty()) {
            throw new LocaleException(String.join("\n", problems));
        }
        Map<String, Map<String, String>> templates = new LinkedHashMap<>();
        templates.put(defaultLocale, templatesOf(reference));
        files.forEach((locale, file) -> templates.putIfAbsent(locale, templatesOf(file)));
        return new Messages(defaultLocale, Collections.unmodifiableMap(templates));
    }

    private static void compare(LocaleFile reference, LocaleFile other, List<String> problems) {
        reference.entries().forEach((key, expected) -> {
            LocaleFile.Entry actual = other.entries().get(key);
            if (actual == null) {
                problems.add(other.path() + ": key '" + key + "' is missing (" + reference.path() + ":" + expected.line()
                        + " has it)");
                return;
            }
            Set<String> want = Placeholders.in(expected.template());
            Set<String> have = Placeholders.in(actual.template());
            if (!want.equals(have)) {
                problems.add(other.path() + ":" + actual.line() + ": key '" + key + "' has placeholders " + braces(have)
                        + " but " + reference.path() + ":" + expected.line() + " has " + braces(want));
            }
        });
        other.entries().forEach((key, entry) -> {
            if (!reference.entries().containsKey(key)) {
                problems.add(other.path() + ":" + entry.line() + ": key '" + key + "' is not in " + reference.path());
            }
        });
    }

    private static String braces(Set<String> names) {
        return names.isEmpty() ? "none" : String.join(" ", names.stream().map(name -> "{" + name + "}").toList());
    }

    private static Map<String, String> templatesOf(LocaleFile file) {
        Map<String, String> byKey = new LinkedHashMap<>();
        file.entries().forEach((key, entry) -> byKey.put(key, entry.template()));
        return Collections.unmodifiableMap(byKey);
    }

    /**
     * The message for a key, with placeholders filled by {@code String.valueOf} of the arguments. A key that is
     * missing shows as the key itself, and is logged once per locale. (There is no step through the default
     * locale: loading guarantees every locale has the same keys, so a key missing here is missing there too.)
     *
     * @param locale a locale tag in any spelling, resolved with {@link #resolve(String)}
     * @param key    a dotted key
     * @param args   placeholder name to value; placeholders without a value stay as written
     * @return the message
     */
    public String text(String locale, String key, Map<String, ?> args) {
        String resolved = resolve(locale);
        String template = templates.get(resolved).get(key);
        if (template == null) {
            if (warned.add(resolved + "\u0000" + key)) {
                LOG.warning(() -> "no message '" + key + "' in locale " + resolved + "; showing the key itself");
            }
            return key;
        }
        return Placeholders.fill(template, args);
    }

    /**
     * @param locale        a locale tag in any spelling
     * @param key           a dotted key
     * @param namesAndValues alternating placeholder names and values: {@code "count", 3, "user", "telegram:1"}
     * @return the message, as {@link #text(String, String, Map)}
     * @throws IllegalArgumentException when the names and values do not pair up or a name is not a string
     */
    public String text(String locale, String key, Object... namesAndValues) {
        if (namesAndValues.length % 2 != 0) {
            throw new IllegalArgumentException("placeholder names and values must come in pairs for '" + key + "'");
        }
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (!(namesAndValues[i] instanceof String name)) {
                throw new IllegalArgumentException("placeholder name " + namesAndValues[i] + " is not a string for '"
                        + key + "'");
            }
            args.put(name, namesAndValues[i + 1]);
        }
        return text(locale, key, args);
    }

    /**
     * A length of time as cards show it: 45 s, 3 min 20 s, 2 h 5 min (the {@code duration.*} messages).
     *
     * @param locale a locale tag in any spelling
     * @param length the length, negative read as zero
     * @return it in that locale
     */
    public String duration(String locale, Duration length) {
        long seconds = Math.max(0, length.toSeconds());
        if (seconds < 60) {
            return text(locale, "duration.seconds", "s", seconds);
        }
        if (seconds < 3600) {
            return text(locale, "duration.minutes", "m", seconds / 60, "s", seconds % 60);
        }
        return text(locale, "duration.hours", "h", seconds / 3600, "m", seconds % 3600 / 60);
    }

    /**
     * @param locale a locale tag in any spelling, resolved with {@link #resolve(String)}
     * @param key    a dotted key
     * @return whether that locale has the key (no fallback)
     */
    public boolean has(String locale, String key) {
        return templates.get(resolve(locale)).containsKey(key);
    }

    /** @return every key; all locales have the same ones */
    public Set<String> keys() {
        return templates.get(defaultLocale).keySet();
    }

    /** @return the supported locale tags, the default first */
    public Set<String> locales() {
        return Collections.unmodifiableSet(new LinkedHashSet<>(templates.keySet()));
    }

    /** @return the locale for unknown tags and missing keys */
    public String defaultLocale() {
        return defaultLocale;
    }

    /**
     * Maps a tag as users and platforms spell it to a supported locale: case, {@code _} versus {@code -},
     * POSIX suffixes ({@code zh_CN.UTF-8}) and script subtags do not matter. An exact match wins; otherwise a
     * supported locale of the same language, preferring the same region; otherwise the default. With {@code en}
     * and {@code zh-CN}: {@code zh}, {@code zh_CN}, {@code zh-Hans}, {@code zh-hans-cn}, {@code zh-TW} give
     * {@code zh-CN}; {@code en-US}, {@code en_GB} give {@code en}.
     *
     * @param tag a language tag, or null
     * @return a supported locale, never null
     */
    public String resolve(String tag) {
        if (tag == null || tag.isBlank()) {
            return defaultLocale;
        }
        String cleaned = tag.strip().replace('_', '-');
        int posixSuffix = indexOfAny(cleaned, '.', '@');
        if (posixSuffix >= 0) {
            cleaned = cleaned.substring(0, posixSuffix);
        }
        for (String locale : templates.keySet()) {
            if (locale.equalsIgnoreCase(cleaned)) {
                return locale;
            }
        }
        Locale wanted = Locale.forLanguageTag(cleaned);
        String fallback = null;
        for (String locale : templates.keySet()) {
            Locale candidate = Locale.forLanguageTag(locale);
            if (!candidate.getLanguage().isEmpty() && candidate.getLanguage().equals(wanted.getLanguage())) {
                if (candidate.getCountry().equals(wanted.getCountry())) {
                    return locale;
                }
                if (fallback == null) {
                    fallback = locale;
                }
            }
        }
        return fallback != null ? fallback : defaultLocale;
    }

    private static int indexOfAny(String text, char first, char second) {
        int a = text.indexOf(first);
        int b = text.indexOf(second);
        return a < 0 ? b : b < 0 ? a : Math.min(a, b);
    }
}
