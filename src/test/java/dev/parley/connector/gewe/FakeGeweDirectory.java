package dev.parley.connector.gewe;

import static dev.parley.connector.gewe.FakeGeweEnvelope.JSON;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.parley.connector.gewe.FakeGeweEnvelope.Refusal;
import dev.parley.connector.gewe.FakeGeweServer.Member;
import dev.parley.connector.gewe.FakeGeweServer.MemberListShape;

/**
 * The friends, groups and official accounts {@link FakeGeweServer} reports, and the contact and group
 * endpoints that read them ({@code reference/gewe.md} §5). One directory serves every device: tests
 * that need different address books per account use different fakes.
 */
final class FakeGeweDirectory {

    private final FakeGeweLogin login;
    private final Map<String, Friend> friends = new LinkedHashMap<>();
    private final Map<String, Room> rooms = new LinkedHashMap<>();
    private final List<String> ghs = new ArrayList<>();
    private MemberListShape shape = MemberListShape.DOCUMENTED;

    FakeGeweDirectory(FakeGeweLogin login) {
        this.login = login;
    }

    /** Registers the contact and group endpoints. */
    void register(Map<String, FakeGeweServer.Endpoint> routes) {
        routes.put("/contacts/fetchContactsList", this::fetchContactsList);
        routes.put("/contacts/getBriefInfo", this::contactInfo);
        routes.put("/contacts/getDetailInfo", this::contactInfo);
        routes.put("/group/getChatroomInfo", this::getChatroomInfo);
        routes.put("/group/getChatroomMemberList", this::getChatroomMemberList);
    }

    // ---- test controls -----------------------------------------------------------------------------

    synchronized void friend(String wxid, String nickName, String remark) {
        friends.put(wxid, new Friend(wxid, nickName, remark));
    }

    synchronized void unfriend(String wxid) {
        friends.remove(wxid);
    }

    synchronized void gh(String id) {
        ghs.add(id);
    }

    synchronized void room(String roomId, String name, String owner, List<Member> members) {
        Room room = new Room(roomId, name, owner);
        members.forEach(member -> room.members.put(member.wxid(), member));
        rooms.put(roomId, room);
    }

    synchronized void admins(String roomId, List<String> wxids) {
        Room room = room(roomId);
        room.admins.clear();
        room.admins.addAll(wxids);
    }

    synchronized void addMember(String roomId, Member member) {
        room(roomId).members.put(member.wxid(), member);
    }

    synchronized void removeMember(String roomId, String wxid) {
        if (room(roomId).members.remove(wxid) == null) {
            throw new IllegalArgumentException(wxid + " is not a member of " + roomId);
        }
    }

    synchronized void renameRoom(String roomId, String name) {
        room(roomId).name = name;
    }

    synchronized void shape(MemberListShape shape) {
        this.shape = shape;
    }

    /** @return the room's current name and owner, for callbacks */
    synchronized RoomHeader header(String roomId) {
        Room room = room(roomId);
        return new RoomHeader(room.name, room.owner);
    }

    /** @return the nickname of a friend or of a member of any group; the wxid when unknown */
    synchronized String nickName(String wxid) {
        Friend friend = friends.get(wxid);
        if (friend != null) {
            return friend.nickName;
        }
        for (Room room : rooms.values()) {
            Member member = room.members.get(wxid);
            if (member != null) {
                return member.nickName();
            }
        }
        return wxid;
    }

    /** @return the friend's remark, or {@code null} */
    synchronized String remark(String wxid) {
        Friend friend = friends.get(wxid);
        return friend == null ? null : friend.remark;
    }

    // ---- endpoints ---------------------------------------------------------------------------------

    private synchronized ObjectNode fetchContactsList(String path, JsonNode body) throws Refusal {
        login.requireOnline(path, body);
        ObjectNode data = JSON.createObjectNode();
        friends.keySet().forEach(data.putArray("friends")::add);
        rooms.keySet().forEach(data.putArray("chatrooms")::add);
        ghs.forEach(data.putArray("ghs")::add);
        return FakeGeweEnvelope.ok(data);
    }

