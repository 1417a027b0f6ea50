package dev.parley.ai;

import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

import dev.parley.channel.CardReplies;
import dev.parley.channel.SentCard;

import org.jdbi.v3.core.Jdbi;

/**
 * Which chat messages show which draft's approval card ({@code ai_draft_cards}): a draft that changes later (gone
 * stale, decided in another chat, regenerated) is edited into the same messages instead of posted again, and a reply
 * to one of them is the admin's own text for that draft ({@code /ai edit}).
 */
public final class DraftCardMessages implements CardReplies {
    private final Jdbi jdbi;
    private final InstantSource clock;

    /**
     * @param jdbi  the database
     * @param clock source of times
     */
    public DraftCardMessages(Jdbi jdbi, InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * A message showing a draft's card, in the language it was written in.
     *
     * @param sent   the message
     * @param locale the card's language
     */
    public record Shown(SentCard sent, String locale) {
    }

    /**
     * @param draftId the draft
     * @param sent    a message now showing its card
     * @param locale  the card's language
     */
    public void record(long draftId, SentCard sent, String locale) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO ai_draft_cards (channel, chat_id, message_id, draft_id, locale, posted_at)
                        VALUES (:ch, :c, :m, :d, :l, :now)
                        ON DUPLICATE KEY UPDATE draft_id = VALUES(draft_id), locale = VALUES(locale)""")
                .bind("ch", sent.channel()).bind("c", sent.chatId()).bind("m", sent.messageId())
                .bind("d", draftId).bind("l", locale).bind("now", clock.millis())
                .execute());
    }

    /**
     * @param draftId a draft
     * @return the messages showing its card, oldest first
     */
    public List<Shown> of(long draftId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT channel, chat_id, message_id, locale FROM ai_draft_cards
                        WHERE draft_id = :d ORDER BY posted_at, channel, chat_id""")
                .bind("d", draftId)
                .map((rs, ctx) -> new Shown(new SentCard(rs.getString("channel"), rs.getString("chat_id"),
                        rs.getString("message_id")), rs.getString("locale")))
                .list());
    }

    /**
     * @param sent a message
     * @return the draft whose card it shows
     */
    public Optional<Long> draftShownBy(SentCard sent) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT draft_id FROM ai_draft_cards WHERE channel = :ch AND chat_id = :c AND message_id = :m""")
                .bind("ch", sent.channel()).bind("c", sent.chatId()).bind("m", sent.messageId())
                .mapTo(Long.class).findOne());
    }

    /** A reply to a draft's card is the text to send instead: {@code /ai edit #<draft>}. */
    @Override
    public Optional<String> commandFor(SentCard repliedTo) {
        return draftShownBy(repliedTo).map(id -> "/ai edit #" + id);
    }
}
