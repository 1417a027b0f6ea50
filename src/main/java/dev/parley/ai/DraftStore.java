package dev.parley.ai;

import java.time.InstantSource;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import dev.parley.message.ChatType;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The drafts in {@code ai_drafts}. Every change of state is one conditional {@code UPDATE}, so whoever changes a
 * draft first wins and everyone else is told: two admins pressing Send at once send once.
 */
public final class DraftStore {
    private static final RowMapper<Draft> MAPPER = (rs, ctx) -> new Draft(rs.getLong("id"), rs.getLong("account_id"),
            rs.getString("chat_id"), ChatType.valueOf(rs.getString("chat_type").toUpperCase(Locale.ROOT)),
            rs.getLong("last_message_id"), DraftState.of(rs.getString("state")), rs.getString("customer_text"),
            rs.getString("draft_text"), rs.getString("sources"), rs.getString("provider"), rs.getString("error"),
            rs.getObject("outbound_id", Long.class), rs.getString("decided_by"), rs.getLong("created_at"));

    /** The width of {@code ai_drafts.error}. */
    private static final int MAX_ERROR = 512;

    private final Jdbi jdbi;
    private final InstantSource clock;

    /**
     * @param jdbi  the database
     * @param clock source of times
     */
    public DraftStore(Jdbi jdbi, InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Records that a burst of customer messages is being answered; a burst already answered is not answered again.
     *
     * @param burst    the customer's messages
     * @param provider the provider asked
     * @return the new draft's id, or empty when that burst already has a draft
     */
    public Optional<Long> open(Burst burst, String provider) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT IGNORE INTO ai_drafts (account_id, chat_id, chat_type, first_message_id, last_message_id,
                          state, customer_text, provider, created_at)
                        VALUES (:a, :c, :t, :first, :last, 'drafting', :text, :p, :now)""")
                .bind("a", burst.accountId()).bind("c", burst.chatId())
                .bind("t", burst.chatType().name().toLowerCase(Locale.ROOT))
                .bind("first", burst.firstMessageId()).bind("last", burst.lastMessageId()).bind("text", burst.text())
                .bind("p", provider).bind("now", clock.millis())
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).findOne());
    }

    /**
     * Takes a pending or failed draft back to be written again (Regenerate): while it is, nobody can send it.
     *
     * @param id the draft
     * @return whether it was pending or failed (else someone decided it, or it is being written already)
     */
    public boolean redraft(long id) {
        return jdbi.withHandle(h -> h.createUpdate(
                        "UPDATE ai_drafts SET state = 'drafting', error = NULL WHERE id = :id AND state IN ('pending', 'failed')")
                .bind("id", id).execute()) == 1;
    }

    /**
     * Stores a proposed reply and makes the draft pending; a draft decided or gone stale meanwhile stays so.
     *
     * @param id       the draft
     * @param text     the reply
     * @param sources  knowledge-base passage ids used, comma-separated, or {@code null}
     * @param provider the provider that wrote it
     * @return whether the draft is now pending
     */
    public boolean propose(long id, String text, String sources, String provider) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE ai_drafts SET state = 'pending', draft_text = :text, sources = :sources, provider = :p,
                          error = NULL, created_at = :now WHERE id = :id AND state IN ('drafting', 'pending', 'failed')""")
                .bind("text", text).bind("sources", sources).bind("p", provider).bind("now", clock.millis())
                .bind("id", id).execute()) == 1;
    }

    /**
     * @param id     the draft
     * @param reason why the provider gave no reply
     * @return whether the draft is now failed
     */
    public boolean fail(long id, DraftFailure reason) {
        String error = reason.stored().length() <= MAX_ERROR ? reason.stored() : reason.withoutDetail().stored();
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE ai_drafts SET state = 'failed', error = :error
                        WHERE id = :id AND state IN ('drafting', 'pending', 'failed')""")
                .bind("error", error).bind("id", id).execute()) == 1;
    }

    /**
     * Says on a pending draft why {@code auto} did not send it (kept in {@code error}, which a pending draft
     * otherwise leaves empty).
     *
     * @param id     the draft
     * @param reason why it waits for a human
     */
    public void note(long id, DraftFailure reason) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE ai_drafts SET error = :note WHERE id = :id AND state = 'pending'")
                .bind("note", reason.withoutDetail().stored()).bind("id", id).execute());
    }

    /**
     * Takes a pending draft for sending; only one caller ever gets {@code true}.
     *
     * @param id the draft
     * @param by who pressed Send
     * @return whether this caller approved it
     */
    public boolean approve(long id, String by) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE ai_drafts SET state = 'approved', decided_by = :by, decided_at = :now
                        WHERE id = :id AND state = 'pending'""")
                .bind("by", by).bind("now", clock.millis()).bind("id", id).execute()) == 1;
    }

    /**
     * Takes a pending or failed draft for sending with a human's text instead; only one caller ever gets {@code true}.
     *
     * @param id   the draft
     * @param text the reply to send
     * @param by   who wrote it
     * @return whether this caller approved it
     */
    public boolean approveEdited(long id, String text, String by) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE ai_drafts SET state = 'approved', draft_text = :text, decided_by = :by, decided_at = :now
                        WHERE id = :id AND state IN ('pending', 'failed')""")
                .bind("text", text).bind("by", by).bind("now", clock.millis()).bind("id", id).execute()) == 1;
    }

    /**
     * @param id the draft
     * @param by who rejected it
     * @return whether this caller rejected it
     */
    public boolean reject(long id, String by) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE ai_drafts SET state = 'rejected', decided_by = :by, decided_at = :now
                        WHERE id = :id AND state IN ('pending', 'failed')""")
                .bind("by", by).bind("now", clock.millis()).bind("id", id).execute()) == 1;
    }

    /**
     * @param id         an approved draft
     * @param outboundId the queued reply
     */
    public void sent(long id, long outboundId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE ai_drafts SET state = 'sent', outbound_id = :o WHERE id = :id")
                .bind("o", outboundId).bind("id", id).execute());
    }

    /**
     * Marks the undecided drafts of a chat stale: something newer than what they answer happened there.
     *
     * @param accountId the account
     * @param chatId    the chat
     * @param messageId the newer message
     * @return the drafts that became stale and had been shown (pending or failed)
     */
    public List<Draft> staleBefore(long accountId, String chatId, long messageId) {
        return jdbi.inTransaction(h -> {
            List<Draft> shown = h.createQuery("""
                            SELECT * FROM ai_drafts WHERE account_id = :a AND chat_id = :c
                              AND state IN ('pending', 'failed') AND last_message_id < :m FOR UPDATE""")
                    .bind("a", accountId).bind("c", chatId).bind("m", messageId).map(MAPPER).list();
            long now = clock.millis();
            h.createUpdate("""
                            UPDATE ai_drafts SET state = 'stale', decided_at = :now
                            WHERE account_id = :a AND chat_id = :c AND state IN ('drafting', 'pending', 'failed')
                              AND last_message_id < :m""")
                    .bind("now", now).bind("a", accountId).bind("c", chatId).bind("m", messageId).execute();
            return shown.stream().map(d -> new Draft(d.id(), d.accountId(), d.chatId(), d.chatType(), d.lastMessageId(),
                    DraftState.STALE, d.customerText(), d.draftText(), d.sources(), d.provider(), d.error(),
                    d.outboundId(), d.decidedBy(), d.createdAt())).toList();
        });
    }

    /**
     * @param id a draft id
     * @return the draft, if it exists
     */
    public Optional<Draft> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM ai_drafts WHERE id = :id").bind("id", id).map(MAPPER)
                .findOne());
    }

    /**
     * @param limit most drafts
     * @return the drafts waiting for a human (and failed ones, which can be regenerated), oldest first
     */
    public List<Draft> undecided(int limit) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT * FROM ai_drafts WHERE state IN ('pending', 'failed') ORDER BY id LIMIT :limit")
                .bind("limit", limit).map(MAPPER).list());
    }

    /** @return how many drafts wait for a human */
    public long pendingCount() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM ai_drafts WHERE state = 'pending'")
                .mapTo(Long.class).one());
    }

    /**
     * @param state a state
     * @return every draft in it, oldest first
     */
    public List<Draft> inState(DraftState state) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM ai_drafts WHERE state = :s ORDER BY id")
                .bind("s", state.code()).map(MAPPER).list());
    }

    /**
     * @param draft an approved draft
     * @return the outbound row already queued for it: the reply to its customer's message, asked for by whoever
     *         approved it (its text may differ from the draft's: in a group it mentions the customer)
     */
    public Optional<Long> queuedAs(Draft draft) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id FROM outbound WHERE account_id = :a AND chat_id = :c AND reply_to = :m
                          AND requested_by = :by ORDER BY id LIMIT 1""")
                .bind("a", draft.accountId()).bind("c", draft.chatId()).bind("m", draft.lastMessageId())
                .bind("by", draft.decidedBy()).mapTo(Long.class).findOne());
    }
}
