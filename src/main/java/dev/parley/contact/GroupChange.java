package dev.parley.contact;

import java.util.List;
import java.util.Objects;

/**
 * A change to a group's membership or identity as a platform announced it — in the chat (WeChat's system
 * messages) or as an event of its own (WhatsApp's participant updates) — with who did it. Where a platform does not
 * announce voluntary leaves (WeChat), they are found by comparing member lists.
 *
 * @param kind    what changed
 * @param groupId the group
 * @param actorId who did it (the inviter, the one who kicked, the new owner…), or {@code null} when unknown
 * @param actorName the actor's display name as the notice shows it, or {@code null}
 * @param members the members it concerns (joined, kicked), empty for renames and dismissals
 * @param newName the group's new name, for {@link Kind#RENAME}; else {@code null}
 */
public record GroupChange(Kind kind, String groupId, String actorId, String actorName, List<Member> members,
                          String newName) {
    /** Rejects missing parts and copies the members. */
    public GroupChange {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(groupId, "groupId");
        members = List.copyOf(members);
    }

    /** What changed. */
    public enum Kind {
        /** Members joined, invited by the actor. */
        JOIN_INVITED,
        /** Members joined by scanning a group QR code (the actor shared it, when known). */
        JOIN_QR,
        /** Members joined through the group's invite link (the actor shared it, when known). */
        JOIN_LINK,
        /** The actor removed members. */
        KICK,
        /** Members left on their own (the account itself, when it is among them). */
        LEAVE,
        /** The actor made members admins of the group. */
        PROMOTE,
        /** The actor took members' admin rights away. */
        DEMOTE,
        /** The managed account itself was removed from the group by the actor. */
        REMOVED,
        /** The managed account itself was invited into the group by the actor. */
        INVITED,
        /** The group got a new name. */
        RENAME,
        /** The actor became the owner (for "you are the new owner": the account itself). */
        OWNER,
        /** The owner dismissed the group. */
        DISMISSED
    }

    /**
     * A member a change concerns.
     *
     * @param id   user id, or {@code null} when the notice carries only a name (plain-text notices)
     * @param name display name as the notice shows it, or {@code null}
     */
    public record Member(String id, String name) {
    }
}
