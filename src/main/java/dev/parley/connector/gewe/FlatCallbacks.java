package dev.parley.connector.gewe;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.connector.gewe.GeweCallback.Ignored;
import dev.parley.message.MessageType;

/**
 * Reads the flat "v2" callback shape (§3.7: {@code typeName}, {@code appid}, {@code msgType} as a word
 * such as {@code TEXT}, {@code fromUser}, {@code content}, {@code isSelf}, {@code atUserList}). Its
 * documentation is not public, so this is tolerant: numeric {@code msgType}s are accepted too, status
 * events are ignored and unknown words become {@link MessageType#UNKNOWN} messages.
 */
final class FlatCallbacks {

    private FlatCallbacks() {
    }

    /**
     * @param root the callback body
     * @return whether the body has the flat shape (message keys at the top, no {@code Data})
     */
    static boolean matches(JsonNode root) {
        return !JsonFields.has(root, "Data") && (JsonFields.has(root, "msgType") || JsonFields.has(root, "fromUser"));
    }

    /**
     * @param root             a body that {@link #matches}
     * @param receivedAtMillis when it arrived
     * @return what it means
     * @throws GeweCallbackException if a required field is missing or malformed
     */
    static GeweCallback parse(JsonNode root, long receivedAtMillis) throws GeweCallbackException {
        String appId = JsonFields.id(root, "appid", "appid", GeweCallbackParser.MAX_USER_ID_LENGTH);
        String typeName = JsonFields.text(root, "typeName");
        if (typeName != null && !typeName.isBlank() && !JsonFields.sameKey(typeName, "AddMsg")) {
            return new Ignored(appId, "unhandled-type:" + GeweCallbackParser.oneLine(typeName, 64));
        }
        String msgTypeName = JsonFields.text(root, "msgType");
        if (msgTypeName == null || msgTypeName.isBlank()) {
            throw GeweCallbackException.missingField("msgType");
        }
        msgTypeName = msgTypeName.strip();
        int msgType;
        MessageType appFallback = MessageType.APP;
        if (Character.isDigit(msgTypeName.charAt(0))) {
            msgType = WireMessage.msgType(JsonFields.integer(root, "msgType", "msgType"), "msgType");
        } else if (FlatMsgType.isStatusEvent(msgTypeName)) {
            return new Ignored(appId, "status-event:" + msgTypeName);
        } else {
            FlatMsgType flat = FlatMsgType.byName(msgTypeName);
            msgType = flat == null ? FlatMsgType.UNRECOGNISED_CODE : flat.code();
            appFallback = flat == null ? MessageType.APP : flat.type();
        }
        if (appId == null) {
            throw GeweCallbackException.missingField("appid");
        }
        String content = JsonFields.text(root, "content");
        WireMessage wire = new WireMessage(appId,
                JsonFields.id(root, "wxid", "wxid", GeweCallbackParser.MAX_USER_ID_LENGTH),
                JsonFields.messageId(root, "newMsgId", "newMsgId"),
                JsonFields.requiredId(root, "fromUser", "fromUser", GeweCallbackParser.MAX_USER_ID_LENGTH),
                JsonFields.requiredId(root, "toUser", "toUser", GeweCallbackParser.MAX_USER_ID_LENGTH),
                msgType, appFallback, content == null ? "" : content,
                JsonFields.text(root, "msgSource"), JsonFields.text(root, "pushContent"),
                WireMessage.sentAt(JsonFields.integer(root, "createTime", "createTime"), receivedAtMillis),
                JsonFields.bool(root, "isSelf"), JsonFields.strings(root, "atUserList"), root.toString());
        return MessageAssembler.assemble(wire);
    }
}
