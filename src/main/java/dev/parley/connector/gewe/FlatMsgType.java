package dev.parley.connector.gewe;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.parley.message.MessageType;

/**
 * The textual {@code msgType} of GeWe's flat v2 callbacks ({@code "TEXT"}, {@code "QUOTE"}, …), mapped
 * to the numeric WeChat type whose content it carries, so v2 content goes through the same mapping.
 */
enum FlatMsgType {
    TEXT(1, MessageType.TEXT),
    IMAGE(3, MessageType.IMAGE),
    VOICE(34, MessageType.VOICE),
    VIDEO(43, MessageType.VIDEO),
    EMOJI(47, MessageType.EMOJI),
    CARD(42, MessageType.CARD),
    LOCATION(48, MessageType.LOCATION),
    FILE(49, MessageType.FILE),
    LINK(49, MessageType.LINK),
    MINI_PROGRAM(49, MessageType.MINI_PROGRAM),
    QUOTE(49, MessageType.QUOTE),
    TRANSFER(49, MessageType.APP),
    RED_PACKET(49, MessageType.APP),
    SYSTEM(10002, MessageType.SYSTEM);

    /** The numeric code for names we do not know; WeChat does not use it, so it maps to UNKNOWN. */
    static final int UNRECOGNISED_CODE = 0;

    /** Account status events that v2 delivers as a {@code msgType}; they carry no message. */
    private static final Set<String> STATUS_EVENTS = Set.of("LOGIN_SUCCESS", "LOGIN_ERROR", "LOGOUT",
            "RECONNECT_SUCCESS", "RECONNECT_FAIL", "LONG_SUCCESS", "LONG_FAIL", "LONG_SERVE_START_SUCCESS",
            "LONG_SERVE_CLOSE");

    private static final Map<String, FlatMsgType> BY_NAME = Stream.of(values())
            .collect(Collectors.toUnmodifiableMap(Enum::name, Function.identity()));

    private final int code;
    private final MessageType type;

    FlatMsgType(int code, MessageType type) {
        this.code = code;
        this.type = type;
    }

    /** @return the numeric WeChat message type */
    int code() {
        return code;
    }

    /** @return the type to use when the content's XML cannot be read */
    MessageType type() {
        return type;
    }

    /**
     * @param name a v2 {@code msgType}, any case
     * @return the type, or {@code null} for a name we do not know
     */
    static FlatMsgType byName(String name) {
        return BY_NAME.get(name.toUpperCase(Locale.ROOT));
    }

    /**
     * @param name a v2 {@code msgType}, any case
     * @return whether it is an account status event rather than a message
     */
    static boolean isStatusEvent(String name) {
        return STATUS_EVENTS.contains(name.toUpperCase(Locale.ROOT));
    }
}
