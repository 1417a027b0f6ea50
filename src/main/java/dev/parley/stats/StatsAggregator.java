package dev.parley.stats;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Keeps the daily statistics tables up to date by following {@code messages} and {@code group_events} by id on
 * its own thread ({@code parley-stats}), so statistics over a year read a few thousand rows instead of a
 * million messages. Each page and the watermark that skips it commit in one transaction, so a crash or a
 * restart neither loses nor double counts. It wakes when ingestion commits ({@link #nudge}) and on a timer (group
 * events are written by other paths).
 *
 * <p>Messages are inserted by one writer thread, so their ids become visible in order and message counts are
 * simply added. Group events are written by concurrent transactions and may become visible out of id order:
 * their days are recounted from {@code group_events} (idempotent), and the watermark stops before a hole in the
 * ids until the hole has stayed for {@link #HOLE_PATIENCE} (a rolled-back insert).
 *
 * <p>Everything here is derived: {@link #rebuild} empties the tables and reads the history again.
 */
public final class StatsAggregator implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StatsAggregator.class.getName());
    static final String MESSAGES = "messages";
    static final String EVENTS = "group_events";
    private static final int PAGE = 5000;
    private static final long HOLE_PATIENCE = Duration.ofSeconds(30).toNanos();
    private static final Duration LOG_EVERY = Duration.ofSeconds(5);

    private final Jdbi jdbi;
    private final ZoneId zone;
    private final long pollNanos;
    private final LongSupplier nanos;
    private final ReentrantLock work = new ReentrantLock();
    private final ReentrantLock wake = new ReentrantLock();
    private final Condition nudged = wake.newCondition();
    private final Thread thread;
    private boolean pending;
    private volatile boolean stopping;
    private volatile RebuildState rebuilding;
    private long holeSeenAt = Long.MIN_VALUE;

    /**
     * Progress of a rebuild.
     *
     * @param done  source rows read so far
     * @param total source rows to read
     */
    public record RebuildState(long done, long total) {
    }

    /**
     * @param jdbi the database
     * @param zone the zone whose calendar days the aggregates count
     * @param poll how often to look for new rows without a nudge
     */
    public StatsAggregator(Jdbi jdbi, ZoneId zone, Duration poll) {
        this.jdbi = jdbi;
        this.zone = zone;
        this.pollNanos = poll.toNanos();
        this.nanos = System::nanoTime;
        this.thread = Thread.ofPlatform().name("parley-stats").daemon(true).unstarted(this::loop);
    }

    /** Starts following the tables. */
    public void start() {
        thread.start();
    }

    /** Wakes the aggregator: new rows were committed. */
    public void nudge() {
        wake.lock();
        try {
            pending = true;
            nudged.signalAll();
        } finally {
            wake.unlock();
        }
    }

    /**
     * Reads everything committed so far into the aggregates, on the caller's thread. Tests and the benchmark use
     * it to wait until the statistics are current.
     */
    public void catchUp() {
        work.lock();
        try {
            while (step(null)) {
                // until both sources are exhausted
            }
        } finally {
            work.unlock();
        }
    }

    /** @return the rebuild in progress, or {@code null} */
    public RebuildState rebuilding() {
        return rebuilding;
    }

    /**
     * Empties the aggregates and reads the whole history again, on the caller's thread. Following new rows
     * waits meanwhile. Logs its rate and expected end every few seconds.
     *
     * @param progress told after each page
     * @return how many source rows were read
     */
    public long rebuild(Consumer<RebuildState> progress) {
        work.lock();
        try {
            long total = jdbi.withHandle(h -> h.createQuery("SELECT (SELECT COUNT(*) FROM messages)"
                    + " + (SELECT COUNT(*) FROM group_events)").mapTo(Long.class).one());
            RebuildState state = new RebuildState(0, total);
            rebuilding = state;
            progress.accept(state);
            jdbi.useHandle(h -> {
                for (String table : List.of("stats_chat_days", "stats_chat_hours", "stats_chat_types",
                        "stats_chat_senders", "stats_chat_sender_months", "stats_group_days", "stats_watermarks")) {
                    h.execute("DELETE FROM " + table);
                }
            });
            holeSeenAt = Long.MIN_VALUE;
            long started = nanos.getAsLong();
            long lastLog = started;
            long[] done = {0};
            while (step(done)) {
                state = new RebuildState(Math.min(done[0], total), total);
                rebuilding = state;
                progress.accept(state);
                long now = nanos.getAsLong();
                if (now - lastLog >= LOG_EVERY.toNanos()) {
                    lastLog = now;
                    double rate = done[0] / Math.max(1e-9, (now - started) / 1e9);
                    LOG.info(String.format("stats rebuild: %,d of %,d rows, %,.0f rows/s, about %d s left", done[0], total,
                            rate, (long) ((total - done[0]) / Math.max(1, rate))));
                }
            }
            double seconds = (nanos.getAsLong() - started) / 1e9;
            LOG.info(String.format("stats rebuilt from %,d rows in %.1f s (%,.0f rows/s)", done[0], seconds,
                    done[0] / Math.max(1e-9, seconds)));
            return done[0];
        } finally {
            rebuilding = null;
            work.unlock();
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        nudge();
        if (thread.isAlive()) {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        }
    }

    private void loop() {
        long backoff = TimeUnit.MILLISECONDS.toNanos(250);
        while (!stopping) {
            try {
                try {
                    boolean more;
                    work.lock();
                    try {
                        more = step(null);
                    } finally {
                        work.unlock();
                    }
                    backoff = TimeUnit.MILLISECONDS.toNanos(250);
                    if (!more) {
                        await(pollNanos);
                    }
                } catch (RuntimeException e) {
                    if (stopping) {
                        return;
                    }
                    LOG.log(Level.WARNING, "statistics could not be updated; retrying in " + backoff / 1_000_000 + " ms", e);
                    await(backoff);
                    backoff = Math.min(TimeUnit.SECONDS.toNanos(30), backoff * 2);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void await(long nanosToWait) throws InterruptedException {
        wake.lock();
        try {
            long left = nanosToWait;
            while (!pending && !stopping && left > 0) {
                left = nudged.awaitNanos(left);
            }
            pending = false;
        } finally {
            wake.unlock();
        }
    }

    /** Reads one page of each source; returns whether a source had rows (so there may be more). */
    private boolean step(long[] done) {
        int messages = messagesPage();
        int events = eventsPage();
        if (done != null) {
            done[0] += messages + events;
        }
        return messages == PAGE || events == PAGE;
    }

    private int messagesPage() {
        return jdbi.inTransaction(h -> {
            long after = watermark(h, MESSAGES);
            DailyCounts counts = new DailyCounts(zone);
            long[] last = {after};
            int[] read = {0};
            h.createQuery("SELECT id, account_id, chat_id, chat_type, sender_id, direction, msg_type, sent_at FROM messages"
                            + " WHERE id > :after ORDER BY id LIMIT " + PAGE)
                    .bind("after", after)
                    .map((rs, ctx) -> {
                        counts.add(rs.getLong(2), rs.getString(3), rs.getString(4), rs.getString(5),
                                "out".equals(rs.getString(6)), rs.getString(7), rs.getLong(8));
                        last[0] = rs.getLong(1);
                        read[0]++;
                        return null;
                    }).list();
            if (read[0] > 0) {
                counts.write(h);
                setWatermark(h, MESSAGES, last[0]);
            }
            return read[0];
        });
    }

    private int eventsPage() {
        return jdbi.inTransaction(h -> {
            long after = watermark(h, EVENTS);
            List<long[]> rows = h.createQuery("SELECT id, group_id, occurred_at FROM group_events WHERE id > :after"
                            + " ORDER BY id LIMIT " + PAGE)
                    .bind("after", after)
                    .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2), rs.getLong(3)}).list();
            if (rows.isEmpty()) {
                return 0;
            }
            Set<GroupDay> touched = new LinkedHashSet<>();
            rows.forEach(r -> touched.add(new GroupDay(r[1], Instant.ofEpochMilli(r[2]).atZone(zone).toLocalDate())));
            recount(h, touched);
            long end = contiguousEnd(after, rows);
            setWatermark(h, EVENTS, end);
            return end > after ? rows.size() : 0; // behind a fresh hole: wait for it rather than spin
        });
    }

    /** The last id before the first hole, or past a hole that has been there long enough to be a rollback. */
    private long contiguousEnd(long after, List<long[]> rows) {
        long expected = after + 1;
        for (long[] row : rows) {
            if (row[0] != expected) {
                long now = nanos.getAsLong();
                if (holeSeenAt == Long.MIN_VALUE) {
                    holeSeenAt = now;
                }
                if (now - holeSeenAt < HOLE_PATIENCE) {
                    return expected - 1;
                }
                holeSeenAt = Long.MIN_VALUE;
            }
            expected = row[0] + 1;
        }
        holeSeenAt = Long.MIN_VALUE;
        return rows.get(rows.size() - 1)[0];
    }

    private record GroupDay(long groupId, LocalDate day) {
    }

    /**
     * Recounts the days from {@code group_events} with plain (non-locking) reads, then writes the counts: an
     * {@code INSERT … SELECT} would lock the events it reads and deadlock with the transactions adding events.
     */
    private void recount(Handle h, Set<GroupDay> touched) {
        PreparedBatch batch = h.prepareBatch("""
                INSERT INTO stats_group_days (group_id, day, joins, leaves) VALUES (:group, :day, :joins, :leaves)
                ON DUPLICATE KEY UPDATE joins = VALUES(joins), leaves = VALUES(leaves)""");
        for (GroupDay gd : touched) {
            long[] counts = h.createQuery("""
                            SELECT COALESCE(SUM(kind = 'join'), 0), COALESCE(SUM(kind IN ('leave', 'kick')), 0)
                            FROM group_events WHERE group_id = :group AND occurred_at >= :from AND occurred_at < :to""")
                    .bind("group", gd.groupId())
                    .bind("from", gd.day().atStartOfDay(zone).toInstant().toEpochMilli())
                    .bind("to", gd.day().plusDays(1).atStartOfDay(zone).toInstant().toEpochMilli())
                    .map((rs, ctx) -> new long[] {rs.getLong(1), rs.getLong(2)}).one();
            batch.bind("group", gd.groupId()).bind("day", gd.day()).bind("joins", counts[0]).bind("leaves", counts[1]).add();
        }
        batch.execute();
    }

    private static long watermark(Handle h, String source) {
        return h.createQuery("SELECT last_id FROM stats_watermarks WHERE source = :source FOR UPDATE")
                .bind("source", source).mapTo(Long.class).findOne().orElse(0L);
    }

    private static void setWatermark(Handle h, String source, long id) {
        h.createUpdate("""
                        INSERT INTO stats_watermarks (source, last_id, updated_at) VALUES (:source, :id, :now)
                        ON DUPLICATE KEY UPDATE last_id = VALUES(last_id), updated_at = VALUES(updated_at)""")
                .bind("source", source).bind("id", id).bind("now", System.currentTimeMillis()).execute();
    }
}
