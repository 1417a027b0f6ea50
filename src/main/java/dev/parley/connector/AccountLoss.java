package dev.parley.connector;

/**
 * Why a platform stopped running an account in a way a reconnection cannot mend: someone must act, and the
 * admins are told at once.
 */
public enum AccountLoss {
    /** The session was ended from the phone or by the platform: a new login is needed. */
    LOGGED_OUT,
    /** The platform refuses the account (banned, restricted). */
    BANNED,
    /** Another client took over the session; reconnecting would only take it back and forth. */
    REPLACED
}
