package dev.parley.channel.feishu;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import dev.parley.testing.TestParley;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Builds Feishu events exactly as Feishu pushes them (schema 2.0 envelope, AES-256-CBC encrypted with
 * SHA-256 of the Encrypt Key and a random IV, signed with {@code sha256_hex(timestamp + nonce + encryptKey +
 * body)} in the {@code X-Lark-*} headers) and posts them to Parley's {@code /webhooks/feishu}; the plaintext
 * envelopes also serve the long connection's tests.
 */
final class FeishuEventSender {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final TestParley app;
    private final String appId;
    private final String encryptKey;
    private final String verificationToken;

    FeishuEventSender(TestParley app, String appId, String encryptKey, String verificationToken) {
        this.app = app;
        this.appId = appId;
        this.encryptKey = encryptKey;
        this.verificationToken = verificationToken;
    }

    /** A message in a direct chat. */
    TestParley.Reply direct(String openId, String chatId, String text) {
        return post(message(UUID.randomUUID().toString(), openId, chatId, "p2p", text, null));
    }

    /** A message in a group, mentioning the bot as {@code @_user_1} when {@code mention}. */
    TestParley.Reply group(String openId, String chatId, String text, boolean mention) {
        return post(message(UUID.randomUUID().toString(), openId, chatId, "group", mention ? "@_user_1 " + text : text,
                mention ? FakeFeishuServer.BOT_OPEN_ID : null));
    }

    /** A reply ({@code parent_id}) in a group to the bot's message {@code parentId}, not mentioning the bot. */
    TestParley.Reply reply(String openId, String chatId, String parentId, String text) {
        ObjectNode event = message(UUID.randomUUID().toString(), openId, chatId, "group", text, null);
        ((ObjectNode) event.path("event").path("message")).put("parent_id", parentId).put("root_id", parentId);
        return post(event);
    }

    /** A message in a group that mentions a person ({@code mentioned}) as {@code @_user_1}, not the bot. */
    TestParley.Reply groupMentioning(String openId, String chatId, String mentioned, String text) {
        return post(message(UUID.randomUUID().toString(), openId, chatId, "group", "@_user_1 " + text, mentioned));
    }

    /** A message replying to another one ({@code parent_id}), in a direct chat or, mentioning the bot, in a group. */
    TestParley.Reply reply(String openId, String chatId, String parentId, String text, boolean group) {
        ObjectNode event = message(UUID.randomUUID().toString(), openId, chatId, group ? "group" : "p2p",
                group ? "@_user_1 " + text : text, group ? FakeFeishuServer.BOT_OPEN_ID : null);
        ((ObjectNode) event.path("event").path("message")).put("parent_id", parentId).put("root_id", parentId);
        return post(event);
    }

    /** A file message in a direct chat. */
    TestParley.Reply file(String openId, String chatId, String fileKey, String fileName) {
        ObjectNode event = message(UUID.randomUUID().toString(), openId, chatId, "p2p", "", null);
        ((ObjectNode) event.path("event").path("message")).put("message_type", "file")
                .put("content", JSON.createObjectNode().put("file_key", fileKey).put("file_name", fileName).toString());
        return post(event);
    }

    /** A {@code im.message.receive_v1} event, mentioning {@code mentioned} as {@code @_user_1} unless it is null. */
    ObjectNode message(String eventId, String openId, String chatId, String chatType, String text, String mentioned) {
        ObjectNode event = envelope(eventId, "im.message.receive_v1");
        ObjectNode body = event.putObject("event");
        ObjectNode sender = body.putObject("sender");
        sender.putObject("sender_id").put("open_id", openId).put("union_id", "on_" + openId).put("user_id", "u_" + openId);
        sender.put("sender_type", "user").put("tenant_key", "tenant_1");
        ObjectNode message = body.putObject("message");
        message.put("message_id", "om_in_" + eventId).put("create_time", String.valueOf(System.currentTimeMillis()))
                .put("chat_id", chatId).put("chat_type", chatType).put("message_type", "text")
                .put("content", JSON.createObjectNode().put("text", text).toString());
        if (mentioned != null) {
            ArrayNode mentions = message.putArray("mentions");
            ObjectNode mention = mentions.addObject().put("key", "@_user_1").put("name", mentioned).put("tenant_key", "tenant_1");
            mention.putObject("id").put("open_id", mentioned).put("union_id", "on_" + mentioned);
        }
        return event;
    }

