package dev.parley.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assigns a command's tokens to its arguments and options and converts each value: options by key, words to the
 * positional arguments in order, every remaining word to a trailing {@code rest} argument.
 */
final class Binder {
    private Binder() {
    }

    /**
     * @return canonical parameter name to converted value, arguments first, in declaration order
     * @throws Problem at the first thing wrong
     */
    static Map<String, Object> bind(CommandSpec command, List<Token> tokens) {
        List<ArgSpec> args = command.args();
        Map<String, Object> values = new HashMap<>();
        List<String> restWords = new ArrayList<>();
        int nextArg = 0;
        for (Token token : tokens) {
            switch (token) {
                case Token.Option option -> {
                    String name = option.spec().name();
                    if (values.containsKey(name)) {
                        throw Problem.of(ParserKey.DUPLICATE_OPTION, "option", option.typedKey(), "name", name);
                    }
                    if (option.value().isEmpty()) {
                        throw Problem.of(ParserKey.OPTION_NEEDS_VALUE, "option", option.typedKey(), "name", name);
                    }
                    values.put(name, Values.convert(option.spec(), option.value()));
                }
                case Token.Word word when word.text().isEmpty() -> {
                    // an empty quoted word ("") carries nothing
                }
                case Token.Word word -> {
                    if (nextArg >= args.size()) {
                        throw extraWord(command, word);
                    }
                    ArgSpec arg = args.get(nextArg);
                    if (arg.rest()) {
                        restWords.add(word.text());
                    } else {
                        values.put(arg.name(), Values.convert(arg, word.text()));
                        nextArg++;
                    }
                }
            }
        }
        if (!restWords.isEmpty()) {
            ArgSpec rest = args.getLast();
            values.put(rest.name(), Values.convert(rest, String.join(" ", restWords)));
        }
        Map<String, Object> ordered = new LinkedHashMap<>();
        for (ParamSpec param : command.params()) {
            if (values.containsKey(param.name())) {
                ordered.put(param.name(), values.get(param.name()));
            } else if (param instanceof ArgSpec arg && arg.required()) {
                throw Problem.of(ParserKey.MISSING_ARGUMENT, "name", arg.name());
            }
        }
        return ordered;
    }

    /** A word no argument takes: an unknown option when it looks like {@code key:value}, otherwise one too many. */
    private static Problem extraWord(CommandSpec command, Token.Word word) {
        String text = word.text();
        int colon = text.codePoints().takeWhile(c -> !Tokenizer.isColon(c)).map(Character::charCount).sum();
        if (!word.quoted() && !command.options().isEmpty() && colon < text.length()) {
            String key = text.substring(0, colon);
            if (Names.ANY.matcher(key).matches()) {
                return Problem.of(ParserKey.UNKNOWN_OPTION, "option", key);
            }
        }
        return Problem.of(ParserKey.TOO_MANY_ARGUMENTS, "value", text);
    }
}
