package dev.parley.outbound;

import dev.parley.message.ChatType;

/**
 * A chat a message goes to, as resolved from what an admin typed.
 *
 * @param chatId the group or contact id
 * @param name   its name, or {@code null} when only the id is known
 * @param type   private or group
 */
public record Recipient(String chatId, String name, ChatType type) {
    /** @return the name when known, else the id */
    public String displayName() {
        return name != null && !name.isBlank() ? name : chatId;
    }
}
