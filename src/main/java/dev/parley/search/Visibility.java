package dev.parley.search;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What is searchable, and how long committed messages have waited to become so.
 *
 * <p>Lag is the age of the oldest message that is committed in MariaDB but not yet searchable, 0 when
 * every committed message is. A message's age counts from when the index learned that it was
 * committed: the writer's {@code notifyCommitted}, or else the tailer reading it (so without
 * notifications lag can read up to one poll interval low). Each time the index learns of a higher
 * committed id it records (id, time); a record is settled when a refresh makes that id searchable, or
 * when a refresh makes searchable a read that found the table exhausted after the record was made
 * (the id did not exist after all). Lag is the age of the oldest unsettled record. Records closer
 * together than 50 ms are merged, which can overstate lag by at most that much.
 */
final class Visibility {
    private static final long COALESCE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final int MAX_RECORDS = 100_000;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition advanced = lock.newCondition();
    private final ArrayDeque<long[]> unsettled = new ArrayDeque<>();
    private volatile long searchable;
    private boolean closed;

    /**
     * Records that messages up to an id are committed.
     *
     * @param maxId the highest committed id now known
     * @param nanos when it became known, {@link System#nanoTime()}
     */
    void committed(long maxId, long nanos) {
        lock.lock();
        try {
            long[] last = unsettled.peekLast();
            if (maxId <= searchable || (last != null && maxId <= last[0])) {
                return;
            }
            if (last != null && (nanos - last[1] < COALESCE_NANOS || unsettled.size() >= MAX_RECORDS)) {
                last[0] = maxId;
            } else {
                unsettled.addLast(new long[] {maxId, nanos});
            }
        } finally {
            lock.unlock();
        }
    }

    /**
     * Records a refresh: everything up to an id is searchable now.
     *
     * @param upToId             the highest id the refreshed searcher holds
     * @param exhaustedReadNanos when the last read that found no more rows started, or
     *                           {@link Long#MIN_VALUE}; records older than that are settled
     */
    void refreshed(long upToId, long exhaustedReadNanos) {
        lock.lock();
        try {
            searchable = Math.max(searchable, upToId);
            while (!unsettled.isEmpty()) {
                long[] first = unsettled.peekFirst();
                boolean readPastIt = exhaustedReadNanos != Long.MIN_VALUE && first[1] - exhaustedReadNanos < 0;
                if (first[0] > searchable && !readPastIt) {
                    break;
                }
                unsettled.removeFirst();
            }
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** @return the highest message id that searches see */
    long searchable() {
        return searchable;
    }

    /**
     * @param nowNanos {@link System#nanoTime()}
     * @return seconds the oldest committed, not yet searchable message has waited; 0 when none
     */
    double lagSeconds(long nowNanos) {
        lock.lock();
        try {
            long[] first = unsettled.peekFirst();
            return first == null ? 0 : Math.max(0, nowNanos - first[1]) / 1e9;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Waits until a message id is searchable.
     *
     * @param messageId the id
     * @param timeout   how long to wait at most
     * @return whether it is searchable; {@code false} on timeout or when the index closed meanwhile
     * @throws InterruptedException when interrupted while waiting
     */
    boolean await(long messageId, Duration timeout) throws InterruptedException {
        long remaining = timeout.toNanos();
        lock.lock();
        try {
            while (searchable < messageId) {
                if (closed || remaining <= 0) {
                    return false;
                }
                remaining = advanced.awaitNanos(remaining);
            }
            return true;
        } finally {
            lock.unlock();
        }
    }

    /** Wakes every waiter; they return {@code false} unless their id is already searchable. */
    void close() {
        lock.lock();
        try {
            closed = true;
            advanced.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
