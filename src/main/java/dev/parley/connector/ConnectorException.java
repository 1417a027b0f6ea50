package dev.parley.connector;

/**
 * A platform call failed. The kind decides what Parley does next: retry later, give up and tell the
 * admin, or treat the account as offline.
 */
public final class ConnectorException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Kind kind;
    private final boolean mayHaveTakenEffect;
    private final long retryAfterMillis;

    /**
     * @param kind    what sort of failure
     * @param message what happened, for logs and admins; never contains credentials
     * @param cause   the underlying error, or {@code null}
     */
    public ConnectorException(Kind kind, String message, Throwable cause) {
        this(kind, message, cause, false);
    }

    /**
     * @param kind               what sort of failure
     * @param message            what happened, for logs and admins; never contains credentials
     * @param cause              the underlying error, or {@code null}
     * @param mayHaveTakenEffect whether the platform may have carried the request out anyway (see
     *                           {@link #mayHaveTakenEffect()})
     */
    public ConnectorException(Kind kind, String message, Throwable cause, boolean mayHaveTakenEffect) {
        this(kind, message, cause, mayHaveTakenEffect, 0);
    }

    private ConnectorException(Kind kind, String message, Throwable cause, boolean mayHaveTakenEffect,
                               long retryAfterMillis) {
        super(message, cause);
        this.kind = kind;
        this.mayHaveTakenEffect = mayHaveTakenEffect;
        this.retryAfterMillis = retryAfterMillis;
    }

    /**
     * A transient refusal that says how long to wait: the platform's rate limit.
     *
     * @param message    what happened, for logs and admins
     * @param retryAfter how long the platform asks to wait at least before the next try, ms
     * @return the exception
     */
    public static ConnectorException retryAfter(String message, long retryAfter) {
        return new ConnectorException(Kind.TRANSIENT, message, null, false, retryAfter);
    }

    /** @return how long the platform asked to wait before the next try, ms; 0 when it did not say */
    public long retryAfterMillis() {
        return retryAfterMillis;
    }

    /** @return what sort of failure */
    public Kind kind() {
        return kind;
    }

    /**
     * @return whether the request may have reached the platform and been carried out although no usable answer came
     *         back (a timeout after the request was sent, a broken connection, an unreadable reply). A send that fails
     *         like this must not be repeated blindly: the message may already be in the chat.
     */
    public boolean mayHaveTakenEffect() {
        return mayHaveTakenEffect;
    }

    /** What sort of failure, and so what to do about it. */
    public enum Kind {
        /** Worth retrying later: timeouts, the platform down or overloaded. */
        TRANSIENT,
        /** Retrying will not help: the request itself was refused. */
        PERMANENT,
        /** The account is not logged in: pause it, reconnect or log in again. */
        OFFLINE,
        /** Parley's own credentials for the platform are wrong: an operator must fix the configuration. */
        CONFIGURATION,
        /** A login was asked for an account that is still online. */
        ALREADY_ONLINE
    }
}
