package dev.parley.ai;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;

/**
 * Human takeover: chats where AI drafting waits because a human is answering (from the phone, with Take over, or
 * {@code /ai pause}), each until a time, kept in {@code ai_pauses}.
 */
public final class AiPauses {
    private final Jdbi jdbi;
    private final InstantSource clock;

    /**
     * @param jdbi  the database
     * @param clock source of "now"
     */
    public AiPauses(Jdbi jdbi, InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Pauses a chat, or extends its pause; a longer pause already in place is kept.
     *
     * @param accountId the account
     * @param chatId    the chat
     * @param length    how long
     * @param by        who ({@code channel:user-id}, or {@code phone})
     * @return until when, epoch ms
     */
    public long pause(long accountId, String chatId, Duration length, String by) {
        long now = clock.millis();
        long until = now + length.toMillis();
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO ai_pauses (account_id, chat_id, until_at, paused_by, paused_at)
                        VALUES (:a, :c, :until, :by, :now)
                        ON DUPLICATE KEY UPDATE paused_by = IF(VALUES(until_at) > until_at, VALUES(paused_by), paused_by),
                          paused_at = IF(VALUES(until_at) > until_at, VALUES(paused_at), paused_at),
                          until_at = GREATEST(until_at, VALUES(until_at))""")
                .bind("a", accountId).bind("c", chatId).bind("until", until).bind("by", by).bind("now", now).execute());
        return pausedUntil(accountId, chatId).orElse(until);
    }

    /**
     * @param accountId the account
     * @param chatId    the chat
     * @return whether it was paused
     */
    public boolean resume(long accountId, String chatId) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "DELETE FROM ai_pauses WHERE account_id = :a AND chat_id = :c AND until_at > :now")
                .bind("a", accountId).bind("c", chatId).bind("now", clock.millis()).execute()) > 0;
    }

    /** @return every chat where drafting waits now, by account and chat */
    public List<Pause> active() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT account_id, chat_id, until_at, paused_by FROM ai_pauses WHERE until_at > :now
                        ORDER BY account_id, chat_id""")
                .bind("now", clock.millis())
                .map((rs, ctx) -> new Pause(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getString(4))).list());
    }

    /**
     * A chat where drafting waits.
     *
     * @param accountId the account
     * @param chatId    the chat
     * @param until     until when, epoch ms
     * @param by        who paused it ({@code channel:user-id}, or {@code phone})
     */
    public record Pause(long accountId, String chatId, long until, String by) {
    }

    /**
     * @param accountId the account
     * @param chatId    the chat
     * @return until when drafting waits there, if it does now
     */
    public Optional<Long> pausedUntil(long accountId, String chatId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT until_at FROM ai_pauses WHERE account_id = :a AND chat_id = :c AND until_at > :now")
                .bind("a", accountId).bind("c", chatId).bind("now", clock.millis()).mapTo(Long.class).findOne());
    }
}
