package dev.parley.account;

/**
 * Told when an account stops or starts being usable, so features that act through it (the outbound
 * queue) pause and resume with it.
 */
public interface AccountStateListener {
    /**
     * @param accountId the account, now offline
     */
    void offline(long accountId);

    /**
     * @param accountId the account, online again
     */
    void online(long accountId);
}
