package dev.parley.ai;

import dev.parley.message.ChatType;

/**
 * The customer messages of one chat that arrived since the account last answered, answered by one draft.
 *
 * @param accountId      the account
 * @param chatId         the chat
 * @param chatType       private or group
 * @param firstMessageId the first of them
 * @param lastMessageId  the last of them
 * @param text           their texts, one per line
 */
public record Burst(long accountId, String chatId, ChatType chatType, long firstMessageId, long lastMessageId,
                    String text) {
}
