package dev.parley.connector.gewe;

import java.util.List;

import dev.parley.message.MessageType;

/**
 * A message callback once its envelope is read: the same fields whether GeWe sent the legacy
 * {@code {"TypeName":"AddMsg","Data":{…}}} shape or the flat v2 shape, so both share one mapping.
 *
 * @param appId       the device id
 * @param selfId      the account's wxid, or {@code null}
 * @param newMsgId    the unique message id, exact digits
 * @param from        {@code FromUserName}: a wxid or a {@code …@chatroom} id
 * @param to          {@code ToUserName}
 * @param msgType     WeChat's numeric message type
 * @param appFallback the type of an app message (49) whose XML cannot be read
 * @param content     the content, possibly prefixed {@code "wxid:\n"} in groups; {@code ""} when absent
 * @param msgSource   the {@code <msgsource>} XML, or {@code null}
 * @param pushContent the notification text, or {@code null}
 * @param sentAt      epoch milliseconds
 * @param self        whether the sender says the account sent it, or {@code null} when it does not say
 * @param mentions    mentioned user ids when the sender lists them outside {@code msgSource}, else {@code null}
 * @param raw         the payload to keep, compact JSON
 */
record WireMessage(String appId, String selfId, String newMsgId, String from, String to, int msgType,
                   MessageType appFallback, String content, String msgSource, String pushContent, long sentAt,
                   Boolean self, List<String> mentions, String raw) {

    /** Seconds beyond this are not plausible (year 5138); such a value is taken as milliseconds. */
    private static final long LARGEST_SECONDS = 99_999_999_999L;

    /**
     * @param createTime       {@code CreateTime} as sent (unix seconds), or {@code null}
     * @param receivedAtMillis when the callback arrived, for absent or zero times
     * @return when the message was sent, epoch milliseconds
     */
    static long sentAt(Long createTime, long receivedAtMillis) {
        if (createTime == null || createTime <= 0) {
            return receivedAtMillis;
        }
        return createTime > LARGEST_SECONDS ? createTime : createTime * 1000;
    }

    /**
     * @param value a message type as read, or {@code null}
     * @param label the field's name in error messages
     * @return the type
     * @throws GeweCallbackException if it is absent or does not fit an {@code int}
     */
    static int msgType(Long value, String label) throws GeweCallbackException {
        if (value == null) {
            throw GeweCallbackException.missingField(label);
        }
        if (value != value.intValue()) {
            throw GeweCallbackException.badField(label, "expected a message type");
        }
        return value.intValue();
    }
}
