package dev.parley.connector.gewe;

import java.util.List;
import java.util.Objects;

import dev.parley.contact.GroupChange;
import dev.parley.contact.GroupChange.Kind;
import dev.parley.contact.GroupChange.Member;

/**
 * A group change as a system message words it, before it is tied to a group and an account. The
 * content alone cannot say which group a notice belongs to, nor who "你"/"You" is: that takes the
 * message's route, so {@link MessageAssembler} finishes it with {@link #inGroup}.
 *
 * @param kind      what changed
 * @param byAccount whether the managed account itself did it ({@code 你邀请…}, {@code 你将…移出了群聊})
 * @param actor     who did it, as the notice names them, or {@code null} when it is the account or unnamed
 * @param members   the members it concerns, empty for kinds without members
 * @param newName   the group's new name for {@link Kind#RENAME}, else {@code null}
 */
record AnnouncedChange(Kind kind, boolean byAccount, Member actor, List<Member> members, String newName) {

    AnnouncedChange {
        Objects.requireNonNull(kind, "kind");
        members = List.copyOf(members);
    }

    /**
     * @param groupId the group the notice was posted in
     * @param selfId  the account's own user id, or {@code null} when the callback does not name it
     * @return the change in that group, with the account as the actor when the account did it
     */
    GroupChange inGroup(String groupId, String selfId) {
        if (byAccount) {
            return new GroupChange(kind, groupId, selfId, null, members, newName);
        }
        return new GroupChange(kind, groupId, actor == null ? null : actor.id(), actor == null ? null : actor.name(),
                members, newName);
    }
}
