package dev.parley.connector;

/**
 * A platform call failed. The kind decides what Parley does next: retry later, give up and tell the
 * admin, or treat the account as offline.
 */
public final class ConnectorException extends Exception {
    private static final long serialVersionUID = 1L;

    private final Kind kind;

    /**
     * @param kind    what sort of failure
     * @param message what happened, for logs and admins; never contains credentials
     * @param cause   the underlying error, or {@code null}
     */
    public ConnectorException(Kind kind, String message, Throwable cause) {
        super(message, cause);
        this.kind = kind;
    }

    /** @return what sort of failure */
    public Kind kind() {
        return kind;
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
