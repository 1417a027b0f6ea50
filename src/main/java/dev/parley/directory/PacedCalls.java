package dev.parley.directory;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.concurrent.locks.ReentrantLock;
import java.util.logging.Logger;

import dev.parley.connector.ConnectorException;

/**
 * The only way the directory calls a platform: one call at a time per account, a random gap (see
 * {@link SyncSettings}) after each call of an account before its next one, and transient failures retried
 * with growing back-off. Syncs, debounced member-list re-reads and lazy fetches of new groups all queue here,
 * so together they never go faster than the pace. Accounts do not wait for each other.
 */
final class PacedCalls {
    private static final Logger LOG = Logger.getLogger(PacedCalls.class.getName());

    private final SyncSettings settings;
    private final DirectoryMetrics metrics;
    private final LongConsumer offline;
    private final Map<Long, Lane> lanes = new ConcurrentHashMap<>();

    PacedCalls(SyncSettings settings, DirectoryMetrics metrics, LongConsumer offline) {
        this.settings = settings;
        this.metrics = metrics;
        this.offline = offline;
    }

    /**
     * Makes one platform call for an account when its turn comes, retrying transient failures.
     *
     * @param accountId the account the call is made for
     * @param operation what it is, for metrics and logs: contacts, profiles, group
     * @param call      the call
     * @return what the call returned
     * @throws ConnectorException   when it failed for good (not transient, or out of attempts)
     * @throws InterruptedException when the service is stopping
     */
    <T> T call(long accountId, String operation, Call<T> call) throws ConnectorException, InterruptedException {
        Duration wait = settings.backoff();
        for (int attempt = 1; ; attempt++) {
            try {
                T result = lanes.computeIfAbsent(accountId, id -> new Lane()).run(call);
                metrics.call(operation, "ok");
                return result;
            } catch (ConnectorException e) {
                boolean retry = e.kind() == ConnectorException.Kind.TRANSIENT && attempt < settings.attempts();
                metrics.call(operation, retry ? "retried" : e.kind() == ConnectorException.Kind.OFFLINE ? "offline"
                        : "failed");
                if (!retry) {
                    if (e.kind() == ConnectorException.Kind.OFFLINE) {
                        offline.accept(accountId); // the online monitor marks it, reconnects, alerts
                    }
                    throw e;
                }
                int tried = attempt;
                Duration pause = wait;
                LOG.info(() -> "account " + accountId + ": " + operation + " failed (" + e.getMessage() + "), attempt "
                        + tried + " of " + settings.attempts() + "; retrying in " + pause.toMillis() + " ms");
                TimeUnit.MILLISECONDS.sleep(wait.toMillis());
                wait = wait.multipliedBy(2).compareTo(settings.maxBackoff()) > 0 ? settings.maxBackoff() : wait.multipliedBy(2);
            }
        }
    }

    /** A platform call. */
    @FunctionalInterface
    interface Call<T> {
        T run() throws ConnectorException;
    }

    /** One account's queue: a fair lock, and the earliest time its next call may start. */
    private final class Lane {
        private final ReentrantLock lock = new ReentrantLock(true);
        private long nextAt = System.nanoTime();

        <T> T run(Call<T> call) throws ConnectorException, InterruptedException {
            lock.lockInterruptibly();
            try {
                long early = nextAt - System.nanoTime();
                if (early > 0) {
                    TimeUnit.NANOSECONDS.sleep(early);
                }
                try {
                    return call.run();
                } finally {
                    nextAt = System.nanoTime() + gap();
                }
            } finally {
                lock.unlock();
            }
        }

        private long gap() {
            long min = settings.paceMin().toNanos();
            long max = settings.paceMax().toNanos();
            return max > min ? ThreadLocalRandom.current().nextLong(min, max + 1) : min;
        }
    }
}
