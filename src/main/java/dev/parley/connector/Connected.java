package dev.parley.connector;

import java.util.List;
import java.util.Objects;

/**
 * An account the platform accepted the credentials of ({@link AccountConnector#connect}).
 *
 * @param externalId the account's provider id (a Cloud API phone number id)
 * @param selfId     the account's own user id (its phone number)
 * @param name       the name the platform shows for it
 * @param facts      what the platform says about it, for the card
 */
public record Connected(String externalId, String selfId, String name, List<AccountFact> facts) {
    /** Rejects missing parts and copies the facts. */
    public Connected {
        Objects.requireNonNull(externalId, "externalId");
        Objects.requireNonNull(selfId, "selfId");
        Objects.requireNonNull(name, "name");
        facts = List.copyOf(facts);
    }
}
