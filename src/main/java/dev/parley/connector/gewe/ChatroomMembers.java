package dev.parley.connector.gewe;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A group's member list ({@code /group/getChatroomMemberList}). Two shapes are accepted: the documented
 * {@code {memberList, chatroomOwner, adminWxid}} and gewe-rs's {@code {chatroomMembers, chatRoomOwner}}
 * ({@code reference/gewe.md} §5).
 *
 * @param members the members, possibly empty
 * @param owner   the owner's wxid, or {@code null}
 * @param admins  the administrators' wxids, possibly empty
 */
public record ChatroomMembers(List<ChatroomMember> members, String owner, List<String> admins) {

    /** Copies the lists. */
    public ChatroomMembers {
        members = List.copyOf(members);
        admins = List.copyOf(admins);
    }

    static ChatroomMembers of(JsonNode data) {
        JsonNode list = JsonFields.field(data, "memberList");
        if (list == null) {
            list = JsonFields.field(data, "chatroomMembers");
        }
        return new ChatroomMembers(ChatroomMember.listOf(list), GeweReplies.text(data, "chatroomOwner"),
                GeweReplies.strings(data, "adminWxid"));
    }
}
