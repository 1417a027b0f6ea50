package dev.parley.i18n;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The {@code {name}} placeholders of a message template: which ones it has, and filling them in. */
final class Placeholders {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");

    private Placeholders() {
    }

    /** @return the placeholder names in the template, sorted */
    static Set<String> in(String template) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }

    /**
     * @return the template with each placeholder that has an argument replaced by {@code String.valueOf} of it;
     *         placeholders without an argument are left as written
     */
    static String fill(String template, Map<String, ?> args) {
        if (args.isEmpty() || template.indexOf('{') < 0) {
            return template;
        }
        Matcher matcher = PLACEHOLDER.matcher(template);
        StringBuilder out = new StringBuilder(template.length() + 32);
        while (matcher.find()) {
            String name = matcher.group(1);
            String replacement = args.containsKey(name) ? String.valueOf(args.get(name)) : matcher.group();
            matcher.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        matcher.appendTail(out);
        return out.toString();
    }
}
