package dev.parley.channel.dingtalk;

import java.time.Instant;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A message someone sent the robot, as DingTalk delivers it: the same JSON arrives as the body of an HTTP callback
 * and as the {@code data} string of a Stream {@code CALLBACK} on {@code /v1.0/im/bot/messages/get}
 * (open.dingtalk.com/document/orgapp/receive-message). Parsed here rather than through the SDK's
 * {@code ChatbotMessage} so both modes share one reader and the core never sees an SDK type.
 * Fields DingTalk adds later are ignored.
 *
 * @param msgId                     the platform message id, the natural key of the message
 * @param conversationId            the chat ({@code cid…}); for groups the {@code openConversationId} of the OpenAPI
 * @param conversationType          {@code "1"} one-to-one, {@code "2"} group
 * @param senderStaffId             the sender's userId in the organisation (what the OpenAPI addresses); empty for
 *                                  people outside it
 * @param senderNick                the sender's display name
 * @param text                      the text, trimmed (DingTalk leaves a space where the @mention was); empty when
 *                                  the message has no text
 * @param inAtList                  whether the robot was @mentioned (in groups only such messages arrive)
 * @param sessionWebhook            a URL that takes replies to this chat without a token, until it expires
 * @param sessionWebhookExpiredTime when {@code sessionWebhook} stops working (DingTalk sends epoch milliseconds)
 * @param robotCode                 the robot that received it (for an internal app, its client id)
 * @param msgtype                   {@code text}, {@code picture}, {@code richText}, …
 */
record RobotMessage(String msgId, String conversationId, String conversationType, String senderStaffId,
                    String senderNick, String text, boolean inAtList, String sessionWebhook,
                    Instant sessionWebhookExpiredTime, String robotCode, String msgtype) {
    /** {@code conversationType} of a one-to-one chat with the robot. */
    static final String ONE_TO_ONE = "1";
    /** {@code conversationType} of a group chat. */
    static final String GROUP = "2";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param json the message JSON
     * @return the message
     * @throws IllegalArgumentException when it is not JSON, not an object, or lacks {@code msgId} or
     *                                  {@code conversationId}; the message says which, never repeating the body
     */
    static RobotMessage parse(String json) {
        JsonNode root;
        try {
            root = JSON.readTree(json == null ? "" : json);
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? ""
                    : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            throw new IllegalArgumentException("not a DingTalk robot message: malformed JSON" + where, e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("not a DingTalk robot message: the JSON is not an object");
        }
        String msgId = root.path("msgId").asText("");
        String conversationId = root.path("conversationId").asText("");
        if (msgId.isEmpty() || conversationId.isEmpty()) {
            throw new IllegalArgumentException("not a DingTalk robot message: "
                    + (msgId.isEmpty() ? "msgId" : "conversationId") + " is missing");
        }
        long expires = root.path("sessionWebhookExpiredTime").asLong(0);
        return new RobotMessage(msgId, conversationId, root.path("conversationType").asText(""),
                root.path("senderStaffId").asText(""), root.path("senderNick").asText(""),
                root.path("text").path("content").asText("").trim(), root.path("isInAtList").asBoolean(false),
                root.path("sessionWebhook").asText(""), expires > 0 ? Instant.ofEpochMilli(expires) : Instant.EPOCH,
                root.path("robotCode").asText(""), root.path("msgtype").asText(""));
    }

    /** @return whether it was said in a group rather than one-to-one */
    boolean inGroup() {
        return GROUP.equals(conversationType);
    }

    /**
     * @param now the current time
     * @return whether a reply can still go to {@link #sessionWebhook()}
     */
    boolean sessionWebhookUsable(Instant now) {
        return !sessionWebhook.isEmpty() && now.isBefore(sessionWebhookExpiredTime);
    }
}
