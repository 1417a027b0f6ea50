package dev.parley.search;

import dev.parley.message.MessageType;

/**
 * A found message as it is displayed, loaded from MariaDB.
 *
 * @param id         message id
 * @param accountId  the managed account
 * @param chatId     the conversation
 * @param chatType   {@code private} or {@code group}
 * @param senderId   who wrote it
 * @param senderName the sender's display name, or {@code null}
 * @param direction  {@code in} or {@code out}
 * @param type       kind of content ({@link MessageType#UNKNOWN} for a code this version does not know)
 * @param text       the text, cut to its first 10,000 characters (what is searched)
 * @param sentAt     when it was sent, epoch milliseconds
 * @param automatic  whether a keyword rule or a broadcast sent it rather than a person
 * @param withdrawn  whether its sender withdrew it
 */
public record MessageView(long id, long accountId, String chatId, String chatType, String senderId, String senderName,
                          String direction, MessageType type, String text, long sentAt, boolean automatic,
                          boolean withdrawn) {
}