    private synchronized ObjectNode contactInfo(String path, JsonNode body) throws Refusal {
        login.requireOnline(path, body);
        JsonNode wxids = body.get("wxids");
        if (wxids == null || !wxids.isArray() || wxids.isEmpty()) {
            throw new Refusal(FakeGeweEnvelope.error(FakeGeweEnvelope.BAD_REQUEST, "-1", "wxids"));
        }
        ArrayNode data = JSON.createArrayNode();
        for (JsonNode item : wxids) {
            String id = item.asText();
            Friend friend = friends.get(id);
            Room room = rooms.get(id);
            if (friend != null) {
                data.add(info(id, friend.nickName, friend.remark));
            } else if (room != null) {
                data.add(info(id, room.name, null));
            } else if (!nickName(id).equals(id)) {
                data.add(info(id, nickName(id), null));
            }
        }
        return FakeGeweEnvelope.ok(data);
    }

    private synchronized ObjectNode getChatroomInfo(String path, JsonNode body) throws Refusal {
        login.requireOnline(path, body);
        Room room = rooms.get(FakeGeweEnvelope.required(body, "chatroomId"));
        if (room == null) {
            throw new Refusal(FakeGeweEnvelope.error("获取群信息失败"));
        }
        ObjectNode data = JSON.createObjectNode()
                .put("chatroomId", room.id).put("nickName", room.name).put("pyInitial", "").put("quanPin", "")
                .put("sex", 0).putNull("remark").putNull("remarkPyInitial").putNull("remarkQuanPin")
                .put("chatRoomNotify", 1).put("chatRoomOwner", room.owner)
                .put("smallHeadImgUrl", "https://wx.qlogo.cn/mmcrhead/fake/0");
        data.set("memberList", members(room));
        return FakeGeweEnvelope.ok(data);
    }

    private synchronized ObjectNode getChatroomMemberList(String path, JsonNode body) throws Refusal {
        login.requireOnline(path, body);
        Room room = rooms.get(FakeGeweEnvelope.required(body, "chatroomId"));
        if (room == null) {
            throw new Refusal(FakeGeweEnvelope.error("获取群成员列表异常:null"));
        }
        ObjectNode data = JSON.createObjectNode();
        if (shape == MemberListShape.DOCUMENTED) {
            data.set("memberList", members(room));
            data.put("chatroomOwner", room.owner);
            room.admins.forEach(data.putArray("adminWxid")::add);
        } else {
            data.put("chatRoomOwner", room.owner);
            data.set("chatroomMembers", members(room));
        }
        return FakeGeweEnvelope.ok(data);
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private Room room(String roomId) {
        Room room = rooms.get(roomId);
        if (room == null) {
            throw new IllegalArgumentException("The fake has no room " + roomId);
        }
        return room;
    }

    private static ArrayNode members(Room room) {
        ArrayNode list = JSON.createArrayNode();
        for (Member member : room.members.values()) {
            ObjectNode item = list.addObject().put("wxid", member.wxid()).put("nickName", member.nickName())
                    .put("inviterUserName", member.inviterUserName())
                    .put("memberFlag", member.wxid().equals(room.owner) ? 2049 : 1)
                    .put("displayName", member.displayName())
                    .put("bigHeadImgUrl", "https://wx.qlogo.cn/mmhead/fake/" + member.wxid() + "/0");
            item.put("smallHeadImgUrl", "https://wx.qlogo.cn/mmhead/fake/" + member.wxid() + "/132");
        }
        return list;
    }

    private static ObjectNode info(String id, String nickName, String remark) {
        return JSON.createObjectNode()
                .put("userName", id).put("nickName", nickName).put("pyInitial", "").put("quanPin", "")
                .put("sex", 0).put("remark", remark == null ? "" : remark).put("remarkPyInitial", "")
                .put("remarkQuanPin", "").putNull("signature").put("alias", "").putNull("snsBgImg")
                .put("country", "CN").put("bigHeadImgUrl", "https://wx.qlogo.cn/mmhead/fake/" + id + "/0")
                .put("smallHeadImgUrl", "https://wx.qlogo.cn/mmhead/fake/" + id + "/132").putNull("description")
                .putNull("cardImgUrl").put("labelList", "").put("province", "").put("city", "")
                .putNull("phoneNumList");
    }

    /**
     * @param name  a group's name
     * @param owner its owner's wxid
     */
    record RoomHeader(String name, String owner) {
    }

    private record Friend(String wxid, String nickName, String remark) {
    }

    /** A group; mutable so tests can rename it and change its members. */
    private static final class Room {
        private final String id;
        private final String owner;
        private final Map<String, Member> members = new LinkedHashMap<>();
        private final List<String> admins = new ArrayList<>();
        private String name;

        private Room(String id, String name, String owner) {
            this.id = id;
            this.name = name;
            this.owner = owner;
        }
    }
}
