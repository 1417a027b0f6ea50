package dev.parley.automation.sop;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import dev.parley.message.ChatType;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * The {@code sop_tasks}, {@code sop_steps} and {@code sop_sends} tables. A send moves {@code pending → queued} when
 * it is handed to the outbound queue (origin {@code sop:<id>}), and takes its outbound message's end state from then on
 * ({@code sent}, {@code failed}, {@code unknown}, {@code cancelled}); {@code skipped} and some {@code failed} end it
 * without a message.
 */
final class SopStore {
    private static final String TASK = "id, name, account_id, target, starts_at, every, after_join, watermark, state,"
            + " created_by, created_at, started_by, started_at, ended_at";
    private static final String INSERT_SEND = "INSERT IGNORE INTO sop_sends (task_id, run, step, account_id, chat_id,"
            + " chat_type, name, member_id, due_at, state) VALUES (:task, :run, :step, :account, :chat, :type, :name,"
            + " :member, :due, 'pending')";
    private static final int MAX_REASON = 255;

    private final Jdbi jdbi;

    SopStore(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @return the new task's id, or empty when a task of that name exists */
    Optional<Long> create(String name, Long accountId, Target target, Long startsAt, Recurrence every,
                          Long afterJoinMs, String by, long now) {
        return jdbi.inTransaction(h -> {
            if (h.createQuery("SELECT id FROM sop_tasks WHERE name = :name FOR UPDATE").bind("name", name)
                    .mapTo(Long.class).findOne().isPresent()) {
                return Optional.empty();
            }
            return Optional.of(h.createUpdate("INSERT INTO sop_tasks (name, account_id, target, starts_at, every,"
                            + " after_join, state, created_by, created_at) VALUES (:name, :account, :target, :starts,"
                            + " :every, :afterJoin, 'draft', :by, :now)")
                    .bind("name", name).bind("account", accountId).bind("target", target.text())
                    .bind("starts", startsAt).bind("every", every == null ? null : every.text())
                    .bind("afterJoin", afterJoinMs).bind("by", by).bind("now", now)
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
     * Starts a one-off draft: one pending send per step and recipient, due at the start plus the step's delay, all in
     * one transaction with the change of state.
     *
     * @return false when the task was no longer a draft (someone else started it)
     */
    boolean startOnce(long taskId, List<Audience.Member> members, List<SopStep> steps, long startsAt, String by,
                      long now) {
        return jdbi.inTransaction(h -> {
            if (!started(h, taskId, startsAt, 0, by, now)) {
                return false;
            }
            PreparedBatch batch = h.prepareBatch(INSERT_SEND);
            for (SopStep step : steps) {
                for (Audience.Member m : members) {
                    add(batch, taskId, 0, step, m, startsAt + step.delayMs());
                }
            }
            batch.execute();
            return true;
        });
    }

    /**
     * Starts a repeating or after-join draft: its runs are added as they come ({@link #addRun}, {@link #addJoins}).
     *
     * @param groups    an after-join task's groups, fixed now (empty for a repeating task)
     * @param watermark where its runs start from: now for a repeating task, the latest join for an after-join one
     * @return false when the task was no longer a draft
     */
    boolean startRepeating(long taskId, List<Audience.Member> groups, long watermark, String by, long now) {
        return jdbi.inTransaction(h -> {
            if (!started(h, taskId, null, watermark, by, now)) {
                return false;
            }
            PreparedBatch batch = h.prepareBatch("INSERT INTO sop_groups (task_id, account_id, chat_id)"
                    + " VALUES (:task, :account, :chat)");
            groups.forEach(g -> batch.bind("task", taskId).bind("account", g.accountId()).bind("chat", g.chatId())
                    .add());
            if (!groups.isEmpty()) {
                batch.execute();
            }
            return true;
        });
    }

    private static boolean started(Handle h, long taskId, Long startsAt, long watermark, String by,
                                   long now) {
        return h.createUpdate("UPDATE sop_tasks SET state = 'running', starts_at = COALESCE(:starts, starts_at),"
                        + " watermark = :watermark, started_by = :by, started_at = :now WHERE id = :id"
                        + " AND state = 'draft'")
                .bind("starts", startsAt).bind("watermark", watermark).bind("by", by).bind("now", now)
                .bind("id", taskId).execute() == 1;
    }

    private static void add(PreparedBatch batch, long taskId, long run, SopStep step, Audience.Member m, long due) {
        batch.bind("task", taskId).bind("run", run).bind("step", step.position()).bind("account", m.accountId())
                .bind("chat", m.chatId()).bind("type", m.type().code()).bind("name", clip(m.name()))
                .bind("member", m.memberId()).bind("due", due).add();
    }

    /**
     * Adds one run of a repeating task (or, with no recipients, records that the occurrence was skipped), if its
     * watermark is still {@code from}: a run is added once even when two rounds race.
     *
     * @return whether it was added
     */
    boolean addRun(long taskId, long from, long occurrence, List<Audience.Member> members, List<SopStep> steps) {
        return jdbi.inTransaction(h -> {
            if (!moved(h, taskId, from, occurrence)) {
                return false;
            }
            if (!members.isEmpty()) {
                PreparedBatch batch = h.prepareBatch(INSERT_SEND);
                for (SopStep step : steps) {
                    members.forEach(m -> add(batch, taskId, occurrence, step, m, occurrence + step.delayMs()));
                }
                batch.execute();
            }
            return true;
        });
    }

    /**
     * Adds the sends of members who joined an after-join task's groups, each step counted from the join, if the
     * task's watermark is still {@code from}.
     *
     * @return whether they were added
     */
    boolean addJoins(long taskId, long from, List<Join> joins, List<SopStep> steps, long afterJoinMs) {
        return jdbi.inTransaction(h -> {
            if (joins.isEmpty() || !moved(h, taskId, from, joins.getLast().eventId())) {
                return false;
            }
            PreparedBatch batch = h.prepareBatch(INSERT_SEND);
            for (Join j : joins) {
                Audience.Member member = new Audience.Member(j.accountId(), j.chatId(), ChatType.GROUP, j.memberName(),
                        j.memberId());
                steps.forEach(step -> add(batch, taskId, j.eventId(), step, member,
                        j.joinedAt() + afterJoinMs + step.delayMs()));
            }
            batch.execute();
            return true;
        });
    }

    private static boolean moved(Handle h, long taskId, long from, long to) {
        return h.createUpdate("UPDATE sop_tasks SET watermark = :to WHERE id = :id AND watermark = :from"
                + " AND state = 'running'").bind("to", to).bind("id", taskId).bind("from", from).execute() == 1;
    }

    /** @return the latest group event's id, where an after-join task starts reading joins */
    long latestGroupEvent() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(MAX(id), 0) FROM group_events")
                .mapTo(Long.class).one());
    }

    /**
     * @return members who joined the task's groups after group event {@code after} (invited, by QR code or link; not
     *     the fleet's own accounts), oldest first
     */
    List<Join> joins(long taskId, long after, int max) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT e.id, g.account_id, g.chat_id, e.member_id, e.member_name, e.occurred_at
                        FROM group_events e JOIN `groups` g ON g.id = e.group_id
                          JOIN sop_groups sg ON sg.task_id = :task AND sg.account_id = g.account_id
                            AND sg.chat_id = g.chat_id
                        WHERE e.id > :after AND e.kind = 'join' AND e.detail IN ('invite', 'qr', 'link')
                          AND e.member_id IS NOT NULL
                          AND NOT EXISTS (SELECT 1 FROM accounts a WHERE a.self_id = e.member_id)
                        ORDER BY e.id LIMIT :max""")
                .bind("task", taskId).bind("after", after).bind("max", max)
                .map((rs, ctx) -> new Join(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getString(4),
                        rs.getString(5), rs.getLong(6)))
                .list());
    }

    /** @return the number of groups an after-join task watches */
    int groups(long taskId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM sop_groups WHERE task_id = :id")
                .bind("id", taskId).mapTo(Integer.class).one());
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
                        SELECT id, task_id, step, account_id, chat_id, chat_type, name, member_id FROM (
                          SELECT s.*, ROW_NUMBER() OVER (PARTITION BY s.account_id ORDER BY s.due_at, s.id) AS n
                          FROM sop_sends s JOIN sop_tasks t ON t.id = s.task_id
                          WHERE s.state = 'pending' AND s.due_at <= :now AND t.state = 'running') d
                        WHERE n <= :per ORDER BY account_id, due_at, id""")
                .bind("now", now).bind("per", perAccount)
                .map((rs, ctx) -> new Due(rs.getLong(1), rs.getLong(2), rs.getInt(3), new Audience.Member(rs.getLong(4),
                        rs.getString(5), ChatType.valueOf(rs.getString(6).toUpperCase(Locale.ROOT)), rs.getString(7),
                        rs.getString(8))))
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
                rs.getString("target"), nullableLong(rs, "starts_at"), rs.getString("every"),
                nullableLong(rs, "after_join"), rs.getLong("watermark"), SopState.fromCode(rs.getString("state")),
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
     * @param id     its id (the outbound origin is {@code sop:<id>})
     * @param taskId its task
     * @param step   its step's position
     * @param to     the recipient (and the sending account)
     */
    record Due(long id, long taskId, int step, Audience.Member to) {
    }

    /**
     * A member who joined an after-join task's group.
     *
     * @param eventId    the join's {@code group_events.id}
     * @param accountId  the account in the group
     * @param chatId     the group
     * @param memberId   the member
     * @param memberName their name, or {@code null}
     * @param joinedAt   when they joined, epoch ms
     */
    record Join(long eventId, long accountId, String chatId, String memberId, String memberName, long joinedAt) {
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
