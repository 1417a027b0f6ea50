package dev.parley.account;

import java.util.Objects;

/**
 * The natural key of a managed account: its platform and its id at the provider (GeWe appId).
 *
 * @param platform   the platform
 * @param externalId the provider's id
 */
public record AccountKey(Platform platform, String externalId) {
    /** Rejects missing parts. */
    public AccountKey {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(externalId, "externalId");
    }
}
