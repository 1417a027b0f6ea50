package dev.parley.channel;

import java.time.Duration;

/** A chat platform did not take a card. Transient failures are retried, after {@link #retryAfter()} when given. */
public final class ChannelException extends Exception {
    private static final long serialVersionUID = 1L;

    private final boolean transientFailure;
    private final Duration retryAfter;

    private ChannelException(String message, Throwable cause, boolean transientFailure, Duration retryAfter) {
        super(message, cause);
        this.transientFailure = transientFailure;
        this.retryAfter = retryAfter;
    }

    /**
     * @param message    what happened
     * @param cause      the underlying error, or {@code null}
     * @param retryAfter how long the platform asks to wait (a 429), or {@code null}
     * @return a failure worth retrying
     */
    public static ChannelException retryable(String message, Throwable cause, Duration retryAfter) {
        return new ChannelException(message, cause, true, retryAfter);
    }

    /**
     * @param message what happened
     * @param cause   the underlying error, or {@code null}
     * @return a failure retrying will not fix (chat gone, bot removed, card refused)
     */
    public static ChannelException permanent(String message, Throwable cause) {
        return new ChannelException(message, cause, false, null);
    }

    /** @return whether retrying may help */
    public boolean isTransient() {
        return transientFailure;
    }

    /** @return how long to wait before retrying, or {@code null} for the caller's back-off */
    public Duration retryAfter() {
        return retryAfter;
    }
}
