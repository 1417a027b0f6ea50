package dev.parley.connector.gewe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds GeWe callback bodies for tests anywhere in Parley, in the documented legacy envelope
 * ({@code reference/gewe.md} §3.3), so tests need not hand-write JSON. Message ids are emitted as bare
 * JSON numbers when they are digits, as GeWe does, so ids beyond 2^63 exercise exact parsing.
 */
public final class GeweCallbackFixtures {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GeweCallbackFixtures() {
    }

    /**
     * A private text message received from a friend.
     *
     * @param appId             the device id
     * @param selfWxid          the account's wxid (the receiver)
     * @param fromWxid          the friend who wrote it
     * @param text              the message text
     * @param newMsgId          the message id, digits of any length
     * @param createTimeSeconds when it was sent, unix seconds
     * @return the callback body
     */
    public static String privateText(String appId, String selfWxid, String fromWxid, String text, String newMsgId,
                                     long createTimeSeconds) {
        ObjectNode data = message(fromWxid, selfWxid, text, newMsgId, createTimeSeconds);
        data.put("PushContent", fromWxid + " : " + text);
        return addMsg(appId, selfWxid, data);
    }

    /**
     * A private text message the account sent from the phone.
     *
     * @param appId             the device id
     * @param selfWxid          the account's wxid (the sender)
     * @param toWxid            the friend it was sent to
     * @param text              the message text
     * @param newMsgId          the message id, digits of any length
     * @param createTimeSeconds when it was sent, unix seconds
     * @return the callback body
     */
    public static String privateTextSent(String appId, String selfWxid, String toWxid, String text, String newMsgId,
                                         long createTimeSeconds) {
        return addMsg(appId, selfWxid, message(selfWxid, toWxid, text, newMsgId, createTimeSeconds));
    }

    /**
     * A group text message. When {@code senderWxid} is the account itself it has the shape of a message
     * sent from the phone ({@code FromUserName} = the account, no prefix); otherwise the shape of a
     * received one ({@code FromUserName} = the group, content prefixed {@code "wxid:\n"}).
     *
     * @param appId             the device id
     * @param selfWxid          the account's wxid
     * @param roomId            the group, {@code …@chatroom}
     * @param senderWxid        the member who wrote it
     * @param text              the message text
     * @param newMsgId          the message id, digits of any length
     * @param createTimeSeconds when it was sent, unix seconds
     * @param mentions          wxids mentioned (listed in {@code <atuserlist>}), e.g. {@code notify@all}
     * @return the callback body
     */
    public static String groupText(String appId, String selfWxid, String roomId, String senderWxid, String text,
                                   String newMsgId, long createTimeSeconds, String... mentions) {
        boolean sent = senderWxid.equals(selfWxid);
        ObjectNode data = sent
                ? message(selfWxid, roomId, text, newMsgId, createTimeSeconds)
                : message(roomId, selfWxid, senderWxid + ":\n" + text, newMsgId, createTimeSeconds);
        if (mentions.length > 0) {
            data.put("MsgSource", "<msgsource>\n\t<atuserlist>" + escapeXml(String.join(",", mentions))
                    + "</atuserlist>\n\t<membercount>3</membercount>\n</msgsource>\n");
        }
        if (!sent) {
            data.put("PushContent", senderWxid + " : " + text);
        }
        return addMsg(appId, selfWxid, data);
    }

    /**
     * A plain-text system notice in a group (MsgType 10000, no sender prefix), e.g.
     * {@code 你被"Alice"移出群聊}, {@code "Bob"修改群名为“新群名”}, {@code 你已成为新群主}.
     *
     * @param appId             the device id
     * @param selfWxid          the account's wxid
     * @param roomId            the group, {@code …@chatroom}
     * @param text              the notice
     * @param newMsgId          the message id, digits of any length
     * @param createTimeSeconds when it happened, unix seconds
     * @return the callback body
     */
    public static String groupNotice(String appId, String selfWxid, String roomId, String text, String newMsgId,
                                     long createTimeSeconds) {
        ObjectNode data = message(roomId, selfWxid, text, newMsgId, createTimeSeconds);
        data.put("MsgType", 10000);
        return addMsg(appId, selfWxid, data);
    }

    /**
     * The system message of members invited into a group (MsgType 10002, template
     * {@code "$username$"邀请"$names$"加入了群聊}).
     *
     * @param appId             the device id
     * @param selfWxid          the account's wxid
     * @param roomId            the group
     * @param inviter           who invited them
     * @param joined            who joined, at least one
     * @param newMsgId          the message id
     * @param createTimeSeconds when it happened, unix seconds
     * @return the callback body
     */
    public static String membersInvited(String appId, String selfWxid, String roomId, Person inviter,
                                        List<Person> joined, String newMsgId, long createTimeSeconds) {
        String template = "\"$username$\"邀请\"$names$\"加入了群聊";
        return sysmsgTemplate(appId, selfWxid, roomId, template,
                link("username", List.of(inviter)) + link("names", joined), newMsgId, createTimeSeconds);
    }

