package dev.parley.message;

import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the row ids cards show, as admins type them back: {@code #123}, {@code 123}, {@code ＃123}. */
public final class RowIds {
    private static final Pattern ID = Pattern.compile("[#＃]?\\s*(\\d{1,18})");

    private RowIds() {
    }

    /**
     * @param typed what was typed
     * @return the id, empty when it is not one
     */
    public static OptionalLong parse(String typed) {
        Matcher m = ID.matcher(typed.strip());
        return m.matches() ? OptionalLong.of(Long.parseLong(m.group(1))) : OptionalLong.empty();
    }
}
