package dev.parley.bench;

import dev.parley.message.ChatType;
import dev.parley.message.Direction;
import dev.parley.message.MessageType;

/**
 * One generated message, shaped like a {@code messages} row.
 *
 * @param account       index of the managed account (0-based); the caller maps it to an account id
 * @param platformMsgId unique message id
 * @param chatId        the conversation ({@code …@chatroom} for groups, a wxid for private chats)
 * @param chatType      private or group
 * @param senderId      who wrote it
 * @param senderName    the sender's display name
 * @param direction     received or sent by the account
 * @param type          kind of content
 * @param text          2 to 80 characters, or {@code null} for images, voice and stickers
 * @param sentAt        epoch milliseconds; roughly increasing, with some messages out of order
 */
public record SyntheticMessage(int account, String platformMsgId, String chatId, ChatType chatType, String senderId,
                               String senderName, Direction direction, MessageType type, String text, long sentAt) {
}
