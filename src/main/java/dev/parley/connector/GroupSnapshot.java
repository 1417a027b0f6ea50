package dev.parley.connector;

import java.util.List;

/**
 * A group as the platform reports it now.
 *
 * @param id      the group id
 * @param name    its name, or {@code null}
 * @param ownerId its owner's user id, or {@code null}
 * @param members its current members
 */
public record GroupSnapshot(String id, String name, String ownerId, List<Member> members) {
    /** Copies the members. */
    public GroupSnapshot {
        members = List.copyOf(members);
    }

    /**
     * A member of a group.
     *
     * @param id          user id
     * @param name        the name shown in the group (group nickname, else nickname)
     * @param inviterId   who invited them, or {@code null}
     */
    public record Member(String id, String name, String inviterId) {
    }
}