    /** Posts a {@code card.action.trigger} callback: {@code openId} pressed the button with {@code actionId}. */
    TestParley.Reply press(String openId, String chatId, String messageId, String actionId) {
        return post(pressEvent(openId, chatId, messageId, actionId));
    }

    /** A {@code card.action.trigger} callback: {@code openId} pressed the button with {@code actionId}. */
    ObjectNode pressEvent(String openId, String chatId, String messageId, String actionId) {
        ObjectNode event = envelope(UUID.randomUUID().toString(), "card.action.trigger");
        ObjectNode body = event.putObject("event");
        body.putObject("operator").put("tenant_key", "tenant_1").put("open_id", openId).put("union_id", "on_" + openId)
                .put("user_id", "u_" + openId);
        body.put("token", "c-" + UUID.randomUUID());
        ObjectNode action = body.putObject("action");
        action.putObject("value").put("a", actionId);
        action.put("tag", "button");
        body.put("host", "im_message");
        body.putObject("context").put("open_message_id", messageId).put("open_chat_id", chatId);
        return event;
    }

    /** Feishu's URL check, encrypted as Feishu sends it when an Encrypt Key is set, and unsigned. */
    TestParley.Reply challenge(String challenge, String token) {
        ObjectNode check = JSON.createObjectNode().put("challenge", challenge).put("token", token)
                .put("type", "url_verification");
        return app.post("/webhooks/feishu", encrypted(check), Map.of());
    }

    /** Encrypts, signs and posts an event. */
    TestParley.Reply post(ObjectNode event) {
        byte[] body = encrypted(event);
        return app.post("/webhooks/feishu", body, signedHeaders(body, System.currentTimeMillis() / 1000));
    }

    /** @return the headers Feishu sends with {@code body}, signed at {@code epochSeconds} */
    Map<String, String> signedHeaders(byte[] body, long epochSeconds) {
        String timestamp = String.valueOf(epochSeconds);
        String nonce = Long.toHexString(RANDOM.nextLong());
        return Map.of("X-Lark-Request-Timestamp", timestamp,
                "X-Lark-Request-Nonce", nonce, "X-Lark-Signature", signature(timestamp, nonce, body));
    }

    /** @return {@code {"encrypt": …}} of the event */
    byte[] encrypted(ObjectNode event) {
        try {
            byte[] key = MessageDigest.getInstance("SHA-256").digest(encryptKey.getBytes(StandardCharsets.UTF_8));
            byte[] iv = new byte[16];
            RANDOM.nextBytes(iv);
            Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
            cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new IvParameterSpec(iv));
            byte[] sealed = cipher.doFinal(event.toString().getBytes(StandardCharsets.UTF_8));
            byte[] all = new byte[16 + sealed.length];
            System.arraycopy(iv, 0, all, 0, 16);
            System.arraycopy(sealed, 0, all, 16, sealed.length);
            return JSON.createObjectNode().put("encrypt", Base64.getEncoder().encodeToString(all)).toString()
                    .getBytes(StandardCharsets.UTF_8);
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    String signature(String timestamp, String nonce, byte[] body) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update((timestamp + nonce + encryptKey).getBytes(StandardCharsets.UTF_8));
            sha.update(body);
            return HexFormat.of().formatHex(sha.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private ObjectNode envelope(String eventId, String type) {
        ObjectNode event = JSON.createObjectNode().put("schema", "2.0");
        event.putObject("header").put("event_id", eventId).put("event_type", type)
                .put("create_time", String.valueOf(System.currentTimeMillis())).put("token", verificationToken)
                .put("app_id", appId).put("tenant_key", "tenant_1");
        return event;
    }
}
