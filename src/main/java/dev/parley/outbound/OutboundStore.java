package dev.parley.outbound;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import dev.parley.account.Platform;
import dev.parley.connector.Receipt;
import dev.parley.connector.SentMessage;
import dev.parley.connector.TemplateMessage;
import dev.parley.message.ChatType;
import dev.parley.rbac.Identity;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Query;

/**
 * The {@code outbound} and {@code outbound_pauses} tables. Every state change is one committed statement guarded
 * by the state it leaves, so a change that lost a race (a message dropped while its turn came) changes nothing.
 */
final class OutboundStore {
    private static final int MAX_ERROR = 500;
    private static final int MAX_MENTIONS = 2048;
    private static final String COLUMNS = "id, account_id, chat_id, chat_type, text, mentions, template, state,"
            + " attempts, next_attempt_at, last_error, sent_id, receipt, receipt_state, receipt_at, receipt_error,"
            + " requested_by, origin, reply_to, created_at, sent_at, revoked_at";
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Receipts in the order a message gets them: one is recorded only when it is further than the last. */
    private static final String RECEIPT_ORDER = "'sent', 'delivered', 'read', 'failed'";
    private static final RowMapper<Outbound> MAPPER = (rs, ctx) -> row(rs);

    private final Jdbi jdbi;
    private final InstantSource clock;

    OutboundStore(Jdbi jdbi, InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * @return the id of the new queued row, or of the row already queued for the request's origin (an automatic
     * message is queued once, however often it is asked for)
     */
    long insert(OutboundRequest request) {
        long now = clock.millis();
        String mentions = request.mentions().isEmpty() ? null : String.join(",", request.mentions());
        if (mentions != null && mentions.length() > MAX_MENTIONS) {
            throw new IllegalArgumentException("too many mentions");
        }
        String template = request.template() == null ? null : templateJson(request.template());
        return jdbi.inTransaction(h -> {
            if (request.origin() != null) {
                Optional<Long> queued = h.createQuery("SELECT id FROM outbound WHERE origin = :origin FOR UPDATE")
                        .bind("origin", request.origin()).mapTo(Long.class).findOne();
                if (queued.isPresent()) {
                    return queued.get();
                }
            }
            return h.createUpdate("""
                        INSERT INTO outbound (account_id, chat_id, chat_type, kind, text, mentions, template, state,
                          next_attempt_at, requested_by, origin, reply_to, created_at, updated_at)
                        VALUES (:account, :chat, :type, :kind, :text, :mentions, :template, 'queued', :next, :by,
                          :origin, :reply, :now, :now)""")
                .bind("kind", template == null ? "text" : "template").bind("template", template)
                .bind("account", request.accountId()).bind("chat", request.chatId())
                .bind("type", request.chatType().code()).bind("text", request.text()).bind("mentions", mentions)
                .bind("by", request.requestedBy().toString()).bind("origin", request.origin())
                .bind("reply", request.replyTo()).bind("now", now).bind("next", Math.max(now, request.notBefore()))
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
        });
    }

