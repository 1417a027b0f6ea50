package dev.parley.connector.gewe;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.connector.gewe.GeweCallback.ContactChanged;
import dev.parley.connector.gewe.GeweCallback.ContactDeleted;
import dev.parley.connector.gewe.GeweCallback.Ignored;
import dev.parley.connector.gewe.GeweCallback.Offline;
import dev.parley.message.MessageType;

/**
 * Reads the documented callback envelope {@code {"TypeName","Appid","Wxid","Data":{…}}} (§3.3), also in
 * the lower-case spelling {@code appid}/{@code type_name}/{@code data} of self-hosted Gewechat 1.0.2.
 */
final class LegacyCallbacks {

    private LegacyCallbacks() {
    }

    /**
     * @param root             the callback body
     * @param receivedAtMillis when it arrived
     * @return what it means
     * @throws GeweCallbackException if a required field is missing or malformed
     */
    static GeweCallback parse(JsonNode root, long receivedAtMillis) throws GeweCallbackException {
        String typeName = JsonFields.text(root, "TypeName");
        if (typeName == null || typeName.isBlank()) {
            throw GeweCallbackException.missingField("TypeName");
        }
        String appId = JsonFields.id(root, "Appid", "Appid", GeweCallbackParser.MAX_USER_ID_LENGTH);
        String selfId = JsonFields.id(root, "Wxid", "Wxid", GeweCallbackParser.MAX_USER_ID_LENGTH);
        if (JsonFields.sameKey(typeName, "AddMsg")) {
            WireMessage wire = message(requiredAppId(appId), selfId, data(root), receivedAtMillis);
            return MessageAssembler.assemble(wire);
        }
        if (JsonFields.sameKey(typeName, "ModContacts")) {
            return contactChanged(requiredAppId(appId), selfId, data(root));
        }
        if (JsonFields.sameKey(typeName, "DelContacts")) {
            return contactDeleted(requiredAppId(appId), selfId, data(root));
        }
        if (JsonFields.sameKey(typeName, "Offline")) {
            return new Offline(requiredAppId(appId), selfId);
        }
        return new Ignored(appId, "unhandled-type:" + GeweCallbackParser.oneLine(typeName, 64));
    }

    private static WireMessage message(String appId, String selfId, JsonNode data, long receivedAtMillis)
            throws GeweCallbackException {
        String newMsgId = JsonFields.messageId(data, "NewMsgId", "Data.NewMsgId");
        String from = JsonFields.requiredId(data, "FromUserName", "Data.FromUserName",
                GeweCallbackParser.MAX_USER_ID_LENGTH);
        String to = JsonFields.requiredId(data, "ToUserName", "Data.ToUserName", GeweCallbackParser.MAX_USER_ID_LENGTH);
        int msgType = WireMessage.msgType(JsonFields.integer(data, "MsgType", "Data.MsgType"), "Data.MsgType");
        String content = JsonFields.text(data, "Content");
        long sentAt = WireMessage.sentAt(JsonFields.integer(data, "CreateTime", "Data.CreateTime"), receivedAtMillis);
        return new WireMessage(appId, selfId, newMsgId, from, to, msgType, MessageType.APP,
                content == null ? "" : content, JsonFields.text(data, "MsgSource"),
                JsonFields.text(data, "PushContent"), sentAt, null, null, data.toString());
    }

    private static GeweCallback contactChanged(String appId, String selfId, JsonNode data)
            throws GeweCallbackException {
        String contactId = JsonFields.id(data, "UserName", "Data.UserName", GeweCallbackParser.MAX_USER_ID_LENGTH);
        if (contactId == null) {
            return new Ignored(appId, "contact-without-username");
        }
        String owner = JsonFields.id(data, "ChatRoomOwner", "Data.ChatRoomOwner",
                GeweCallbackParser.MAX_USER_ID_LENGTH);
        return new ContactChanged(appId, selfId, contactId, MessageAssembler.isRoom(contactId),
                nonBlank(JsonFields.text(data, "NickName")), nonBlank(JsonFields.text(data, "Remark")), owner,
                data.toString());
    }

    private static GeweCallback contactDeleted(String appId, String selfId, JsonNode data)
            throws GeweCallbackException {
        String contactId = JsonFields.id(data, "UserName", "Data.UserName", GeweCallbackParser.MAX_USER_ID_LENGTH);
        return contactId == null
                ? new Ignored(appId, "contact-without-username")
                : new ContactDeleted(appId, selfId, contactId);
    }

    private static JsonNode data(JsonNode root) throws GeweCallbackException {
        JsonNode data = JsonFields.field(root, "Data");
        if (data == null) {
            throw GeweCallbackException.missingField("Data");
        }
        if (!data.isObject()) {
            throw GeweCallbackException.badField("Data", "expected an object");
        }
        return data;
    }

    private static String requiredAppId(String appId) throws GeweCallbackException {
        if (appId == null) {
            throw GeweCallbackException.missingField("Appid");
        }
        return appId;
    }

    private static String nonBlank(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
