package dev.parley.automation.sop;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.parley.message.ChatType;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The {@code sop_tasks}, {@code sop_steps} and {@code sop_sends} tables. A send moves {@code pending → queued} when
 * it is handed to the outbound queue (origin {@code sop:<id>}), and takes its outbound message's end state from then on
 * ({@code sent}, {@code failed}, {@code unknown}, {@code cancelled}); {@code skipped} and some {@code failed} end it
 * without a message.
 */
final class SopStore {
    private static final String TASK = "id, name, account_id, target, starts_at, state, created_by, created_at,"
            + " started_by, started_at, ended_at";
    private static final int MAX_REASON = 255;

    private final Jdbi jdbi;

    SopStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @return the new task's id, or empty when a task of that name exists */
    Optional<Long> create(String name, Long accountId, Target target, Long startsAt, String by, long now) {
        return jdbi.inTransaction(h -> {
            if (h.createQuery("SELECT id FROM sop_tasks WHERE name = :name FOR UPDATE").bind("name", name)
                    .mapTo(Long.class).findOne().isPresent()) {
                return Optional.empty();
            }
            return Optional.of(h.createUpdate("INSERT INTO sop_tasks (name, account_id, target, starts_at, state,"
                            + " created_by, created_at) VALUES (:name, :account, :target, :starts, 'draft', :by, :now)")
                    .bind("name", name).bind("account", accountId).bind("target", target.text())
                    .bind("starts", startsAt).bind("by", by).bind("now", now)
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        });
    }

    Optional<SopTask> find(String name) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + TASK + " FROM sop_tasks WHERE name = :name")
                .bind("name", name).map((rs, ctx) -> task(rs)).findOne());
    }

    Optional<SopTask> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + TASK + " FROM sop_tasks WHERE id = :id")
                .bind("id", id).map((rs, ctx) -> task(rs)).findOne());
    }

    /** @return every task, newest first */
    List<SopTask> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + TASK + " FROM sop_tasks ORDER BY id DESC")
                .map((rs, ctx) -> task(rs)).list());
    }

    /** @return tasks that may still send or have sends in the queue: running, paused, or ended with sends queued */
    List<SopTask> live() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + TASK + " FROM sop_tasks t WHERE state IN"
                        + " ('running', 'paused') OR (state = 'cancelled' AND EXISTS (SELECT 1 FROM sop_sends s"
                        + " WHERE s.task_id = t.id AND s.state = 'queued')) ORDER BY id")
                .map((rs, ctx) -> task(rs)).list());
    }

    /** Adds a step at the end of a draft; @return its position, or empty when the task is no longer a draft */
    Optional<Integer> addStep(long taskId, long delayMs, String text) {
        return jdbi.inTransaction(h -> {
            Optional<String> state = h.createQuery("SELECT state FROM sop_tasks WHERE id = :id FOR UPDATE")
                    .bind("id", taskId).mapTo(String.class).findOne();
            if (state.isEmpty() || !state.get().equals("draft")) {
                return Optional.empty();
            }
            int position = h.createQuery("SELECT COALESCE(MAX(position), 0) + 1 FROM sop_steps WHERE task_id = :id")
                    .bind("id", taskId).mapTo(Integer.class).one();
            h.createUpdate("INSERT INTO sop_steps (task_id, position, delay_ms, text) VALUES (:id, :p, :d, :t)")
                    .bind("id", taskId).bind("p", position).bind("d", delayMs).bind("t", text).execute();
            return Optional.of(position);
        });
    }

    List<SopStep> steps(long taskId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT position, delay_ms, text FROM sop_steps WHERE task_id = :id"
                        + " ORDER BY position")
                .bind("id", taskId).map((rs, ctx) -> new SopStep(rs.getInt(1), rs.getLong(2), rs.getString(3))).list());
    }

    /**
     * Starts a draft: one pending send per step and recipient, due at the start plus the step's delay, all in one
     * transaction with the change of state.
     *
     * @return false when the task was no longer a draft (someone else started it)
     */
    boolean start(long taskId, List<Audience.Member> members, List<SopStep> steps, long startsAt, String by, long now) {
        return jdbi.inTransaction(h -> {
            int changed = h.createUpdate("UPDATE sop_tasks SET state = 'running', starts_at = :starts, started_by = :by,"
                            + " started_at = :now WHERE id = :id AND state = 'draft'")
                    .bind("starts", startsAt).bind("by", by).bind("now", now).bind("id", taskId).execute();
            if (changed == 0) {
                return false;
            }
            PreparedBatch batch = h.prepareBatch("INSERT INTO sop_sends (task_id, step, account_id, chat_id, chat_type,"
                    + " name, due_at, state) VALUES (:task, :step, :account, :chat, :type, :name, :due, 'pending')");
            for (SopStep step : steps) {
                for (Audience.Member m : members) {
                    batch.bind("task", taskId).bind("step", step.position()).bind("account", m.accountId())
                            .bind("chat", m.chatId()).bind("type", m.type().code())
                            .bind("name", clip(m.name())).bind("due", startsAt + step.delayMs()).add();
                }
            }
            batch.execute();
            return true;
        });
    }

    /** @return whether the task was in {@code from} and is now in {@code to} */
    boolean move(long taskId, SopState from, SopState to, long now) {
        return jdbi.withHandle(h -> h.createUpdate("UPDATE sop_tasks SET state = :to, ended_at = :ended"
                        + " WHERE id = :id AND state = :from")
                .bind("to", to.code()).bind("from", from.code()).bind("id", taskId)
                .bind("ended", to == SopState.DONE || to == SopState.CANCELLED ? now : null).execute() == 1);
    }

    /** Cancels a running or paused task: its pending sends become cancelled. @return the outbound ids still queued */
    Optional<List<Long>> cancel(long taskId, long now) {
        return jdbi.inTransaction(h -> {
            int changed = h.createUpdate("UPDATE sop_tasks SET state = 'cancelled', ended_at = :now WHERE id = :id"
                            + " AND state IN ('running', 'paused', 'draft')")
                    .bind("now", now).bind("id", taskId).execute();
            if (changed == 0) {
                return Optional.empty();
            }
            h.createUpdate("UPDATE sop_sends SET state = 'cancelled', done_at = :now WHERE task_id = :id"
                    + " AND state = 'pending'").bind("now", now).bind("id", taskId).execute();
            return Optional.of(h.createQuery("SELECT outbound_id FROM sop_sends WHERE task_id = :id AND state = 'queued'")
                    .bind("id", taskId).mapTo(Long.class).list());
        });
    }

    Tally tally(long taskId) {
        Map<String, Integer> by = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT state, COUNT(*) FROM sop_sends WHERE task_id = :id GROUP BY state")
                .bind("id", taskId).map((rs, ctx) -> by.put(rs.getString(1), rs.getInt(2))).list());
        return new Tally(by.getOrDefault("pending", 0), by.getOrDefault("queued", 0), by.getOrDefault("sent", 0),
                by.getOrDefault("failed", 0), by.getOrDefault("skipped", 0), by.getOrDefault("unknown", 0),
                by.getOrDefault("cancelled", 0));
    }

    /** @return when the task's next pending send falls due, epoch ms, if it has one */
    Optional<Long> nextDue(long taskId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT MIN(due_at) FROM sop_sends WHERE task_id = :id"
                + " AND state = 'pending'").bind("id", taskId).mapTo(Long.class).findOne());
    }

    /**
     * @param now     epoch ms
     * @param perAccount most sends per account
     * @return pending sends of running tasks due by {@code now}, the earliest first in each account
     */
    List<Due> due(long now, int perAccount) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT id, task_id, step, account_id, chat_id, chat_type, name FROM (
                          SELECT s.*, ROW_NUMBER() OVER (PARTITION BY s.account_id ORDER BY s.due_at, s.id) AS n
                          FROM sop_sends s JOIN sop_tasks t ON t.id = s.task_id
                          WHERE s.state = 'pending' AND s.due_at <= :now AND t.state = 'running') d
                        WHERE n <= :per ORDER BY account_id, due_at, id""")
                .bind("now", now).bind("per", perAccount)
                .map((rs, ctx) -> new Due(rs.getLong(1), rs.getLong(2), rs.getInt(3), rs.getLong(4), rs.getString(5),
                        ChatType.valueOf(rs.getString(6).toUpperCase(Locale.ROOT)), rs.getString(7)))
                .list());
    }

    /** @return per account, its broadcast messages waiting in the outbound queue */
    Map<Long, Integer> inFlight() {
        Map<Long, Integer> counts = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT account_id, COUNT(*) FROM sop_sends WHERE state = 'queued'"
                + " GROUP BY account_id").map((rs, ctx) -> counts.put(rs.getLong(1), rs.getInt(2))).list());
        return counts;
    }

    /** @return per account, its broadcast messages handed to the queue since {@code since}, epoch ms */
    Map<Long, Integer> queuedSince(long since) {
        Map<Long, Integer> counts = new HashMap<>();
        jdbi.useHandle(h -> h.createQuery("SELECT account_id, COUNT(*) FROM sop_sends WHERE queued_at >= :since"
                        + " GROUP BY account_id")
                .bind("since", since).map((rs, ctx) -> counts.put(rs.getLong(1), rs.getInt(2))).list());
        return counts;
    }

    /** pending → queued, with the outbound message it became */
    void queued(long sendId, long outboundId, long now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE sop_sends SET state = 'queued', outbound_id = :o, queued_at = :now"
                + " WHERE id = :id AND state = 'pending'").bind("o", outboundId).bind("now", now).bind("id", sendId)
                .execute());
    }

    /** pending → skipped or failed, without a message */
    void ended(long sendId, String state, String reason, long now) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE sop_sends SET state = :state, reason = :reason, done_at = :now"
                        + " WHERE id = :id AND state = 'pending'")
                .bind("state", state).bind("reason", clip(reason)).bind("now", now).bind("id", sendId).execute());
    }

    /**
     * Takes over what became of queued messages: their end state and, for failures, the platform's reason. A message
     * an admin sent again after it failed or was in doubt is followed too.
     *
     * @return the tasks whose sends changed
     */
    List<Long> reconcile(long now) {
        return jdbi.inTransaction(h -> {
            List<Long> tasks = h.createQuery("""
                            SELECT DISTINCT s.task_id FROM sop_sends s JOIN outbound o ON o.id = s.outbound_id
                            WHERE s.state IN ('queued', 'unknown', 'failed') AND o.state <> s.state
                              AND o.state IN ('sent', 'failed', 'unknown', 'cancelled')""")
                    .mapTo(Long.class).list();
            if (!tasks.isEmpty()) {
                h.createUpdate("""
                                UPDATE sop_sends s JOIN outbound o ON o.id = s.outbound_id
                                SET s.state = o.state, s.reason = IF(o.state = 'failed', LEFT(o.last_error, 255), NULL),
                                  s.done_at = COALESCE(o.sent_at, :now)
                                WHERE s.state IN ('queued', 'unknown', 'failed') AND o.state <> s.state
                                  AND o.state IN ('sent', 'failed', 'unknown', 'cancelled')""")
                        .bind("now", now).execute();
            }
            return tasks;
        });
    }

    /** @return every send of a task, in step and recipient order (the report's CSV) */
    List<Row> sends(long taskId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT step, account_id, chat_id, name, state, reason, outbound_id,"
                        + " done_at, chat_type FROM sop_sends WHERE task_id = :id ORDER BY step, id")
                .bind("id", taskId).map((rs, ctx) -> row(rs)).list());
    }

    /** @return up to {@code max} of a task's sends that failed or are in doubt */
    List<Row> problems(long taskId, int max) {
        return jdbi.withHandle(h -> h.createQuery("SELECT step, account_id, chat_id, name, state, reason, outbound_id,"
                        + " done_at, chat_type FROM sop_sends WHERE task_id = :id AND state IN ('failed', 'unknown')"
                        + " ORDER BY id LIMIT :max")
                .bind("id", taskId).bind("max", max).map((rs, ctx) -> row(rs)).list());
    }

    private static Row row(ResultSet rs) throws SQLException {
        long outbound = rs.getLong(7);
        Long outboundId = rs.wasNull() ? null : outbound;
        long done = rs.getLong(8);
        Long doneAt = rs.wasNull() ? null : done;
        return new Row(rs.getInt(1), rs.getLong(2), rs.getString(3),
                ChatType.valueOf(rs.getString(9).toUpperCase(Locale.ROOT)), rs.getString(4), rs.getString(5),
                rs.getString(6), outboundId, doneAt);
    }

    private static SopTask task(ResultSet rs) throws SQLException {
        return new SopTask(rs.getLong("id"), rs.getString("name"), nullableLong(rs, "account_id"),
                rs.getString("target"), nullableLong(rs, "starts_at"), SopState.fromCode(rs.getString("state")),
                rs.getString("created_by"), rs.getLong("created_at"), rs.getString("started_by"),
                nullableLong(rs, "started_at"), nullableLong(rs, "ended_at"));
    }

    private static Long nullableLong(ResultSet rs, String column) throws SQLException {
        long value = rs.getLong(column);
        return rs.wasNull() ? null : value;
    }

    private static String clip(String text) {
        return text == null || text.length() <= MAX_REASON ? text : text.substring(0, MAX_REASON);
    }

    /**
     * A pending send that is due.
     *
     * @param id        its id (the outbound origin is {@code sop:<id>})
     * @param taskId    its task
     * @param step      its step's position
     * @param accountId the sending account
     * @param chatId    the chat
     * @param type      private or group
     * @param name      the chat's name when the task started, or {@code null}
     */
    record Due(long id, long taskId, int step, long accountId, String chatId, ChatType type, String name) {
    }

    /**
     * One send, for reports.
     *
     * @param step       its step's position
     * @param accountId  the sending account
     * @param chatId     the chat
     * @param type       private or group
     * @param name       the chat's name, or {@code null}
     * @param state      where it stands
     * @param reason     why it failed or was skipped, or {@code null}
     * @param outboundId its outbound message, or {@code null}
     * @param doneAt     when it ended, or {@code null}
     */
    record Row(int step, long accountId, String chatId, ChatType type, String name, String state, String reason,
               Long outboundId, Long doneAt) {
    }
}
