package dev.parley.outbound;

import java.util.List;

import dev.parley.connector.Receipt;
import dev.parley.connector.SentMessage;
import dev.parley.connector.TemplateMessage;
import dev.parley.message.ChatType;

/**
 * One row of the outbound queue.
 *
 * @param id            its id, assigned when it was queued and shown to admins as {@code #id}
 * @param accountId     the sending account
 * @param chatId        where it goes
 * @param chatType      private or group
 * @param text          the text, {@code @Name} of each mention included
 * @param mentions      user ids mentioned
 * @param state         where it stands
 * @param attempts      platform calls made for it so far
 * @param nextAttemptAt the earliest time of its next attempt, epoch ms
 * @param lastError     why the last attempt failed, or {@code null}
 * @param sent          the platform's ids once sent, else {@code null}
 * @param requestedBy   who asked for it, {@code channel:user-id}
 * @param replyTo       the message it answers ({@code messages.id}), or {@code null}
 * @param createdAt     when it was queued, epoch ms
 * @param sentAt        when the platform took it, or {@code null}
 * @param revokedAt     when it was withdrawn, or {@code null}
 * @param template      the template it is sent as, or {@code null} for free text
 * @param receipt       what the platform last said became of it once sent (delivered, read…), or {@code null}
 * @param origin        what queued it when no person did ({@code rule:…}, {@code sop:…}), or {@code null}
 */
public record Outbound(long id, long accountId, String chatId, ChatType chatType, String text, List<String> mentions,
                       OutboundState state, int attempts, long nextAttemptAt, String lastError, SentMessage sent,
                       String requestedBy, Long replyTo, long createdAt, Long sentAt, Long revokedAt,
                       TemplateMessage template, Receipt receipt, String origin) {
    /** Copies the mentions. */
    public Outbound {
        mentions = List.copyOf(mentions);
    }

    /** @return whether a rule or a broadcast queued it rather than a person */
    public boolean automatic() {
        return origin != null;
    }
}
