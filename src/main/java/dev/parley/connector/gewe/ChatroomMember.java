package dev.parley.connector.gewe;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * A member of a group, as {@code getChatroomInfo} and {@code getChatroomMemberList} list them.
 *
 * @param wxid            the member's wxid
 * @param nickName        the member's own nickname, or {@code null}
 * @param displayName     the name the member uses in this group, or {@code null}
 * @param inviterUserName the wxid of who invited the member, or {@code null}
 * @param memberFlag      WeChat's member flags, or {@code null}
 * @param bigHeadImgUrl   the avatar, large, or {@code null}
 * @param smallHeadImgUrl the avatar, small, or {@code null}
 */
public record ChatroomMember(String wxid, String nickName, String displayName, String inviterUserName,
                             Integer memberFlag, String bigHeadImgUrl, String smallHeadImgUrl) {

    /** @return the name to show: the in-group name, else the nickname, else the wxid */
    public String name() {
        return displayName != null ? displayName : nickName != null ? nickName : wxid;
    }

    /**
     * @param array a JSON array of members
     * @return the members that have a wxid ({@code wxid}, or {@code userName} in gewe-rs's shape)
     */
    static List<ChatroomMember> listOf(JsonNode array) {
        return GeweReplies.objects(array).stream()
                .map(ChatroomMember::of)
                .filter(member -> member.wxid() != null)
                .toList();
    }

    private static ChatroomMember of(JsonNode m) {
        String wxid = GeweReplies.text(m, "wxid");
        return new ChatroomMember(wxid != null ? wxid : GeweReplies.text(m, "userName"),
                GeweReplies.text(m, "nickName"), GeweReplies.text(m, "displayName"),
                GeweReplies.text(m, "inviterUserName"), GeweReplies.integer(m, "memberFlag"),
                GeweReplies.text(m, "bigHeadImgUrl"), GeweReplies.text(m, "smallHeadImgUrl"));
    }
}
