package dev.parley.command;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Assigns a command's tokens to its arguments and options and converts each value: options by key, words to the
 * positional arguments in order, every remaining word to a trailing {@code rest} argument, joined by single spaces. A
 * {@code verbatim} rest argument is free text (a message to send, a passage) and is taken as typed instead, from its
 * first word to its last, line breaks and quotes kept — unless an option stands among its words, or it is one quoted
 * word.
 */
final class Binder {
    private Binder() {
    }

    /**
     * @return canonical parameter name to converted value, arguments first, in declaration order
     * @throws Problem at the first thing wrong
     */
    static Map<String, Object> bind(CommandSpec command, List<Token> tokens, String text) {
        List<ArgSpec> args = command.args();
        Map<String, Object> values = new HashMap<>();
        List<Token.Word> restWords = new ArrayList<>();
        boolean optionSinceRest = false;
        boolean optionAmongRest = false;
        int nextArg = 0;
        for (Token token : tokens) {
            switch (token) {
                case Token.Option option -> {
                    optionSinceRest |= !restWords.isEmpty();
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
                        optionAmongRest |= optionSinceRest;
                        restWords.add(word);
                    } else {
                        values.put(arg.name(), Values.convert(arg, word.text()));
                        nextArg++;
                    }
                }
            }
        }
        if (!restWords.isEmpty()) {
            ArgSpec rest = args.getLast();
            boolean asTyped = rest.verbatim() && !optionAmongRest
                    && !(restWords.size() == 1 && restWords.getFirst().quoted());
            String value = asTyped ? text.substring(restWords.getFirst().start(), restWords.getLast().end())
                    : String.join(" ", restWords.stream().map(Token.Word::text).toList());
            values.put(rest.name(), Values.convert(rest, value));
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
