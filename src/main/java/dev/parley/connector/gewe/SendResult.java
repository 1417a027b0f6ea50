package dev.parley.connector.gewe;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * What GeWe answers to a {@code /message/post*} call. Keep {@code msgId}, {@code newMsgId} and
 * {@code createTime}: revoking the message needs them back. They are strings holding the exact digits
 * GeWe sent ({@code newMsgId} exceeds signed 64 bits). Any of them may be {@code null}: a success
 * without {@code data} still means the message went out.
 *
 * @param toWxid     the chat it was sent to
 * @param createTime when it was sent, unix seconds as sent ({@code 0} for some media sends)
 * @param msgId      the legacy message id
 * @param newMsgId   the message id
 * @param type       WeChat's message type (1 text, 5 link, 6 file, 0 app message); {@code null} for images
 */
public record SendResult(String toWxid, String createTime, String msgId, String newMsgId, Integer type) {

    /**
     * @param toWxid the chat asked for, used when the reply does not echo it
     * @param data   the reply's {@code data}, or {@code null}
     * @return the result
     */
    static SendResult of(String toWxid, JsonNode data) {
        String echoed = GeweReplies.text(data, "toWxid");
        return new SendResult(echoed == null ? toWxid : echoed, GeweReplies.id(data, "createTime"),
                GeweReplies.id(data, "msgId"), GeweReplies.id(data, "newMsgId"), GeweReplies.integer(data, "type"));
    }
}
