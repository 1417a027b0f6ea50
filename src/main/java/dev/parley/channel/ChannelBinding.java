package dev.parley.channel;

/**
 * A chat bound to a purpose.
 *
 * @param channel  the channel's name
 * @param chatId   the chat
 * @param purpose  what it receives, e.g. {@code alerts}
 * @param locale   the language cards are written in there
 * @param chatName the chat's name when the channel said, else {@code null}
 * @param boundBy  who bound it
 * @param boundAt  when, epoch ms
 */
public record ChannelBinding(String channel, String chatId, String purpose, String locale, String chatName,
                             String boundBy, long boundAt) {
}