    /**
     * The system message of a member who joined by scanning a group QR code someone shared (MsgType
     * 10002, template {@code "$adder$"通过扫描"$from$"分享的二维码加入群聊}).
     *
     * @param appId             the device id
     * @param selfWxid          the account's wxid
     * @param roomId            the group
     * @param joined            who joined
     * @param sharer            whose QR code was scanned
     * @param newMsgId          the message id
     * @param createTimeSeconds when it happened, unix seconds
     * @return the callback body
     */
    public static String memberJoinedByQrCode(String appId, String selfWxid, String roomId, Person joined,
                                              Person sharer, String newMsgId, long createTimeSeconds) {
        String template = "\"$adder$\"通过扫描\"$from$\"分享的二维码加入群聊";
        return sysmsgTemplate(appId, selfWxid, roomId, template,
                link("adder", List.of(joined)) + link("from", List.of(sharer)), newMsgId, createTimeSeconds);
    }

    /**
     * The system message the account sees after removing a member (MsgType 10002, template
     * {@code 你将"$kickoutname$"移出了群聊}).
     *
     * @param appId             the device id
     * @param selfWxid          the account's wxid
     * @param roomId            the group
     * @param removed           who was removed
     * @param newMsgId          the message id
     * @param createTimeSeconds when it happened, unix seconds
     * @return the callback body
     */
    public static String memberRemoved(String appId, String selfWxid, String roomId, Person removed,
                                       String newMsgId, long createTimeSeconds) {
        return sysmsgTemplate(appId, selfWxid, roomId, "你将\"$kickoutname$\"移出了群聊",
                link("kickoutname", List.of(removed)), newMsgId, createTimeSeconds);
    }

    /**
     * A client status sync (MsgType 51) that carries nothing to store.
     *
     * @param appId             the device id
     * @param selfWxid          the account's wxid
     * @param newMsgId          the message id
     * @param createTimeSeconds when it was sent, unix seconds
     * @return the callback body
     */
    public static String statusSync(String appId, String selfWxid, String newMsgId, long createTimeSeconds) {
        ObjectNode data = message(selfWxid, selfWxid, "<msg>\n<op id='5'>\n<name>HandOffMaster</name>\n</op>\n</msg>",
                newMsgId, createTimeSeconds);
        data.put("MsgType", 51);
        return addMsg(appId, selfWxid, data);
    }

    /**
     * A group's info changed (TypeName {@code ModContacts} for a {@code …@chatroom}): name, owner or
     * members.
     *
     * @param appId     the device id
     * @param selfWxid  the account's wxid
     * @param roomId    the group
     * @param name      the group's name
     * @param ownerWxid the owner's wxid
     * @return the callback body
     */
    public static String roomChanged(String appId, String selfWxid, String roomId, String name, String ownerWxid) {
        ObjectNode data = JSON.createObjectNode();
        data.putObject("UserName").put("string", roomId);
        data.putObject("NickName").put("string", name);
        data.putObject("Remark");
        data.put("ChatRoomNotify", 1);
        data.put("ChatRoomOwner", ownerWxid);
        data.put("ChatroomMaxCount", 500);
        data.put("SmallHeadImgUrl", "https://wx.qlogo.cn/mmcrhead/fake/0");
        data.put("ChatroomStatus", 27);
        return envelope("ModContacts", appId, selfWxid, data);
    }

    /**
     * A friend was added or changed (TypeName {@code ModContacts}).
     *
     * @param appId    the device id
     * @param selfWxid the account's wxid
     * @param wxid     the friend
     * @param nickname the friend's nickname
     * @param remark   the remark the account gave, or {@code null}
     * @return the callback body
     */
    public static String friendChanged(String appId, String selfWxid, String wxid, String nickname, String remark) {
        ObjectNode data = JSON.createObjectNode();
        data.putObject("UserName").put("string", wxid);
        data.putObject("NickName").put("string", nickname);
        ObjectNode remarkNode = data.putObject("Remark");
        if (remark != null) {
            remarkNode.put("string", remark);
        }
        data.put("Sex", 0);
        data.putObject("SnsUserInfo").put("SnsFlag", 1).put("SnsBgobjectId", new BigInteger("14216284872728580667"));
        data.put("BigHeadImgUrl", "https://wx.qlogo.cn/mmhead/fake/0");
        return envelope("ModContacts", appId, selfWxid, data);
    }

