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

    /** Validates the fields that form the natural key and the conversation. */
    public InboundMessage {
        Objects.requireNonNull(platform, "platform");
        Objects.requireNonNull(accountExternalId, "accountExternalId");
        Objects.requireNonNull(platformMsgId, "platformMsgId");
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(chatType, "chatType");
        Objects.requireNonNull(senderId, "senderId");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(type, "type");
        mentions = mentions == null ? List.of() : List.copyOf(mentions);
    }
}