    /**
     * @param origin what queued a message ({@code rule:…}, {@code sop:…})
     * @return the message queued for it, if any
     */
    Optional<Outbound> findByOrigin(String origin) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM outbound WHERE origin = :origin")
                .bind("origin", origin).map(MAPPER).findOne());
    }

    Optional<Outbound> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM outbound WHERE id = :id")
                .bind("id", id).map(MAPPER).findOne());
    }

    /** @return the account's oldest queued message: the next to send, order being what the chat expects */
    Optional<Outbound> head(long accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM outbound"
                        + " WHERE account_id = :account AND state = 'queued' ORDER BY id LIMIT 1")
                .bind("account", accountId).map(MAPPER).findOne());
    }

    /** @return the queued messages of the account up to {@code id}, in sending order, as pacing sees them */
    List<Pacer.Step> stepsUpTo(long accountId, long id, int max) {
        return jdbi.withHandle(h -> h.createQuery("SELECT chat_id, chat_type, next_attempt_at FROM outbound"
                        + " WHERE account_id = :account AND state = 'queued' AND id <= :id ORDER BY id LIMIT :max")
                .bind("account", accountId).bind("id", id).bind("max", max)
                .map((rs, ctx) -> new Pacer.Step(rs.getString(1), chatType(rs.getString(2)), rs.getLong(3))).list());
    }

    /** @return the account's sends since {@code since}, at most {@code max} of the latest, oldest first */
    List<PastSend> recentSends(long accountId, long since, int max) {
        List<PastSend> newestFirst = jdbi.withHandle(h -> h.createQuery("SELECT chat_id, sent_at FROM outbound"
                        + " WHERE account_id = :account AND state = 'sent' AND sent_at >= :since"
                        + " ORDER BY sent_at DESC LIMIT :max")
                .bind("account", accountId).bind("since", since).bind("max", max)
                .map((rs, ctx) -> new PastSend(rs.getString(1), rs.getLong(2))).list());
        return newestFirst.reversed();
    }

    /** queued → sending, one more attempt; false when it is no longer queued */
    boolean claim(long id) {
        return update("UPDATE outbound SET state = 'sending', attempts = attempts + 1, updated_at = :now"
                + " WHERE id = :id AND state = 'queued'", id) == 1;
    }

    /** sending → sent, with the platform's id and the connector's receipt */
    void sent(long id, SentMessage sent, long at) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE outbound SET state = 'sent', sent_id = :sentId, receipt = :receipt,
                          sent_at = :at, last_error = NULL, updated_at = :at WHERE id = :id AND state = 'sending'""")
                .bind("sentId", sent.messageId()).bind("receipt", sent.receipt())
                .bind("at", at).bind("id", id).execute());
    }

    /**
     * Records what the platform says became of a sent message, when it is further than what was known (receipts
     * arrive out of order and again); a failure also ends the row as failed, with the platform's reason.
     *
     * @param accountId the sending account
     * @param receipt   the receipt
     * @return the row the receipt moved forward, if any
     */
    Optional<Outbound> receipt(long accountId, Receipt receipt) {
        return jdbi.inTransaction(h -> {
            Optional<Long> id = h.createQuery("SELECT id FROM outbound WHERE account_id = :account AND sent_id = :sent"
                            + " AND (receipt_state IS NULL OR FIELD(receipt_state, " + RECEIPT_ORDER + ")"
                            + " < FIELD(:state, " + RECEIPT_ORDER + ")) LIMIT 1 FOR UPDATE")
                    .bind("account", accountId).bind("sent", receipt.messageId())
                    .bind("state", receipt.status().code()).mapTo(Long.class).findOne();
            if (id.isEmpty()) {
                return Optional.<Outbound>empty();
            }
            boolean failed = receipt.status() == Receipt.Status.FAILED;
            h.createUpdate("UPDATE outbound SET receipt_state = :state, receipt_at = :at, receipt_error = :error,"
                            + (failed ? " state = 'failed', last_error = :error," : "")
                            + " updated_at = :now WHERE id = :id")
                    .bind("state", receipt.status().code()).bind("at", receipt.at()).bind("error", clip(receipt.error()))
                    .bind("now", clock.millis()).bind("id", id.get()).execute();
            return h.createQuery("SELECT " + COLUMNS + " FROM outbound WHERE id = :id").bind("id", id.get())
                    .map(MAPPER).findOne();
        });
    }

    /** @return the account's latest sent messages, newest first */
    List<Outbound> latestSent(long accountId, int max) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM outbound WHERE account_id = :account"
                        + " AND sent_at IS NOT NULL ORDER BY sent_at DESC, id DESC LIMIT :max")
                .bind("account", accountId).bind("max", max).map(MAPPER).list());
    }

    /** sending → queued, to try again at {@code nextAt} */
    void retry(long id, long nextAt, String error) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE outbound SET state = 'queued', next_attempt_at = :next,"
                        + " last_error = :error, updated_at = :now WHERE id = :id AND state = 'sending'")
                .bind("next", nextAt).bind("error", clip(error)).bind("now", clock.millis()).bind("id", id).execute());
    }

    /** sending → queued without counting the attempt: the account was offline, which is not the message's fault */
    void putBack(long id, String error) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE outbound SET state = 'queued', attempts = attempts - 1,"
                        + " last_error = :error, updated_at = :now WHERE id = :id AND state = 'sending'")
                .bind("error", clip(error)).bind("now", clock.millis()).bind("id", id).execute());
    }

    /** sending → failed or unknown */
    void end(long id, OutboundState state, String error) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE outbound SET state = :state, last_error = :error, updated_at = :now"
                        + " WHERE id = :id AND state = 'sending'")
                .bind("state", state.code()).bind("error", clip(error)).bind("now", clock.millis()).bind("id", id)
                .execute());
    }

    /** failed | unknown → queued, attempts from zero */
    boolean resend(long id) {
        return update("UPDATE outbound SET state = 'queued', attempts = 0, next_attempt_at = :now, last_error = NULL,"
                + " updated_at = :now WHERE id = :id AND state IN ('failed', 'unknown')", id) == 1;
    }

    /** queued | failed | unknown → cancelled */
    boolean cancel(long id) {
        return update("UPDATE outbound SET state = 'cancelled', updated_at = :now"
                + " WHERE id = :id AND state IN ('queued', 'failed', 'unknown')", id) == 1;
    }

    /** marks a sent message withdrawn; false when it already was */
    boolean revoked(long id) {
        return update("UPDATE outbound SET revoked_at = :now, updated_at = :now"
                + " WHERE id = :id AND state = 'sent' AND revoked_at IS NULL", id) == 1;
    }

    void recorded(long id) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE outbound SET recorded = 1 WHERE id = :id").bind("id", id).execute());
    }

    /** @return rows a previous run left in {@code sending}: interrupted between the platform call and its answer */
    List<Outbound> stranded() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM outbound WHERE state = 'sending'")
                .map(MAPPER).list());
    }

    /** @return sent rows whose message is not in {@code messages} yet */
    List<Outbound> unrecorded() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM outbound"
                + " WHERE state = 'sent' AND recorded = 0 ORDER BY id").map(MAPPER).list());
    }

    /** @return accounts with queued messages */
    List<Long> accountsWithWork() {
        return jdbi.withHandle(h -> h.createQuery("SELECT DISTINCT account_id FROM outbound WHERE state = 'queued'")
                .mapTo(Long.class).list());
    }

    /** @return the place of message {@code id} in its account's queue, 1 being the next (or current) send */
    int position(long accountId, long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM outbound WHERE account_id = :account"
                        + " AND state IN ('queued', 'sending') AND id <= :id")
                .bind("account", accountId).bind("id", id).mapTo(Integer.class).one());
    }

    /** @return per account with anything queued, sending, failed or unknown: counts by state */
    Map<Long, Counts> counts() {
        Map<Long, Counts> counts = new TreeMap<>();
        jdbi.useHandle(h -> h.createQuery("""
                        SELECT account_id, SUM(state = 'queued'), SUM(state = 'sending'),
                          SUM(state IN ('failed', 'unknown')) FROM outbound
                        WHERE state IN ('queued', 'sending', 'failed', 'unknown') GROUP BY account_id""")
                .map((rs, ctx) -> counts.put(rs.getLong(1), new Counts(rs.getInt(2), rs.getInt(3), rs.getInt(4))))
                .list());
        return counts;
    }

    /** @return the account's counts by state (zeros when it has nothing) */
    Counts counts(long accountId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT COALESCE(SUM(state = 'queued'), 0), COALESCE(SUM(state = 'sending'), 0),
                          COALESCE(SUM(state IN ('failed', 'unknown')), 0) FROM outbound
                        WHERE account_id = :account AND state IN ('queued', 'sending', 'failed', 'unknown')""")
                .bind("account", accountId)
                .map((rs, ctx) -> new Counts(rs.getInt(1), rs.getInt(2), rs.getInt(3))).one());
    }

    /** @return failed and unknown messages, newest first, of one account or all ({@code null}) */
    List<Outbound> problems(Long accountId, int max) {
        return jdbi.withHandle(h -> {
            Query query = h.createQuery("SELECT " + COLUMNS + " FROM outbound WHERE state IN ('failed', 'unknown')"
                    + (accountId == null ? "" : " AND account_id = :account")
                    + " ORDER BY updated_at DESC, id DESC LIMIT :max").bind("max", max);
            if (accountId != null) {
                query.bind("account", accountId.longValue());
            }
            return query.map(MAPPER).list();
        });
    }

    /** @return messages queued or being sent, per platform (every platform present) */
    Map<Platform, Long> depthByPlatform() {
        Map<Platform, Long> depth = new EnumMap<>(Platform.class);
        Arrays.stream(Platform.values()).forEach(p -> depth.put(p, 0L));
        jdbi.useHandle(h -> h.createQuery("SELECT a.platform, COUNT(*) FROM outbound o JOIN accounts a"
                        + " ON a.id = o.account_id WHERE o.state IN ('queued', 'sending') GROUP BY a.platform")
                .map((rs, ctx) -> depth.put(Platform.fromCode(rs.getString(1)), rs.getLong(2))).list());
        return depth;
    }

    // ---- pauses -------------------------------------------------------------------------------------

    /** @return false when the account was paused already */
    boolean pause(long accountId, Identity by) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT IGNORE INTO outbound_pauses (account_id, paused_by,"
                        + " paused_at) VALUES (:account, :by, :now)")
                .bind("account", accountId).bind("by", by.toString()).bind("now", clock.millis()).execute()) == 1;
    }

    /** @return false when the account was not paused */
    boolean resume(long accountId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM outbound_pauses WHERE account_id = :account")
                .bind("account", accountId).execute()) == 1;
    }

    /** @return the accounts whose queue is paused */
    List<Long> pausedAccounts() {
        return jdbi.withHandle(h -> h.createQuery("SELECT account_id FROM outbound_pauses").mapTo(Long.class).list());
    }

    Optional<Pause> pause(long accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT paused_by, paused_at FROM outbound_pauses"
                        + " WHERE account_id = :account")
                .bind("account", accountId).map((rs, ctx) -> new Pause(rs.getString(1), rs.getLong(2))).findOne());
    }

    private int update(String sql, long id) {
        return jdbi.withHandle(h -> h.createUpdate(sql).bind("now", clock.millis()).bind("id", id).execute());
    }

    private static Outbound row(ResultSet rs) throws SQLException {
        String mentions = rs.getString("mentions");
        SentMessage sent = rs.getString("state").equals("sent")
                ? new SentMessage(rs.getString("sent_id"), rs.getString("receipt")) : null;
        String receiptState = rs.getString("receipt_state");
        Receipt receipt = receiptState == null || rs.getString("sent_id") == null ? null
                : new Receipt(rs.getString("sent_id"), Receipt.Status.fromCode(receiptState), rs.getLong("receipt_at"),
                rs.getString("receipt_error"));
        return new Outbound(rs.getLong("id"), rs.getLong("account_id"), rs.getString("chat_id"),
                chatType(rs.getString("chat_type")), rs.getString("text"),
                mentions == null ? List.of() : List.of(mentions.split(",")),
                OutboundState.fromCode(rs.getString("state")), rs.getInt("attempts"), rs.getLong("next_attempt_at"),
                rs.getString("last_error"), sent, rs.getString("requested_by"),
                (Long) rs.getObject("reply_to", Long.class), rs.getLong("created_at"),
                (Long) rs.getObject("sent_at", Long.class), (Long) rs.getObject("revoked_at", Long.class),
                template(rs.getString("template")), receipt, rs.getString("origin"));
    }

    private static String templateJson(TemplateMessage template) {
        ObjectNode node = JSON.createObjectNode().put("name", template.name()).put("language", template.language());
        template.params().forEach(node.putArray("params")::add);
        return node.toString();
    }

    private static TemplateMessage template(String json) throws SQLException {
        if (json == null) {
            return null;
        }
        try {
            JsonNode node = JSON.readTree(json);
            List<String> params = new ArrayList<>();
            node.path("params").forEach(p -> params.add(p.asText()));
            return new TemplateMessage(node.path("name").asText(), node.path("language").asText(), params);
        } catch (JsonProcessingException e) {
            throw new SQLException("outbound template is not JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static ChatType chatType(String code) {
        return ChatType.valueOf(code.toUpperCase(Locale.ROOT));
    }

    private static String clip(String error) {
        return error == null || error.length() <= MAX_ERROR ? error : error.substring(0, MAX_ERROR);
    }

    /**
     * How much of an account's queue is where.
     *
     * @param queued   waiting
     * @param sending  with the platform right now
     * @param problems failed or unknown, waiting for an admin
     */
    record Counts(int queued, int sending, int problems) {
    }

    /**
     * A past send, to remember an account's pace across restarts.
     *
     * @param chatId where it went
     * @param at     when it was sent, epoch ms
     */
    record PastSend(String chatId, long at) {
    }

    /**
     * An admin's pause of an account's queue.
     *
     * @param by who paused it
     * @param at when, epoch ms
     */
    record Pause(String by, long at) {
    }
}
