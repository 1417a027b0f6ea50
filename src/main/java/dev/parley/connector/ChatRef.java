package dev.parley.connector;

import java.util.Objects;

import dev.parley.message.ChatType;

/**
 * A chat as a connector reads an id someone typed: the id in the platform's own spelling, and whether it is a
 * private chat or a group.
 *
 * @param chatId the chat's id as the platform spells it
 * @param type   private or group
 */
public record ChatRef(String chatId, ChatType type) {
    /** Rejects missing parts. */
    public ChatRef {
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(type, "type");
    }
}
