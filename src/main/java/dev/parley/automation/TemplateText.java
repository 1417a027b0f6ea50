package dev.parley.automation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The text of a saved template or a rule's reply, with variables and spintax: {@code {name}}, {@code {group}},
 * {@code {date}} and {@code {account}} are filled in per recipient, and {@code {a|b|c}} picks one of its choices
 * at random, so the messages of a broadcast are not byte-identical (platforms flag identical mass messages).
 * Braces nest: {@code {Hi|Hello} {name}{!|.}}. A brace that is not closed, an empty choice list or an unknown
 * variable is refused when the text is saved, not when a message is made from it.
 */
public final class TemplateText {
    /** The variables a template may use. */
    public static final Set<String> VARIABLES = Set.of("name", "group", "date", "account");
    /** The longest text a template may have. */
    public static final int MAX_LENGTH = 2000;

    private final String source;

    private TemplateText(String source) {
        this.source = source;
    }

    /**
     * @param source the text as typed
     * @return the template
     * @throws InvalidTemplateException when it is empty, too long, has an unclosed brace or an unknown variable
     */
    public static TemplateText parse(String source) {
        if (source == null || source.isBlank()) {
            throw new InvalidTemplateException("empty", source == null ? "" : source, 0);
        }
        if (source.length() > MAX_LENGTH) {
            throw new InvalidTemplateException("too_long", source, MAX_LENGTH);
        }
        new Renderer(source, Map.of(), null).validate();
        return new TemplateText(source);
    }

    /**
     * @param values    the variables' values for one recipient (a missing one renders as empty)
     * @param random    picks spintax choices
     * @return the message
     */
    public String render(Map<String, String> values, RandomGenerator random) {
        return new Renderer(source, values, random).render();
    }

    /** @return how many different texts the spintax can make (at most {@link Integer#MAX_VALUE}) */
    public int variants() {
        return new Renderer(source, Map.of(), null).variants();
    }

    /** @return the text as typed */
    public String source() {
        return source;
    }

    @Override
    public String toString() {
        return source;
    }

    /** A recursive-descent walk over the braces, used to check, count and render. */
    private static final class Renderer {
        private final String s;
        private final Map<String, String> values;
        private final RandomGenerator random;
        private int pos;

        Renderer(String s, Map<String, String> values, RandomGenerator random) {
            this.s = s;
            this.values = values;
            this.random = random;
        }

        void validate() {
            sequence(false, null);
            if (pos < s.length()) {
                throw new InvalidTemplateException("unopened", s, pos);
            }
        }

        String render() {
            StringBuilder out = new StringBuilder();
            sequence(false, out);
            return out.toString();
        }

        int variants() {
            return sequence(false, null);
        }

        /**
         * Reads text up to the end, or up to '|' or '}' inside braces (the caller finds an unclosed brace); returns
         * the variants it can make.
         */
        private int sequence(boolean inside, StringBuilder out) {
            long variants = 1;
            while (pos < s.length()) {
                char c = s.charAt(pos);
                if (c == '{') {
                    variants = Math.min(Integer.MAX_VALUE, variants * braces(out));
                } else if (c == '}' || c == '|') {
                    if (inside) {
                        return (int) variants;
                    }
                    if (c == '}') {
                        throw new InvalidTemplateException("unopened", s, pos);
                    }
                    append(out, c);
                    pos++;
                } else {
                    append(out, c);
                    pos++;
                }
            }
            return (int) variants;
        }

        /** At '{': a variable or a choice list. */
        private int braces(StringBuilder out) {
            int open = pos;
            int close = s.indexOf('}', open);
            String inner = close < 0 ? "" : s.substring(open + 1, close);
            if (close > open + 1 && inner.chars().allMatch(ch -> ch >= 'a' && ch <= 'z')) {
                if (!VARIABLES.contains(inner)) {
                    throw new InvalidTemplateException("unknown_variable", s, open);
                }
                if (out != null) {
                    out.append(values.getOrDefault(inner, ""));
                }
                pos = close + 1;
                return 1;
            }
            pos++;
            List<StringBuilder> choices = new ArrayList<>();
            long variants = 0;
            while (true) {
                StringBuilder choice = out == null ? null : new StringBuilder();
                variants += sequence(true, choice);
                choices.add(choice);
                if (pos >= s.length()) {
                    throw new InvalidTemplateException("unclosed", s, open);
                }
                char c = s.charAt(pos++);
                if (c == '}') {
                    break;
                }
            }
            if (choices.size() < 2) {
                throw new InvalidTemplateException("one_choice", s, open);
            }
            if (out != null) {
                out.append(choices.get(random.nextInt(choices.size())));
            }
            return (int) Math.min(Integer.MAX_VALUE, variants);
        }

        private static void append(StringBuilder out, char c) {
            if (out != null) {
                out.append(c);
            }
        }
    }
}
