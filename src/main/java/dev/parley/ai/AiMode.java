package dev.parley.ai;

import java.util.Locale;

/**
 * Whether an account's customers get AI replies: not at all, as drafts a human approves, or sent automatically when
 * grounded in the knowledge base.
 */
public enum AiMode {
    /** No drafts (the default). */
    OFF,
    /** Each reply is drafted and waits for a human's Send. */
    DRAFT,
    /** A reply grounded in the knowledge base is sent at once (within quota); any other waits as on draft. */
    AUTO;

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
