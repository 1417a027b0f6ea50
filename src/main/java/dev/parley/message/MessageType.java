package dev.parley.message;

import java.util.Locale;

/** What kind of content a message carries, independent of the platform's own numbering. */
public enum MessageType {
    TEXT, IMAGE, VOICE, VIDEO, EMOJI, LINK, FILE, QUOTE, MINI_PROGRAM, CARD, LOCATION,
    /** Notices from the platform itself: joins, kicks, renames, pats, announcements. */
    SYSTEM,
    /** A sender withdrew an earlier message; {@code refMsgId} names it. */
    REVOKE,
    /** A sender reacted to a message ({@code refMsgId}) with an emoji (the text; empty when the reaction was taken back). */
    REACTION,
    /** A sender edited an earlier message ({@code refMsgId}); the text is its new text. */
    EDIT,
    FRIEND_REQUEST,
    /** Transfers, red packets, forwarded chat histories, channel posts and other app messages. */
    APP,
    CALL,
    UNKNOWN;

    /** @return the lower-case code stored in the database and the index, e.g. {@code mini_program} */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * @param code a value of {@link #code()}, any case
     * @return the type
     * @throws IllegalArgumentException for an unknown code
     */
    public static MessageType fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
