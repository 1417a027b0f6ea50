package dev.parley.ai;

import java.util.Arrays;
import java.util.List;

import dev.parley.message.ChatType;

/**
 * An AI reply draft, as stored in {@code ai_drafts}.
 *
 * @param id            its id, as admins see it ({@code /ai send 12})
 * @param accountId     the account that would send it
 * @param chatId        the customer's chat
 * @param chatType      private or group
 * @param lastMessageId the customer message it answers
 * @param state         where it is in its life
 * @param customerText  the customer's messages it answers
 * @param draftText     the proposed reply, or {@code null} when it failed
 * @param sources       knowledge-base passage ids it used, comma-separated, or {@code null}
 * @param provider      the provider that drafted it
 * @param error         why it failed, or why {@code auto} left it pending ({@link DraftFailure#stored()}; English
 *                      text in rows older than reason codes), or {@code null}
 * @param outboundId    the queued reply once sent, or {@code null}
 * @param decidedBy     who sent or rejected it, or {@code null}
 * @param createdAt     when it was drafted, epoch ms
 */
public record Draft(long id, long accountId, String chatId, ChatType chatType, long lastMessageId, DraftState state,
                    String customerText, String draftText, String sources, String provider, String error,
                    Long outboundId, String decidedBy, long createdAt) {
    /** @return the ids of the knowledge-base passages it used, best first */
    public List<Long> sourceIds() {
        if (sources == null || sources.isBlank()) {
            return List.of();
        }
        return Arrays.stream(sources.split(",")).map(String::strip).filter(s -> !s.isEmpty()).map(Long::valueOf).toList();
    }
}
