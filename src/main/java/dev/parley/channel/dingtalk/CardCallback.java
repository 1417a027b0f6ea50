package dev.parley.channel.dingtalk;

import java.io.IOException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Someone pressed a button on an interactive card. DingTalk sends {@code {"outTrackId","userId","content",…}}
 * where {@code content} is a JSON string {@code {"cardPrivateData":{"actionIds":[…],"params":{…}}}}
 * (open.dingtalk.com/document/orgapp/event-callback-card): over the Stream topic
 * {@code /v1.0/card/instances/callback} when the card was created with {@code callbackType} {@code STREAM}.
 * The buttons of {@code deploy/dingtalk/parley-card-template.json} send their action id as the parameter
 * {@value #ACTION_PARAM}; a button that only names its action in {@code actionIds} is understood too.
 *
 * @param staffId    the presser's userId
 * @param outTrackId the card, as Parley named it at delivery
 * @param actionId   the pressed button's action id
 */
record CardCallback(String staffId, String outTrackId, String actionId) {
    /** The template's button parameter carrying Parley's action id. */
    static final String ACTION_PARAM = "actionId";
    private static final ObjectMapper JSON = new ObjectMapper();

    /**
     * @param json the callback JSON
     * @return the press
     * @throws IllegalArgumentException when it is malformed or lacks the user, the card or an action
     */
    static CardCallback parse(String json) {
        JsonNode root = tree(json, "the callback");
        JsonNode privateData = tree(root.path("content").asText(""), "its content").path("cardPrivateData");
        String actionId = privateData.path("params").path(ACTION_PARAM).asText("");
        if (actionId.isEmpty()) {
            actionId = privateData.path("actionIds").path(0).asText("");
        }
        String staffId = root.path("userId").asText("");
        String outTrackId = root.path("outTrackId").asText("");
        if (staffId.isEmpty() || outTrackId.isEmpty() || actionId.isEmpty()) {
            throw new IllegalArgumentException("not a DingTalk card callback: "
                    + (staffId.isEmpty() ? "userId" : outTrackId.isEmpty() ? "outTrackId" : "the action id")
                    + " is missing");
        }
        return new CardCallback(staffId, outTrackId, actionId);
    }

    private static JsonNode tree(String json, String what) {
        try {
            JsonNode node = JSON.readTree(json == null ? "" : json);
            if (node == null || !node.isObject()) {
                throw new IllegalArgumentException("not a DingTalk card callback: " + what + " is not a JSON object");
            }
            return node;
        } catch (IOException e) {
            throw new IllegalArgumentException("not a DingTalk card callback: " + what + " is malformed JSON", e);
        }
    }
}
