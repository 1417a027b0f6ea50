package dev.parley.connector;

/**
 * A message a connector sent, as the core keeps it: the id it is archived under, and the connector's own
 * note of what it needs to withdraw it later. The core never looks inside the receipt.
 *
 * @param messageId the platform's id of the sent message (the one a later echo of it carries), or {@code null}
 *                  when the platform answered without one
 * @param receipt   what the connector needs to withdraw it, in its own format, or {@code null}
 */
public record SentMessage(String messageId, String receipt) {
}
