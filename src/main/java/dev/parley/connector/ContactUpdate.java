package dev.parley.connector;

import java.util.Objects;

/**
 * What a platform said about one contact or group it added or changed, as a connector hands it to the
 * {@link AccountIntake}.
 *
 * @param contactId the person's or group's id
 * @param kind      what it is
 * @param nickname  the person's own name or the group's name, or {@code null}
 * @param remark    the name the account saved them under, or {@code null}
 * @param ownerId   the group's owner, or {@code null}
 */
public record ContactUpdate(String contactId, Kind kind, String nickname, String remark, String ownerId) {
    /** Rejects missing parts. */
    public ContactUpdate {
        Objects.requireNonNull(contactId, "contactId");
        Objects.requireNonNull(kind, "kind");
    }

    /** What a contact is. */
    public enum Kind {
        /** A person the account knows (a friend, a saved contact). */
        PERSON,
        /** A platform's official or business account. */
        OFFICIAL,
        /** A group chat. */
        GROUP
    }
}
