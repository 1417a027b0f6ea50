package dev.parley.message;

import java.util.Locale;

/** Whether a conversation is one-to-one or a group. */
public enum ChatType {
    PRIVATE, GROUP;

    /** @return the lower-case code stored in the database */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }
}
