package dev.parley.connector;

import dev.parley.message.MessageType;

/**
 * The stored reference to the media of a received message: enough for the platform to find it again.
 *
 * @param type          image, voice, video, file…
 * @param platformMsgId the platform's message id
 * @param raw           the message payload as received (GeWe needs the XML inside it)
 */
public record MediaRef(MessageType type, String platformMsgId, String raw) {
}
