package dev.parley.connector.gewe;

import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Function;

import dev.parley.connector.gewe.MappedContent.Kept;
import dev.parley.connector.gewe.MappedContent.Skipped;
import dev.parley.message.MessageType;

/**
 * Maps a WeChat {@code MsgType} and message body (group prefix already removed) to Parley's message
 * type and searchable text, following the table in {@code reference/gewe.md} §3.4, and system notices to
 * the group changes they announce. Content whose XML cannot be read keeps the raw body as its text, so
 * nothing received is lost.
 */
final class ContentMapper {

    /** The title of the app message that invites the account into a group. */
    private static final String GROUP_INVITE_TITLE = "邀请你加入群聊";

    private ContentMapper() {
    }

    /**
     * @param msgType     WeChat's message type; codes it does not use map to {@link MessageType#UNKNOWN}
     * @param body        the content without any sender prefix
     * @param appFallback the type of an app message (49) whose XML cannot be read
     * @return the mapped content, or why the message is skipped
     */
    static MappedContent map(int msgType, String body, MessageType appFallback) {
        return switch (msgType) {
            case 1 -> new Kept(MessageType.TEXT, body);
            case 3 -> new Kept(MessageType.IMAGE, null);
            case 34 -> new Kept(MessageType.VOICE, null);
            case 43 -> new Kept(MessageType.VIDEO, null);
            case 47 -> new Kept(MessageType.EMOJI, null);
            case 37 -> fromXml(MessageType.FRIEND_REQUEST, body, msg -> msg.attribute("content"));
            case 42 -> fromXml(MessageType.CARD, body, msg -> msg.attribute("nickname"));
            case 48 -> fromXml(MessageType.LOCATION, body, ContentMapper::locationText);
            case 49 -> appMessage(body, appFallback);
            case 50 -> new Kept(MessageType.CALL, WechatXml.parse(body).path("VoIPBubbleMsg", "msg").text());
            case 51 -> new Skipped("status-sync");
            case 10000 -> new Kept(MessageType.SYSTEM, body, null, GroupNotices.fromText(body));
            case 10002 -> SystemMessages.map(body);
            default -> new Kept(MessageType.UNKNOWN, body);
        };
    }

    /**
     * @param id an id read from message XML
     * @return the id, or {@code null} when blank or longer than a platform message id may be
     */
    static String referencedId(String id) {
        return id.isEmpty() || id.length() > GeweCallbackParser.MAX_MSG_ID_LENGTH ? null : id;
    }

    private static Kept fromXml(MessageType type, String body, Function<XmlElement, String> text) {
        XmlElement root = WechatXml.parse(body);
        return new Kept(type, root.isEmpty() ? body : text.apply(root));
    }

    private static String locationText(XmlElement msg) {
        XmlElement location = msg.child("location");
        return lines(location.attribute("poiname"), location.attribute("label"));
    }

    private static MappedContent appMessage(String body, MessageType fallback) {
        XmlElement root = WechatXml.parse(body);
        XmlElement appmsg = root.name().equals("appmsg") ? root : root.child("appmsg");
        if (appmsg.isEmpty()) {
            return new Kept(fallback, body);
        }
        String title = appmsg.child("title").text();
        String description = appmsg.child("des").text();
        return switch (appmsg.child("type").text()) {
            case "5" -> title.equals(GROUP_INVITE_TITLE)
                    ? new Kept(MessageType.SYSTEM, description)
                    : new Kept(MessageType.LINK, lines(title, description, appmsg.child("url").text()));
            case "6" -> new Kept(MessageType.FILE, title);
            case "74" -> new Skipped("file-upload-started");
            case "33", "36" -> new Kept(MessageType.MINI_PROGRAM, title);
            case "57" -> new Kept(MessageType.QUOTE, title,
                    referencedId(appmsg.path("refermsg", "svrid").text()));
            default -> new Kept(MessageType.APP, title.isEmpty() ? description : title);
        };
    }

    /** Joins the non-blank parts with newlines, each distinct part once. */
    private static String lines(String... parts) {
        Set<String> distinct = new LinkedHashSet<>();
        for (String part : parts) {
            if (!part.isEmpty()) {
                distinct.add(part);
            }
        }
        return String.join("\n", distinct);
    }
}
