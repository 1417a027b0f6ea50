package dev.parley.automation.rules;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

import dev.parley.command.CommandException;

/**
 * What a rule's keywords match, checked when the rule is added.
 *
 * <ul>
 *   <li>{@code contains} (default): alternatives separated by {@code |} or a comma ({@code ,}, {@code ，},
 *       {@code 、}); any one matching is enough. Within an alternative, parts separated by spaces must all occur,
 *       each the way {@code /search} finds it: Chinese (and other CJK) as a substring, Latin and digits as whole
 *       words, case- and width-insensitive. {@code 退款} matches "我想退款", {@code refund} matches "Refund please"
 *       and "ＲＥＦＵＮＤ" but not "refunded".</li>
 *   <li>{@code exact}: the whole text, width and case folded and without surrounding spaces and punctuation, equals
 *       one of the alternatives (folded the same way).</li>
 *   <li>{@code regex}: the keywords are one Java regular expression (at most {@value #MAX_REGEX} characters),
 *       found anywhere in the text, case-insensitive; each run is cut off after a time limit, counting as no
 *       match.</li>
 * </ul>
 */
sealed interface TextMatch {
    /** The longest regular expression a rule may have. */
    int MAX_REGEX = 200;
    /** The longest keyword list. */
    int MAX_KEYWORDS = 500;

    /**
     * @param text a customer's text
     * @return whether it matches
     */
    boolean matches(Inbound text);

    /**
     * @param kind     contains, exact or regex
     * @param keywords as typed
     * @param timeout  how long one regular expression may run
     * @return the match
     * @throws CommandException when the keywords are empty, too long, or not a regular expression
     */
    static TextMatch parse(MatchKind kind, String keywords, Duration timeout) {
        String typed = keywords == null ? "" : keywords.strip();
        if (typed.isEmpty()) {
            throw new CommandException("rule.error.no_keyword");
        }
        if (typed.length() > MAX_KEYWORDS) {
            throw new CommandException("rule.error.keyword_too_long", "max", MAX_KEYWORDS);
        }
        return switch (kind) {
            case CONTAINS -> Contains.of(typed);
            case EXACT -> new Exact(split(typed).stream().map(Inbound::fold).filter(a -> !a.isEmpty()).toList());
            case REGEX -> Regex.of(typed, timeout);
        };
    }

    private static List<String> split(String typed) {
        List<String> out = new ArrayList<>();
        for (String a : typed.split("[|,，、]")) {
            if (!a.isBlank()) {
                out.add(a.strip());
            }
        }
        if (out.isEmpty()) {
            throw new CommandException("rule.error.no_keyword");
        }
        return out;
    }

    /** Alternatives of parts that must all occur. */
    record Contains(List<List<MessageTokens>> alternatives) implements TextMatch {
        static Contains of(String typed) {
            List<List<MessageTokens>> all = new ArrayList<>();
            for (String alternative : TextMatch.split(typed)) {
                List<MessageTokens> parts = new ArrayList<>();
                for (String part : alternative.split("[\\s\\u3000]+")) {
                    MessageTokens tokens = MessageTokens.of(part);
                    if (!tokens.isEmpty()) {
                        parts.add(tokens);
                    }
                }
                if (parts.isEmpty()) {
                    throw new CommandException("rule.error.keyword_no_words", "keyword", alternative);
                }
                all.add(parts);
            }
            return new Contains(all);
        }

        @Override
        public boolean matches(Inbound text) {
            MessageTokens message = text.tokens();
            return alternatives.stream().anyMatch(parts -> parts.stream().allMatch(message::containsPhrase));
        }
    }

    /** The whole folded text is one of the folded alternatives. */
    record Exact(List<String> alternatives) implements TextMatch {
        @Override
        public boolean matches(Inbound text) {
            return alternatives.contains(text.folded());
        }
    }

    /** A regular expression run with a time limit. */
    record Regex(Pattern pattern, Duration timeout) implements TextMatch {
        static Regex of(String typed, Duration timeout) {
            if (typed.length() > MAX_REGEX) {
                throw new CommandException("rule.error.regex_too_long", "max", MAX_REGEX);
            }
            try {
                return new Regex(Pattern.compile(typed, Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE), timeout);
            } catch (PatternSyntaxException e) {
                throw new CommandException("rule.error.bad_regex", "regex", typed,
                        "reason", e.getDescription(), "index", Math.max(0, e.getIndex()));
            }
        }

        @Override
        public boolean matches(Inbound text) {
            return find(text.text()).orElse(false);
        }

        /**
         * @param text a text
         * @return whether the pattern occurs in it; empty when it ran out of time
         */
        Optional<Boolean> find(String text) {
            String cut = text.length() > MessageTokens.MAX_CHARS ? text.substring(0, MessageTokens.MAX_CHARS) : text;
            try {
                return Optional.of(pattern.matcher(new DeadlineText(cut, System.nanoTime() + timeout.toNanos())).find());
            } catch (DeadlineText.TimeUp | StackOverflowError e) {
                return Optional.empty();
            }
        }
    }

    /** How keywords are compared. */
    enum MatchKind {
        CONTAINS, EXACT, REGEX;

        /** @return the code in commands and the database */
        String code() {
            return name().toLowerCase(Locale.ROOT);
        }

        /**
         * @param code contains, exact or regex
         * @return the kind
         */
        static MatchKind of(String code) {
            return valueOf(code.toUpperCase(Locale.ROOT));
        }
    }
}
