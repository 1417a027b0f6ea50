package dev.parley.connector.gewe;

import static dev.parley.connector.gewe.FakeGeweEnvelope.JSON;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.parley.connector.gewe.FakeGeweEnvelope.Refusal;

/**
 * The send, revoke and download endpoints of {@link FakeGeweServer} ({@code reference/gewe.md} §4).
 * Sends demand the official field names and answer ids like GeWe's: {@code newMsgId} above 2^63 as a
 * bare JSON number. A revoke must name a message this fake sent, with its ids as JSON strings.
 * Downloads answer a link to a file the fake itself serves.
 */
final class FakeGeweMessages {

    /** The path the fake serves downloaded files under, outside the API prefix. */
    static final String FILES_PATH = "/files/";

    private final FakeGeweLogin login;
    private final Supplier<BigInteger> newMsgIds;
    private final String filesBase;
    private final Map<String, Issued> issued = new HashMap<>();
    private final Map<String, byte[]> media = new HashMap<>();
    private final Map<String, byte[]> files = new HashMap<>();
    private long nextMsgId = 1_040_356_095L;

    /**
     * @param login     the devices, to refuse calls of offline accounts
     * @param newMsgIds the source of unique message ids
     * @param filesBase the absolute URL of {@link #FILES_PATH} on the fake
     */
    FakeGeweMessages(FakeGeweLogin login, Supplier<BigInteger> newMsgIds, String filesBase) {
        this.login = login;
        this.newMsgIds = newMsgIds;
        this.filesBase = filesBase;
    }

    /** Registers the message endpoints. */
    void register(Map<String, FakeGeweServer.Endpoint> routes) {
        routes.put("/message/postText", (path, body) -> send(path, body, 1, "content"));
        routes.put("/message/postImage", (path, body) -> send(path, body, null, "imgUrl"));
        routes.put("/message/postFile", (path, body) -> send(path, body, 6, "fileUrl", "fileName"));
        routes.put("/message/postLink", (path, body) -> send(path, body, 5, "title", "linkUrl"));
        routes.put("/message/postAppMsg", (path, body) -> send(path, body, 0, "appmsg"));
        routes.put("/message/revokeMsg", this::revokeMsg);
        routes.put("/message/downloadImage", (path, body) -> download(path, body, ".jpg"));
        routes.put("/message/downloadVoice", (path, body) -> download(path, body, ".silk"));
        routes.put("/message/downloadVideo", (path, body) -> download(path, body, ".mp4"));
        routes.put("/message/downloadFile", (path, body) -> download(path, body, ".bin"));
    }

    /** Makes downloads of a message whose content is {@code xml} serve {@code bytes}. */
    synchronized void media(String xml, byte[] bytes) {
        media.put(xml, bytes.clone());
    }

    /**
     * @param name a file name under {@link #FILES_PATH}
     * @return its bytes, or {@code null} when the fake never offered it
     */
    synchronized byte[] file(String name) {
        byte[] bytes = files.get(name);
        return bytes == null ? null : bytes.clone();
    }

    private synchronized ObjectNode send(String path, JsonNode body, Integer type, String... requiredFields)
            throws Refusal {
        String appId = FakeGeweEnvelope.required(body, "appId");
        login.requireOnline(path, body);
        String toWxid = FakeGeweEnvelope.required(body, "toWxid");
        for (String field : requiredFields) {
            FakeGeweEnvelope.required(body, field);
        }
        BigInteger newMsgId = newMsgIds.get();
        long msgId = nextMsgId++;
        long createTime = System.currentTimeMillis() / 1000;
        issued.put(newMsgId.toString(), new Issued(appId, toWxid, Long.toString(msgId), Long.toString(createTime)));
        ObjectNode data = JSON.createObjectNode().put("toWxid", toWxid).put("createTime", createTime)
                .put("msgId", msgId).put("newMsgId", newMsgId);
        if (type == null) {
            data.putNull("type").put("aesKey", "3f5a0c" + newMsgId.toString(16)).put("fileId", "fake-" + newMsgId)
                    .put("length", 2146).put("width", 64).put("height", 64).put("md5", "d41d8cd98f00b204e9800998ecf8427e");
        } else {
            data.put("type", type);
        }
        return FakeGeweEnvelope.ok(data);
    }

    private synchronized ObjectNode revokeMsg(String path, JsonNode body) throws Refusal {
        String appId = FakeGeweEnvelope.required(body, "appId");
        login.requireOnline(path, body);
        String toWxid = FakeGeweEnvelope.required(body, "toWxid");
        String msgId = FakeGeweEnvelope.required(body, "msgId");
        String newMsgId = FakeGeweEnvelope.required(body, "newMsgId");
        String createTime = FakeGeweEnvelope.required(body, "createTime");
        Issued message = issued.get(newMsgId);
        if (message == null || !message.appId.equals(appId) || !message.toWxid.equals(toWxid)
                || !message.msgId.equals(msgId) || !message.createTime.equals(createTime) || message.revoked) {
            throw new Refusal(FakeGeweEnvelope.error("撤回消息失败"));
        }
        message.revoked = true;
        return FakeGeweEnvelope.ok();
    }

    private synchronized ObjectNode download(String path, JsonNode body, String suffix) throws Refusal {
        login.requireOnline(path, body);
        String xml = FakeGeweEnvelope.required(body, "xml");
        if (path.endsWith("Voice") && !body.path("msgId").isIntegralNumber()) {
            throw new Refusal(FakeGeweEnvelope.error(FakeGeweEnvelope.BAD_REQUEST, "-1", "msgId"));
        }
        if (path.endsWith("Image") && !body.path("type").isInt()) {
            throw new Refusal(FakeGeweEnvelope.error(FakeGeweEnvelope.BAD_REQUEST, "-1", "type"));
        }
        byte[] bytes = media.get(xml);
        String name = newMsgIds.get().toString(36) + suffix;
        files.put(name, bytes != null ? bytes : ("fake media " + path + " " + xml.length()).getBytes(StandardCharsets.UTF_8));
        return FakeGeweEnvelope.ok(JSON.createObjectNode().put("fileUrl", filesBase + name));
    }

    /** A message the fake sent, remembered for revokes. */
    private static final class Issued {
        private final String appId;
        private final String toWxid;
        private final String msgId;
        private final String createTime;
        private boolean revoked;

        private Issued(String appId, String toWxid, String msgId, String createTime) {
            this.appId = appId;
            this.toWxid = toWxid;
            this.msgId = msgId;
            this.createTime = createTime;
        }
    }
}
