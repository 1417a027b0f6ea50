package dev.parley.connector;

/**
 * The platform's ids of a sent message, kept to withdraw it later. GeWe needs all three, as strings.
 *
 * @param messageId    the platform's message id
 * @param newMessageId the platform's unique id (may exceed 64 bits)
 * @param createTime   the platform's send time as it returned it
 */
public record SentMessage(String messageId, String newMessageId, String createTime) {
}
