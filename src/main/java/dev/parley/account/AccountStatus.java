package dev.parley.account;

import java.util.Locale;

/** Where a managed account stands with its platform. */
public enum AccountStatus {
    /** Not known yet. */
    UNKNOWN,
    /** Waiting for a QR scan or a confirmation on the phone. */
    PENDING,
    /** Logged in and delivering messages. */
    ONLINE,
    /** Logged out or kicked; needs a reconnect or a new login. */
    OFFLINE,
    /** Logged out by an admin on purpose, or from the phone; nothing tries to bring it back until a new login. */
    LOGGED_OUT,
    /** The platform refuses the account (banned or restricted); nothing tries to bring it back. */
    BANNED,
    /** Removed by an admin: no longer run, its archive kept. */
    REMOVED;

    /** @return the lower-case code stored in the database and used in metric labels */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param code a stored code
     * @return the status, {@link #UNKNOWN} for anything unrecognised
     */
    public static AccountStatus fromCode(String code) {
        for (AccountStatus status : values()) {
            if (status.code().equals(code)) {
                return status;
            }
        }
        return UNKNOWN;
    }
}
