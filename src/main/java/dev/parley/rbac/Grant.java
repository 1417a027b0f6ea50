package dev.parley.rbac;

/**
 * A role bound to an identity.
 *
 * @param identity  who
 * @param role      what they may do
 * @param grantedBy who granted it ({@code config} for owners from PARLEY_OWNERS)
 * @param grantedAt when, epoch ms
 */
public record Grant(Identity identity, Role role, String grantedBy, long grantedAt) {
    /** The {@code grantedBy} of owners that come from configuration. */
    public static final String CONFIG = "config";

    /** @return whether the grant comes from configuration and can only be changed there */
    public boolean fromConfig() {
        return CONFIG.equals(grantedBy);
    }
}