    /**
     * A friend was deleted, or the account left or lost a group (TypeName {@code DelContacts}).
     *
     * @param appId     the device id
     * @param selfWxid  the account's wxid
     * @param contactId the friend's wxid or the group's id
     * @return the callback body
     */
    public static String contactDeleted(String appId, String selfWxid, String contactId) {
        ObjectNode data = JSON.createObjectNode();
        data.putObject("UserName").put("string", contactId);
        data.put("DeleteContactScen", 0);
        return envelope("DelContacts", appId, selfWxid, data);
    }

    /**
     * @param appId    the device id
     * @param selfWxid the account's wxid
     * @return the callback GeWe sends when the account goes offline (it has no {@code Data})
     */
    public static String offline(String appId, String selfWxid) {
        ObjectNode body = JSON.createObjectNode();
        body.put("TypeName", "Offline");
        body.put("Appid", appId);
        body.put("Wxid", selfWxid);
        return body.toString();
    }

    /** @return the verification ping GeWe sends right after the callback URL is set */
    public static String ping() {
        ObjectNode body = JSON.createObjectNode();
        body.put("testMsg", "验证回调地址是否可用");
        body.put("token", "2ba011b96a48477687692c059c247bf5");
        return body.toString();
    }

    /**
     * @param name a file under {@code src/test/resources/gewe/}, e.g. {@code group-text-mentions.json}
     * @return its bytes: a recorded-style callback body
     */
    public static byte[] file(String name) {
        try (InputStream in = GeweCallbackFixtures.class.getResourceAsStream("/gewe/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("No fixture /gewe/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static ObjectNode message(String from, String to, String content, String newMsgId,
                                      long createTimeSeconds) {
        ObjectNode data = JSON.createObjectNode();
        data.put("MsgId", 1040356095);
        data.putObject("FromUserName").put("string", from);
        data.putObject("ToUserName").put("string", to);
        data.put("MsgType", 1);
        data.putObject("Content").put("string", content);
        data.put("Status", 3);
        data.put("ImgStatus", 1);
        data.putObject("ImgBuf").put("iLen", 0);
        data.put("CreateTime", createTimeSeconds);
        data.put("MsgSource", "<msgsource>\n\t<signature>v1_Xk2pQr9s</signature>\n</msgsource>\n");
        if (newMsgId.chars().allMatch(c -> c >= '0' && c <= '9') && !newMsgId.isEmpty()) {
            data.put("NewMsgId", new BigInteger(newMsgId));
        } else {
            data.put("NewMsgId", newMsgId);
        }
        return data;
    }

    private static String addMsg(String appId, String selfWxid, ObjectNode data) {
        return envelope("AddMsg", appId, selfWxid, data);
    }

    private static String envelope(String typeName, String appId, String selfWxid, ObjectNode data) {
        ObjectNode body = JSON.createObjectNode();
        body.put("TypeName", typeName);
        body.put("Appid", appId);
        body.put("Wxid", selfWxid);
        body.set("Data", data);
        return body.toString();
    }

    private static String sysmsgTemplate(String appId, String selfWxid, String roomId, String template,
                                         String links, String newMsgId, long createTimeSeconds) {
        String xml = "<sysmsg type=\"sysmsgtemplate\">\n\t<sysmsgtemplate>\n"
                + "\t\t<content_template type=\"tmpl_type_profile\">\n\t\t\t<plain><![CDATA[]]></plain>\n"
                + "\t\t\t<template>" + cdata(template) + "</template>\n"
                + "\t\t\t<link_list>\n" + links + "\t\t\t</link_list>\n"
                + "\t\t</content_template>\n\t</sysmsgtemplate>\n</sysmsg>\n";
        ObjectNode data = message(roomId, selfWxid, roomId + ":\n" + xml, newMsgId, createTimeSeconds);
        data.put("MsgType", 10002);
        return addMsg(appId, selfWxid, data);
    }

    private static String link(String name, List<Person> people) {
        StringBuilder link = new StringBuilder("\t\t\t\t<link name=\"").append(name)
                .append("\" type=\"link_profile\">\n\t\t\t\t\t<memberlist>\n");
        for (Person person : people) {
            link.append("\t\t\t\t\t\t<member>\n\t\t\t\t\t\t\t<username>").append(cdata(person.wxid()))
                    .append("</username>\n\t\t\t\t\t\t\t<nickname>").append(cdata(person.nickname()))
                    .append("</nickname>\n\t\t\t\t\t\t</member>\n");
        }
        link.append("\t\t\t\t\t</memberlist>\n");
        if (people.size() > 1) {
            link.append("\t\t\t\t\t<separator><![CDATA[、]]></separator>\n");
        }
        return link.append("\t\t\t\t</link>\n").toString();
    }

    private static String cdata(String text) {
        return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>";
    }

    /**
     * Someone named in a system message.
     *
     * @param wxid     the wxid
     * @param nickname the nickname the message shows
     */
    public record Person(String wxid, String nickname) {
    }

    private static String escapeXml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
