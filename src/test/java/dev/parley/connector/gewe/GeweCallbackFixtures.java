package dev.parley.connector.gewe;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigInteger;

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
        ObjectNode body = JSON.createObjectNode();
        body.put("TypeName", "AddMsg");
        body.put("Appid", appId);
        body.put("Wxid", selfWxid);
        body.set("Data", data);
        return body.toString();
    }

    private static String escapeXml(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
