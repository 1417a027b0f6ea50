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
 * @param origin      what queued it when no person did ({@code rule:<firing>}, {@code sop:<send>}), or {@code null};
 *                    a message is queued at most once per origin, and one with an origin is automatic
 * @param notBefore   the earliest time it may go out, epoch ms ({@code 0}: as soon as its turn comes)
 */
public record OutboundRequest(long accountId, String chatId, ChatType chatType, String text, List<String> mentions,
                              Identity requestedBy, Long replyTo, TemplateMessage template, String origin,
                              long notBefore) {
    /** The longest origin the queue stores. */
    public static final int MAX_ORIGIN = 64;

    /** Rejects missing parts and copies the mentions. */
    public OutboundRequest {
        Objects.requireNonNull(chatId, "chatId");
        Objects.requireNonNull(chatType, "chatType");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(requestedBy, "requestedBy");
        if (origin != null && (origin.isEmpty() || origin.length() > MAX_ORIGIN)) {
            throw new IllegalArgumentException("origin must be 1.." + MAX_ORIGIN + " characters");
        }
        mentions = List.copyOf(mentions);
    }

    /**
     * A message a person asked for, free text or a template, sent as soon as its turn comes.
     *
     * @param accountId   the sending account
     * @param chatId      a contact or group id
     * @param chatType    private or group
     * @param text        the text
     * @param mentions    user ids mentioned, may be empty
     * @param requestedBy who asked
     * @param replyTo     the message it answers, or {@code null}
     * @param template    the template it is sent as, or {@code null} for free text
     */
    public OutboundRequest(long accountId, String chatId, ChatType chatType, String text, List<String> mentions,
                           Identity requestedBy, Long replyTo, TemplateMessage template) {
        this(accountId, chatId, chatType, text, mentions, requestedBy, replyTo, template, null, 0L);
    }

    /**
     * An automatic message: queued at most once for {@code origin}, and not before {@code notBefore}.
     *
     * @param origin    what queued it
     * @param notBefore the earliest time it may go out, epoch ms
     * @return this request with them
     */
    public OutboundRequest automatic(String origin, long notBefore) {
        return new OutboundRequest(accountId, chatId, chatType, text, mentions, requestedBy, replyTo, template,
                Objects.requireNonNull(origin, "origin"), notBefore);
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
