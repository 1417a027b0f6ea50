package dev.parley.command;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Unwinds the parser at the first thing wrong with a command's arguments; {@link CommandParser} turns it into
 * {@link ParseResult.Invalid}. Carries no stack trace: it is an answer, not a failure.
 */
final class Problem extends RuntimeException {
    private final ParserKey key;
    private final Map<String, Object> args;

    private Problem(ParserKey key, Map<String, Object> args) {
        super(key.key(), null, false, false);
        this.key = key;
        this.args = Collections.unmodifiableMap(args);
    }

    /** @param namesAndValues alternating placeholder names and values */
    static Problem of(ParserKey key, Object... namesAndValues) {
        Map<String, Object> args = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            args.put((String) namesAndValues[i], namesAndValues[i + 1]);
        }
        return new Problem(key, args);
    }

    ParserKey key() {
        return key;
    }

    Map<String, Object> args() {
        return args;
    }
}
