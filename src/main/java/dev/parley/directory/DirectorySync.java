package dev.parley.directory;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;

import dev.parley.account.Account;
import dev.parley.account.AccountStore;
import dev.parley.command.LiveCards;
import dev.parley.connector.AccountConnector;
import dev.parley.connector.Connectors;

/**
 * Starts and tracks contact and group syncs: at most one per account at a time, each on its own thread.
 * {@code /bot sync} and the login flow both call {@link #start}. A sync of an account whose last sync stopped
 * less than a day ago resumes it.
 */
public final class DirectorySync {
    private static final Duration RESUME_WITHIN = Duration.ofDays(1);

    private final AccountStore accounts;
    private final Connectors connectors;
    private final SyncJob.Parts parts;
    private final Executor workers;
    private final InstantSource clock;
    private final Map<Long, SyncJob> running = new ConcurrentHashMap<>();

    DirectorySync(AccountStore accounts, Connectors connectors, SyncJob.Parts parts, Executor workers) {
        this.accounts = accounts;
        this.connectors = connectors;
        this.parts = parts;
        this.workers = workers;
        this.clock = parts.clock();
    }

    /**
     * Syncs an account's contacts and groups in the background, unless a sync of it is already running.
     * Call it after a login succeeded.
     *
     * @param accountId the managed account
     * @param card      a card to show progress on and finish with the summary, or {@code null} to only log
     * @return whether it started, and where the sync of the account stands
     * @throws IllegalArgumentException when there is no such account, or its platform is not configured
     */
    public Started start(long accountId, LiveCards.LiveCard card) {
        Account account = accounts.find(accountId)
                .orElseThrow(() -> new IllegalArgumentException("no account " + accountId));
        AccountConnector connector = connectors.find(account.platform())
                .orElseThrow(() -> new IllegalArgumentException(account.platform().code() + " is not configured"));
        synchronized (running) {
            SyncJob current = running.get(accountId);
            if (current != null) {
                return new Started(false, current.progress());
            }
            SyncRuns.Run resume = parts.runs().latest(accountId)
                    .filter(run -> !run.state().equals("done"))
                    .filter(run -> run.startedAt() > clock.millis() - RESUME_WITHIN.toMillis())
                    .orElse(null);
            SyncJob job = new SyncJob(account, connector, card, resume, parts);
            running.put(accountId, job);
            workers.execute(() -> {
                try {
                    job.run();
                } finally {
                    running.remove(accountId, job);
                }
            });
            return new Started(true, job.progress());
        }
    }

    /**
     * @param accountId the managed account
     * @return where its running sync stands, empty when none runs
     */
    public Optional<SyncProgress> progress(long accountId) {
        return Optional.ofNullable(running.get(accountId)).map(SyncJob::progress);
    }

    /** @return how many syncs run */
    long runningCount() {
        return running.size();
    }

    /** @return the platform calls the running syncs still plan */
    long remainingCalls() {
        return running.values().stream().mapToLong(job -> job.progress().remaining()).sum();
    }

    /**
     * @param started  whether a new sync started; {@code false} when one was already running
     * @param progress where the account's sync stands
     */
    public record Started(boolean started, SyncProgress progress) {
    }
}
