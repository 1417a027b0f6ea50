package dev.parley.channel;

/**
 * A card a channel posted, as the channel needs to find it again.
 *
 * @param channel   the channel's name
 * @param chatId    the chat it is in
 * @param messageId the platform's id of the message holding it
 */
public record SentCard(String channel, String chatId, String messageId) {
}
