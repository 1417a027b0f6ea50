package dev.parley.message;

/**
 * A message as stored in {@code messages}, for features that act on one message an admin points at (reply to it,
 * download its media).
 *
 * @param id            the row id admins see as {@code #id}
 * @param accountId     the managed account that received or sent it
 * @param platformMsgId the platform's id of the message
 * @param chatId        the conversation
 * @param chatType      private or group
 * @param senderId      who wrote it
 * @param senderName    the sender's display name, or {@code null}
 * @param direction     received or sent
 * @param type          kind of content
 * @param text          its text, or {@code null}
 * @param raw           the source's payload, or {@code null}
 * @param sentAt        when it was sent, epoch milliseconds
 */
public record StoredMessage(long id, long accountId, String platformMsgId, String chatId, ChatType chatType,
                           String senderId, String senderName, Direction direction, MessageType type, String text,
                           String raw, long sentAt) {
}
