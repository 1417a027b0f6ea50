package dev.parley.ai;

import java.util.Locale;

/** Where a draft is in its life; see {@code V9__ai.sql}. */
public enum DraftState {
    /** The provider is being asked. */
    DRAFTING,
    /** Waits for a human. */
    PENDING,
    /** A human pressed Send; its reply is being queued. */
    APPROVED,
    /** Its reply is in the account's outbound queue. */
    SENT,
    /** A human rejected it. */
    REJECTED,
    /** The customer wrote again, or a human answered from the phone, before anyone decided. */
    STALE,
    /** The provider gave no usable answer. */
    FAILED;

    /** @return the stored code */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param code a stored code
     * @return the state
     */
    public static DraftState of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
