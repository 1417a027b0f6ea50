package dev.parley.outbound;

import java.util.Locale;

/**
 * Where an outbound message stands. {@code queued → sending → sent | failed | unknown}; an admin may drop a queued,
 * failed or unknown message ({@code cancelled}) or send a failed or unknown one again ({@code queued}).
 */
public enum OutboundState {
    /** Waiting for its turn (and, after a transient error, for its next attempt). */
    QUEUED,
    /** Handed to the platform; committed before the call, so a crash leaves it here. */
    SENDING,
    /** The platform took it and returned its ids. */
    SENT,
    /** The platform refused it, or transient errors outlasted every attempt. */
    FAILED,
    /** It may or may not have reached the chat (a crash or a lost answer mid-send); only an admin resends it. */
    UNKNOWN,
    /** Dropped by an admin. */
    CANCELLED;

    /** @return the lower-case code stored in the database */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param code a stored code
     * @return the state
     */
    public static OutboundState fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
