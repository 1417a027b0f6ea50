package dev.parley.command;

import java.util.List;
import java.util.Map;

/**
 * One allowed value of an {@code enum} argument: the canonical value handlers receive, and the other words users
 * may type for it in each locale.
 *
 * @param value   the canonical value, e.g. {@code image} or {@code zh-CN}
 * @param aliases locale tag to extra accepted words, e.g. {@code zh-CN: [图片]}; may be empty
 */
public record EnumValue(String value, Map<String, List<String>> aliases) {
    /** Copies the aliases. */
    public EnumValue {
        aliases = Names.copyByLocale(aliases);
    }

    /**
     * @param typed a word as the user typed it
     * @return whether it is this value or one of its aliases, ignoring case and full-width forms
     */
    public boolean matches(String typed) {
        String folded = Names.fold(typed);
        return Names.fold(value).equals(folded)
                || aliases.values().stream().flatMap(List::stream).anyMatch(alias -> Names.fold(alias).equals(folded));
    }

    /**
     * @param locale a supported locale tag
     * @return how to show the value in that locale: the canonical value in {@code en}, otherwise the first alias
     *         declared for the locale, falling back to the canonical value
     */
    public String display(String locale) {
        if (CommandCatalog.CANONICAL_LOCALE.equals(locale)) {
            return value;
        }
        List<String> local = aliases.get(locale);
        return local == null || local.isEmpty() ? value : local.get(0);
    }
}
