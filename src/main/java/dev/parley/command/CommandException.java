package dev.parley.command;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A command could not do what was asked for a reason the user can act on; the engine answers with an
 * error card whose text is the localized message behind {@link #key()}.
 */
public final class CommandException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final String key;
    private final transient Map<String, Object> args;

    /**
     * @param key            the locale key of the explanation
     * @param namesAndValues its placeholders: name, value, name, value…
     */
    public CommandException(String key, Object... namesAndValues) {
        super(key);
        this.key = key;
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            map.put(String.valueOf(namesAndValues[i]), namesAndValues[i + 1]);
        }
        this.args = map;
    }

    /** @return the locale key */
    public String key() {
        return key;
    }

    /** @return the placeholders */
    public Map<String, Object> args() {
        return args;
    }
}
