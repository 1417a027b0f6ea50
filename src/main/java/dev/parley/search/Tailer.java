package dev.parley.search;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.apache.lucene.index.IndexWriter;

/**
 * Follows the {@code messages} table by id into the index writer, on its own thread.
 *
 * <p>All messages are inserted by one writer thread, so ids become visible in increasing order and
 * "every row with an id above the last one indexed" is exactly what is missing. The tailer reads those
 * in pages, adds them keyed by id (re-reading a row replaces its document rather than duplicating it),
 * and sleeps when the table is exhausted until {@link #notifyCommitted} or its poll timer wakes it.
 * It commits the writer, with the highest id added as the watermark, every few seconds when something
 * changed and when it stops. A failure (database down, say) is retried with backoff; a broken index
 * writer stops it for good.
 */
final class Tailer implements Runnable {
    private static final Logger LOG = Logger.getLogger(Tailer.class.getName());
    /** Rows read per query. */
    private static final int PAGE_SIZE = 2000;
    private static final long COMMIT_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);
    private static final long FIRST_BACKOFF_NANOS = TimeUnit.MILLISECONDS.toNanos(250);
    private static final long MAX_BACKOFF_NANOS = TimeUnit.SECONDS.toNanos(30);

    private final MessageRows rows;
    private final IndexStore store;
    private final Visibility visibility;
    private final long pollNanos;
    private final long minReadGapNanos;
    private final long updateUpTo;
    private final long backlogUpTo;
    private final RebuildProgress progress;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition work = lock.newCondition();
    private long notifications;
    private long notificationsAtRead;
    private volatile boolean stopping;
    private volatile long added;
    private volatile long exhaustedReadNanos = Long.MIN_VALUE;
    private volatile boolean backlogDone;
    private volatile String error;
    private volatile boolean broken;
    private long committed;
    private long lastCommitNanos;

    /**
     * @param rows        where messages come from
     * @param store       where they go
     * @param visibility  told about every committed id the tailer learns of
     * @param poll        how often to look for new rows without being notified
     * @param startAfter  the id indexing resumes after (the watermark, 0 for a rebuild)
     * @param backlogUpTo the highest id at open; rows up to it are the backlog
     * @param updateUpTo  the highest id the index held at open: rows up to it may be there already and are
     *                    updated by id; rows above it are added, which is much cheaper at refresh time
     * @param progress    counts the backlog; {@code null} when there is none
     */
    Tailer(MessageRows rows, IndexStore store, Visibility visibility, Duration poll, long startAfter,
           long backlogUpTo, long updateUpTo, RebuildProgress progress) {
        this.rows = rows;
        this.store = store;
        this.visibility = visibility;
        this.pollNanos = poll.toNanos();
        this.minReadGapNanos = pollNanos / 4;
        this.updateUpTo = updateUpTo;
        this.backlogUpTo = backlogUpTo;
        this.progress = progress;
        this.added = startAfter;
        this.committed = startAfter;
        this.backlogDone = progress == null;
        this.lastCommitNanos = System.nanoTime();
    }

    /**
     * Wakes the tailer if the id is beyond what it has added: rows up to it are committed. A
     * notification for ids that do not exist costs one read, and does not keep the tailer awake.
     *
     * @param maxId the highest committed message id
     */
    void notifyCommitted(long maxId) {
        visibility.committed(maxId, System.nanoTime());
        if (maxId <= added) {
            return;
        }
        lock.lock();
        try {
            notifications++;
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Asks the loop to end; it commits on the way out. */
    void stop() {
        stopping = true;
        lock.lock();
        try {
            work.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return the highest message id added to the writer */
    long added() {
        return added;
    }

    /** @return when the latest read that found no more rows started, or {@link Long#MIN_VALUE} */
    long exhaustedReadNanos() {
        return exhaustedReadNanos;
    }

    /** @return the state to report */
    IndexStatus.State state() {
        if (error != null) {
            return IndexStatus.State.FAILED;
        }
        return backlogDone ? IndexStatus.State.READY : IndexStatus.State.REBUILDING;
    }

    /** @return messages of the backlog found at open indexed so far */
    long backlogIndexed() {
        return progress == null ? 0 : progress.done();
    }

    /** @return messages in the backlog found at open */
    long backlogSize() {
        return progress == null ? 0 : progress.total();
    }

    /** @return the last failure, or {@code null} while indexing works */
    String error() {
        return error;
    }

    @Override
    public void run() {
        long backoff = FIRST_BACKOFF_NANOS;
        try {
            while (!stopping) {
                try {
                    long readStart = System.nanoTime();
                    boolean exhausted = step();
                    backoff = FIRST_BACKOFF_NANOS;
                    if (exhausted) {
                        await(pollNanos, true);
                        // under steady traffic every commit notifies; read in batches a few times per refresh,
                        // not once per commit (visibility is set by the refresh interval anyway)
                        await(minReadGapNanos - (System.nanoTime() - readStart), false);
                    }
                } catch (IOException | RuntimeException e) {
                    if (stopping) {
                        break;
                    }
                    error = e.toString();
                    IndexWriter writer = store.writer();
                    if (!writer.isOpen() || writer.getTragicException() != null) {
                        broken = true;
                        LOG.log(Level.SEVERE, "the index writer is broken; indexing stops until restart", e);
                        return;
                    }
                    LOG.warning("indexing failed, retrying in " + backoff / 1_000_000 + " ms: " + e);
                    await(backoff, false);
                    backoff = Math.min(MAX_BACKOFF_NANOS, backoff * 2);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            commitOnExit();
        }
    }

    /** Reads and indexes one page; returns whether the table is exhausted. */
    private boolean step() throws IOException {
        lock.lock();
        try {
            notificationsAtRead = notifications;
        } finally {
            lock.unlock();
        }
        long readStart = System.nanoTime();
        long after = added;
        List<MessageRow> page = rows.after(after, PAGE_SIZE);
        if (error != null) {
            LOG.info("indexing works again");
            error = null;
        }
        IndexWriter writer = store.writer();
        List<Long> withdrawn = new ArrayList<>();
        for (MessageRow row : page) {
            if (row.id() > updateUpTo) {
                writer.addDocument(IndexFields.document(row));
            } else {
                writer.updateDocument(IndexFields.idTerm(row.id()), IndexFields.document(row));
            }
            added = row.id();
            if (row.withdraws() != null && row.withdraws() <= row.id()) {
                withdrawn.add(row.withdraws());
            }
        }
        // a withdrawal notice marks the message it withdrew, indexed before it
        for (MessageRow row : rows.byIds(withdrawn)) {
            writer.updateDocument(IndexFields.idTerm(row.id()), IndexFields.document(row));
        }
        boolean exhausted = page.size() < PAGE_SIZE;
        if (!page.isEmpty()) {
            visibility.committed(added, readStart);
        }
        boolean finishing = false;
        if (!backlogDone) {
            long inBacklog = page.stream().filter(row -> row.id() <= backlogUpTo).count();
            progress.advance(inBacklog, System.nanoTime());
            finishing = exhausted || added >= backlogUpTo;
        }
        if (exhausted) {
            exhaustedReadNanos = readStart;
        }
        if (finishing) {
            backlogDone = true;
            progress.finish(System.nanoTime());
        }
        maybeCommit(finishing);
        return exhausted;
    }

    private void maybeCommit(boolean force) throws IOException {
        long now = System.nanoTime();
        if (added > committed && (force || now - lastCommitNanos >= COMMIT_EVERY_NANOS)) {
            long upTo = added;
            store.commit(upTo);
            committed = upTo;
            lastCommitNanos = now;
        }
    }

    private void await(long nanos, boolean wakeOnNotify) throws InterruptedException {
        long remaining = nanos;
        lock.lock();
        try {
            while (!stopping && remaining > 0 && !(wakeOnNotify && notifications != notificationsAtRead)) {
                remaining = work.awaitNanos(remaining);
            }
        } finally {
            lock.unlock();
        }
    }

    private void commitOnExit() {
        if (broken) {
            return;
        }
        try {
            maybeCommit(true);
        } catch (IOException | RuntimeException e) {
            LOG.warning("final index commit failed; the next start re-reads from id " + committed + ": " + e);
        }
    }
}
