package dev.parley.outbound;

import java.util.List;
import java.util.Objects;

import dev.parley.connector.TemplateMessage;
import dev.parley.message.ChatType;
import dev.parley.rbac.Identity;

/**
 * A message someone wants sent.
 *
 * @param accountId   the sending account
 * @param chatId      a contact or group id
 * @param chatType    private or group
 * @param text        the text; for each mention it already contains {@code @Name}
 * @param mentions    user ids mentioned (groups only), may be empty
 * @param requestedBy who asked
 * @param replyTo     the message it answers ({@code messages.id}), or {@code null}
 * @param template    the approved template it is sent as (the text then shows it), or {@code null} for free text
 */
public record OutboundRequest(long accountId, String chatId, ChatType chatType, String text, List<String> mentions,
                              Identity requestedBy, Long replyTo, TemplateMessage template) {
    /** Rejects missing parts and copies the mentions. */
    public OutboundRequest {
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(chatType, "chatType");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(requestedBy, "requestedBy");
        mentions = List.copyOf(mentions);
    }

    /**
     * A free text.
     *
     * @param accountId   the sending account
     * @param chatId      a contact or group id
     * @param chatType    private or group
     * @param text        the text
     * @param mentions    user ids mentioned, may be empty
     * @param requestedBy who asked
     * @param replyTo     the message it answers, or {@code null}
     */
    public OutboundRequest(long accountId, String chatId, ChatType chatType, String text, List<String> mentions,
                           Identity requestedBy, Long replyTo) {
        this(accountId, chatId, chatType, text, mentions, requestedBy, replyTo, null);
    }
}
