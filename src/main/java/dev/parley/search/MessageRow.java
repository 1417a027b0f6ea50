package dev.parley.search;

/**
 * The columns of a {@code messages} row that the index needs.
 *
 * @param id        the message id (the tailing watermark)
 * @param accountId the managed account
 * @param chatId    the conversation
 * @param senderId  who wrote it
 * @param type      the {@code msg_type} code
 * @param text      the searchable text, already cut to {@link IndexFields#MAX_TEXT_CHARS}; may be {@code null}
 * @param sentAt    when it was sent, epoch milliseconds
 * @param withdrawn whether its sender withdrew it ({@code revoked_at} is set)
 * @param withdraws for a withdrawal notice, the message it withdrew ({@code messages.id}), else {@code null}
 */
record MessageRow(long id, long accountId, String chatId, String senderId, String type, String text, long sentAt,
                  boolean withdrawn, Long withdraws) {
}
