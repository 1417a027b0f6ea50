package dev.parley.ai;

import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.logging.Logger;

import dev.parley.message.ChatType;

import org.jdbi.v3.core.Jdbi;

/**
 * The quiet periods of {@link DraftWatcher} live in memory, so a customer who wrote shortly before Parley stopped
 * would never get a draft. At start this finds the chats whose newest customer message that asks for a draft (see
 * {@link Triggers}) arrived within the look-back, on a chat whose mode is {@code draft} or {@code auto} since before
 * it arrived, with no draft covering it, no reply after it and no pause, and hands each back to the watcher, which
 * waits a quiet period and drafts it the usual way (quota, pause and one draft per burst still apply).
 */
public final class DraftResumption {
    private static final Logger LOG = Logger.getLogger(DraftResumption.class.getName());

    private final Jdbi jdbi;
    private final AiModes modes;
    private final AiPauses pauses;
    private final Triggers triggers;
    private final InstantSource clock;
    private final Duration lookBack;

    /**
     * @param jdbi     the database
     * @param modes    which chats draft
     * @param pauses   chats where a human has taken over
     * @param triggers which customer messages ask for a draft
     * @param clock    source of "now"
     * @param lookBack how old a waiting customer's message may be to still be drafted; zero resumes nothing
     */
    public DraftResumption(Jdbi jdbi, AiModes modes, AiPauses pauses, Triggers triggers, InstantSource clock,
                           Duration lookBack) {
        this.jdbi = jdbi;
        this.modes = modes;
        this.pauses = pauses;
        this.triggers = triggers;
        this.clock = clock;
        this.lookBack = lookBack;
    }

    /**
     * Runs once at start, after the watcher started.
     *
     * @param watcher waits the quiet period of each chat found and drafts it
     * @return how many chats were handed back
     */
    public int run(DraftWatcher watcher) {
        if (lookBack.isZero() || lookBack.isNegative()) {
            return 0;
        }
        int resumed = 0;
        for (Waiting chat : waiting()) {
            if (modes.mode(chat.accountId(), chat.chatId()) != AiMode.OFF
                    && pauses.pausedUntil(chat.accountId(), chat.chatId()).isEmpty()
                    && watcher.resume(chat.accountId(), chat.chatId(), chat.messageId())) {
                resumed++;
            }
        }
        LOG.info("AI drafting resumed in " + resumed + " chat(s) whose customer was waiting when Parley stopped"
                + " (look-back " + lookBack.toMinutes() + " min)");
        return resumed;
    }

    /** The newest unanswered, undrafted customer message that asks for a draft, per chat, within the look-back. */
    private List<Waiting> waiting() {
        long since = clock.millis() - lookBack.toMillis();
        List<Candidate> candidates = jdbi.withHandle(h -> h.createQuery("""
                        SELECT m.id, m.account_id, m.chat_id, m.chat_type, m.text,
                          (a.self_id IS NOT NULL AND FIND_IN_SET(a.self_id, m.mentions) > 0) AS mentions_self
                        FROM messages m JOIN accounts a ON a.id = m.account_id
                        WHERE m.sent_at >= :sentSince AND m.received_at >= :since
                          AND m.direction = 'in' AND m.msg_type = 'text' AND m.text IS NOT NULL
                          AND EXISTS (SELECT 1 FROM ai_settings s WHERE s.account_id = m.account_id
                            AND s.chat_id IN (m.chat_id, '') AND s.mode IN ('draft', 'auto') AND s.set_at <= m.received_at)
                          AND NOT EXISTS (SELECT 1 FROM messages o WHERE o.account_id = m.account_id
                            AND o.chat_id = m.chat_id AND o.sent_at >= :sentSince AND o.direction = 'out' AND o.id > m.id)
                          AND NOT EXISTS (SELECT 1 FROM ai_drafts d WHERE d.account_id = m.account_id
                            AND d.chat_id = m.chat_id AND d.last_message_id >= m.id)
                        ORDER BY m.id DESC""")
                // sent_at bounds the scans with its indexes (a reply after the message was sent after it, too); twice
                // the look-back leaves room for the senders' clocks
                .bind("sentSince", since - lookBack.toMillis()).bind("since", since)
                .map((rs, ctx) -> new Candidate(new Waiting(rs.getLong("id"), rs.getLong("account_id"),
                        rs.getString("chat_id")), ChatType.valueOf(rs.getString("chat_type").toUpperCase(Locale.ROOT)),
                        rs.getBoolean("mentions_self"), rs.getString("text")))
                .list());
        Map<String, Waiting> newest = new LinkedHashMap<>();
        for (Candidate c : candidates) {
            if (triggers.fires(c.type(), c.mentionsSelf(), c.text())) {
                newest.putIfAbsent(c.waiting().accountId() + "\u0000" + c.waiting().chatId(), c.waiting());
            }
        }
        return List.copyOf(newest.values());
    }

    private record Waiting(long messageId, long accountId, String chatId) {
    }

    private record Candidate(Waiting waiting, ChatType type, boolean mentionsSelf, String text) {
    }
}
