package dev.parley.message;

import java.util.List;
import java.util.Objects;

import dev.parley.account.Platform;

/**
 * A message as a connector understood it, before it is stored: the platform-neutral shape every
 * source (GeWe callbacks, WhatsApp) is mapped to. Its natural key is account + {@code platformMsgId}.
 *
 * @param platform          platform of the managed account
 * @param accountExternalId the account's id at the provider (GeWe appId); unknown ids create accounts
 * @param accountSelfId     the account's own user id (wxid), if the source says
 * @param platformMsgId     the platform's unique message id, as a string (may exceed 64 bits)
 * @param chatId            the conversation: the other party's id, or the group id
 * @param chatType          private or group
 * @param senderId          who wrote it (the account itself for outgoing messages)
 * @param senderName        the sender's display name when the source carries it, else {@code null}
 * @param direction         received or sent
 * @param type              kind of content
 * @param text              searchable text (body, link title, file name, notice text), or {@code null}
 * @param mentions          user ids mentioned in the message (may be empty)
 * @param refMsgId          quoted message (quotes) or withdrawn message (revokes), else {@code null}
 * @param raw               the source's payload for this message, kept for later re-processing
 * @param sentAt            when it was sent, epoch milliseconds
 */
public record InboundMessage(
        Platform platform,
        String accountExternalId,
        String accountSelfId,
        String platformMsgId,
        String chatId,
        ChatType chatType,
        String senderId,
        String senderName,
        Direction direction,
        MessageType type,
        String text,
        List<String> mentions,
        String refMsgId,
        String raw,
        long sentAt) {

    /** The longest platform message id stored. */
    public static final int MAX_ID_LENGTH = 64;

    /**
     * Validates the fields that form the natural key and the conversation: a message id is 1 to 64 printable ASCII
     * characters, since it is stored as ASCII and anything else would make two messages one. A reference to another
     * message that could not be such an id is dropped.
     */
    public InboundMessage {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(accountExternalId, "accountExternalId");
        Objects.requireNonNull(platformMsgId, "platformMsgId");
        if (!isPlainId(platformMsgId) || platformMsgId.length() > MAX_ID_LENGTH) {
            throw new IllegalArgumentException("a platform message id must be 1 to " + MAX_ID_LENGTH
                    + " printable ASCII characters");
        }
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(chatType, "chatType");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(type, "type");
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
        // stored ids are printable ASCII, so any other reference names no stored message (and would fail to compare)
        if (refMsgId != null && (!isPlainId(refMsgId) || refMsgId.length() > MAX_ID_LENGTH)) {
            refMsgId = null;
        }
    }

    /**
     * @param id a platform's id
     * @return whether it is non-empty printable ASCII (no spaces, no control or non-ASCII characters)
     */
    public static boolean isPlainId(String id) {
        return !id.isEmpty() && id.chars().allMatch(c -> c > 0x20 && c < 0x7F);
    }
}
