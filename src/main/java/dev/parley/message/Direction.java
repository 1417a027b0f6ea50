package dev.parley.message;

import java.util.Locale;

/** Whether the managed account received a message or sent it (from the API or from the phone). */
public enum Direction {
    IN, OUT;

    /** @return the lower-case code stored in the database */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
