package dev.parley.ai;

import java.util.Locale;

/** Whether an account's customers get AI reply drafts: not at all, or as drafts a human approves. */
public enum AiMode {
    /** No drafts (the default). */
    OFF,
    /** Each reply is drafted and waits for a human's Send. */
    DRAFT;

    /** @return the code stored and typed, e.g. {@code draft} */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param code a stored or typed code
     * @return the mode
     */
    public static AiMode of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
