package dev.parley.connector.gewe;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import dev.parley.account.Platform;
import dev.parley.connector.gewe.GeweCallback.Ignored;
import dev.parley.connector.gewe.MappedContent.Kept;
import dev.parley.connector.gewe.MappedContent.Skipped;
import dev.parley.contact.GroupChange;
import dev.parley.message.ChatType;
import dev.parley.message.Direction;
import dev.parley.message.InboundMessage;

/**
 * Turns a {@link WireMessage} into an {@link InboundMessage}: works out the conversation, the sender and
 * the direction from {@code FromUserName}/{@code ToUserName} and the group sender prefix (§3.5), then
 * maps the content, collects mentions and the sender's display name, and ties the group changes a
 * notice announces to the group it was posted in.
 */
final class MessageAssembler {

    private static final String ROOM_SUFFIX = "@chatroom";
    private static final String PREFIX_END = ":\n";
    private static final String PUSH_NAME_END = " : ";
    /** Plain-text notices (MsgType 10000) never carry a sender prefix, even in groups. */
    private static final int PLAIN_NOTICE = 10000;

    private MessageAssembler() {
    }

    /**
     * @param id a wxid or a group id
     * @return whether it names a group
     */
    static boolean isRoom(String id) {
        return id.endsWith(ROOM_SUFFIX);
    }

    /**
     * @param wire a message callback
     * @return the message, or {@link Ignored} when its content is noise
     */
    static GeweCallback assemble(WireMessage wire) {
        Route route = Route.of(wire);
        return switch (ContentMapper.map(wire.msgType(), route.body(), wire.appFallback())) {
            case Skipped skipped -> new Ignored(wire.appId(), skipped.reason());
            case Kept kept -> new GeweCallback.Message(new InboundMessage(Platform.WECHAT, wire.appId(),
                    wire.selfId(), wire.newMsgId(), route.chatId(), route.chatType(), route.senderId(),
                    senderName(wire.pushContent()), route.direction(), kept.type(), kept.text(), mentions(wire),
                    kept.refMsgId(), wire.raw(), wire.sentAt()),
                    groupChanges(kept.changes(), route, wire.selfId()));
        };
    }

    /** The announced changes in the group the notice was posted in; outside a group a notice changes none. */
    private static List<GroupChange> groupChanges(List<AnnouncedChange> announced, Route route, String selfId) {
        if (route.chatType() != ChatType.GROUP) {
            return List.of();
        }
        return announced.stream().map(change -> change.inGroup(route.chatId(), selfId)).toList();
    }

    /**
     * Who wrote a message, in which conversation, and its content without the sender prefix.
     *
     * @param chatId    the group id, or the other party of a private chat
     * @param chatType  group or private
     * @param senderId  the author (the account's wxid when it sent the message)
     * @param direction received or sent
     * @param body      the content without a {@code "wxid:\n"} prefix
     */
    private record Route(String chatId, ChatType chatType, String senderId, Direction direction, String body) {

        static Route of(WireMessage wire) {
            String from = wire.from();
            String roomId = isRoom(from) ? from : isRoom(wire.to()) ? wire.to() : null;
            String sender = from;
            String body = wire.content();
            String prefix = isRoom(from) && wire.msgType() != PLAIN_NOTICE ? senderPrefix(body) : null;
            if (prefix != null) {
                sender = prefix;
                body = body.substring(prefix.length() + PREFIX_END.length());
            } else if (body.startsWith(from) && body.startsWith(PREFIX_END, from.length())) {
                body = body.substring(from.length() + PREFIX_END.length());
            }
            boolean sent = wire.self() != null ? wire.self() : sender.equals(wire.selfId());
            if (sent && wire.selfId() != null) {
                sender = wire.selfId();
            }
            if (roomId != null) {
                return new Route(roomId, ChatType.GROUP, sender, direction(sent), body);
            }
            return new Route(sent ? wire.to() : from, ChatType.PRIVATE, sender, direction(sent), body);
        }

        private static Direction direction(boolean sent) {
            return sent ? Direction.OUT : Direction.IN;
        }

        /** The {@code wxid} before the first {@code ":\n"} of a group message, if it looks like an id. */
        private static String senderPrefix(String body) {
            int end = body.indexOf(PREFIX_END);
            if (end <= 0 || end > GeweCallbackParser.MAX_USER_ID_LENGTH) {
                return null;
            }
            for (int i = 0; i < end; i++) {
                char c = body.charAt(i);
                if (Character.isWhitespace(c) || c == '<') {
                    return null;
                }
            }
            return body.substring(0, end);
        }
    }

    /** The display name in a notification {@code "<nick> : <text>"}; other notifications name nobody. */
    private static String senderName(String pushContent) {
        if (pushContent == null) {
            return null;
        }
        int end = pushContent.indexOf(PUSH_NAME_END);
        String name = end < 0 ? "" : pushContent.substring(0, end).strip();
        return name.isEmpty() ? null : name;
    }

    /** The listed mentions, or the {@code <atuserlist>} of the message source; {@code notify@all} kept. */
    private static List<String> mentions(WireMessage wire) {
        List<String> listed = wire.mentions();
        if (listed == null) {
            String source = wire.msgSource();
            if (source == null || !source.contains("atuserlist")) {
                return List.of();
            }
            listed = List.of(WechatXml.parse(source).child("atuserlist").text().split(","));
        }
        Set<String> ids = new LinkedHashSet<>();
        for (String item : listed) {
            String id = item.strip();
            if (!id.isEmpty() && id.length() <= GeweCallbackParser.MAX_USER_ID_LENGTH) {
                ids.add(id);
            }
        }
        return List.copyOf(ids);
    }
}
