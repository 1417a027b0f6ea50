package dev.parley.connector.gewe;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A group's name, owner and members ({@code /group/getChatroomInfo}). Wire names: {@code nickName} is
 * the group's name, {@code chatRoomOwner} its owner, {@code memberList} its members.
 *
 * @param chatroomId      the group, {@code …@chatroom}
 * @param name            the group's name, or {@code null} when it has none
 * @param owner           the owner's wxid, or {@code null}
 * @param remark          the name the account gave the group, or {@code null}
 * @param smallHeadImgUrl the group's avatar, or {@code null}
 * @param members         the members, possibly empty
 */
public record ChatroomInfo(String chatroomId, String name, String owner, String remark, String smallHeadImgUrl,
                           List<ChatroomMember> members) {

    /** Copies the members. */
    public ChatroomInfo {
        members = List.copyOf(members);
    }

    /**
     * @param chatroomId the group asked for, used when the reply does not echo it
     * @param data       the reply's {@code data}
     * @return the group
     */
    static ChatroomInfo of(String chatroomId, JsonNode data) {
        String echoed = GeweReplies.text(data, "chatroomId");
        return new ChatroomInfo(echoed == null ? chatroomId : echoed, GeweReplies.text(data, "nickName"),
                GeweReplies.text(data, "chatRoomOwner"), GeweReplies.text(data, "remark"),
                GeweReplies.text(data, "smallHeadImgUrl"),
                ChatroomMember.listOf(JsonFields.field(data, "memberList")));
    }
}
