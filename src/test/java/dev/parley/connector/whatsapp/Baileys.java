package dev.parley.connector.whatsapp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Payloads shaped as Baileys 7 emits them through the bridge (its {@code src/Types/Events.ts}, {@code State.ts},
 * {@code GroupMetadata.ts}; a message body is a protobuf object, so its bytes are Base64, its 64-bit numbers strings and
 * its enums names), for tests that need variations of the recorded fixtures in {@code whatsapp/baileys7}.
 */
public final class Baileys {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Baileys() {
    }

    /** @return {@code connection.update} with a QR code to show */
    public static JsonNode qr(String qr) {
        return JSON.createObjectNode().put("qr", qr);
    }

    /** @return {@code connection.update} of a socket that opened */
    public static JsonNode open() {
        return JSON.createObjectNode().put("connection", "open");
    }

    /** @return {@code connection.update} of a socket that WhatsApp closed with a Boom error of this status */
    public static JsonNode close(int status, String message) {
        ObjectNode update = JSON.createObjectNode().put("connection", "close");
        ObjectNode error = update.putObject("lastDisconnect").put("date", "2026-12-07T08:00:00.000Z").putObject("error");
        error.put("message", message).put("isBoom", true).put("isServer", false);
        ObjectNode output = error.putObject("output").put("statusCode", status);
        output.putObject("payload").put("statusCode", status).put("error", "Error").put("message", message);
        output.putObject("headers");
        return update;
    }

    /** @return the whole credentials of a new session, as {@code initAuthCreds()} makes them (keys shortened) */
    public static JsonNode freshCreds() {
        ObjectNode creds = JSON.createObjectNode();
        creds.putObject("noiseKey").set("private", buffer("bm9pc2UtcHJpdmF0ZQ=="));
        creds.withObject("noiseKey").set("public", buffer("bm9pc2UtcHVibGlj"));
        creds.putObject("signedIdentityKey").set("private", buffer("aWRlbnRpdHk="));
        creds.put("registrationId", 1234).put("advSecretKey", "YWR2LXNlY3JldA==").put("nextPreKeyId", 1)
                .put("firstUnuploadedPreKeyId", 1).put("accountSyncCounter", 0).put("registered", false);
        creds.putObject("accountSettings").put("unarchiveChats", false);
        return creds;
    }

    /** @return the {@code creds.update} of a session a phone just linked */
    public static JsonNode paired(String digits, String name, String lid) {
        ObjectNode update = JSON.createObjectNode();
        update.putObject("me").put("id", digits + ":12@s.whatsapp.net").put("name", name).put("lid", lid + ":12@lid");
        update.put("platform", "android").put("registered", true);
        update.putObject("account").set("details", JSON.getNodeFactory().textNode("Q0lJRA=="));
        return update;
    }

    /**
     * @return a {@code messages.upsert} of one text message in a group, from a participant addressed by LID with their
     *     phone JID beside it
     */
    public static JsonNode groupText(String id, String group, String lid, String phone, String pushName, String text,
                                     long seconds) {
        ObjectNode m = JSON.createObjectNode();
        m.putObject("key").put("remoteJid", group).put("fromMe", false).put("id", id).put("participant", lid)
                .put("participantAlt", phone).put("addressingMode", "lid");
        m.put("messageTimestamp", seconds).put("pushName", pushName).put("broadcast", false);
        m.putObject("message").put("conversation", text);
        return upsert("notify", m);
    }

    /** @return a {@code messages.upsert} of the given messages */
    public static JsonNode upsert(String type, JsonNode... messages) {
        ObjectNode upsert = JSON.createObjectNode().put("type", type);
        ArrayNode list = upsert.putArray("messages");
        for (JsonNode m : messages) {
            list.add(m);
        }
        return upsert;
    }

    /**
     * @return a {@code group-participants.update}: {@code participants} are {@code id,phoneNumber} pairs as in
     *     Baileys 7 ({@code GroupParticipant} objects)
     */
    public static JsonNode participants(String group, String author, String authorPn, String action, String... idsAndPhones) {
        ObjectNode update = JSON.createObjectNode().put("id", group).put("author", author).put("action", action);
        if (authorPn != null) {
            update.put("authorPn", authorPn);
        }
        ArrayNode list = update.putArray("participants");
        for (int i = 0; i < idsAndPhones.length; i += 2) {
            ObjectNode p = list.addObject().put("id", idsAndPhones[i]);
            if (idsAndPhones[i + 1] != null) {
                p.put("phoneNumber", idsAndPhones[i + 1]);
            }
            p.putNull("admin");
        }
        return update;
    }

    /** @return a {@code GroupMetadata} with the given participants ({@code id,phoneNumber} pairs) */
    public static ObjectNode group(String id, String subject, String owner, String... idsAndPhones) {
        ObjectNode g = JSON.createObjectNode().put("id", id).put("subject", subject).put("owner", owner)
                .put("creation", 1_700_000_000).put("addressingMode", "lid").put("size", idsAndPhones.length / 2);
        ArrayNode list = g.putArray("participants");
        for (int i = 0; i < idsAndPhones.length; i += 2) {
            ObjectNode p = list.addObject().put("id", idsAndPhones[i]);
            if (idsAndPhones[i + 1] != null) {
                p.put("phoneNumber", idsAndPhones[i + 1]);
            }
            p.putNull("admin");
        }
        return g;
    }

    /** @return what {@code sendMessage} resolves to: the sent {@code WAMessage} */
    public static JsonNode sent(String id, String chat, String text) {
        ObjectNode m = JSON.createObjectNode();
        m.putObject("key").put("remoteJid", chat).put("fromMe", true).put("id", id);
        m.putObject("message").putObject("extendedTextMessage").put("text", text);
        m.put("messageTimestamp", "1765094400").put("status", "PENDING");
        return m;
    }

    private static JsonNode buffer(String base64) {
        return JSON.createObjectNode().put("type", "Buffer").put("data", base64);
    }
}
