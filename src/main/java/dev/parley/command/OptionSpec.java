package dev.parley.command;

import java.util.List;
import java.util.Map;

/**
 * A {@code key:value} option of a command. Options are always optional and may appear anywhere after the command
 * name; the key may be any of the option's names in any locale ({@code since:7d}, {@code 最近:7天}).
 *
 * @param name     canonical name, the first English name, {@code [a-z0-9_]{1,32}}
 * @param names    locale tag to the names users may type as the key, canonical first under {@code en}
 * @param type     value type
 * @param labelKey locale key of its usage label
 * @param helpKey  locale key of its explanation
 * @param secret   whether its value is a credential ({@code token:}): the audit log and logs show it masked
 * @param origin   where it was declared
 */
public record OptionSpec(String name, Map<String, List<String>> names, ArgType type, String labelKey, String helpKey,
                         boolean secret, Origin origin) implements ParamSpec {
    /** Copies the names. */
    public OptionSpec {
        names = Names.copyByLocale(names);
    }

    /**
     * @param locale a supported locale tag
     * @return the names declared for that locale, or the English ones when it has none
     */
    public List<String> names(String locale) {
        return names.getOrDefault(locale, names.get(CommandCatalog.CANONICAL_LOCALE));
    }

    /**
     * @param typed a key as the user typed it
     * @return whether it is one of this option's names in any locale, ignoring case and full-width forms
     */
    public boolean answersTo(String typed) {
        String folded = Names.fold(typed);
        return names.values().stream().flatMap(List::stream).anyMatch(name -> Names.fold(name).equals(folded));
    }
}
