package dev.parley.outbound;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.parley.account.Account;
import dev.parley.account.AccountStatus;
import dev.parley.account.AccountStore;
import dev.parley.connector.AccountConnector;
import dev.parley.connector.ConnectorException;
import dev.parley.connector.Connectors;

/**
 * The one thread that sends for one account, so the account never has two platform calls at once: it takes the
 * oldest queued message, waits for its turn under the account's {@link Pacer} (and its retry time), and hands it to
 * {@link Delivery}. It waits without polling while the queue is empty, paused by an admin or the account is offline,
 * and wakes when {@link #signal()}ed; an account held as offline is re-checked every {@code offlineCheck} and
 * released once its status reads online, in case it came back without anyone saying so. Other platform calls for the account (withdrawals) go through
 * {@link #exclusive}.
 */
final class AccountWorker implements Runnable {
    private static final Logger LOG = Logger.getLogger(AccountWorker.class.getName());
    private static final long IDLE_MS = Duration.ofMinutes(1).toMillis();
    private static final long MAX_ERROR_WAIT_MS = 30_000;

    private final long accountId;
    private final Context context;
    private final Pacer pacer;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final ReentrantLock platform = new ReentrantLock();
    private boolean dirty;
    private volatile boolean running = true;
    private volatile boolean offline;
    private Thread thread;

    AccountWorker(long accountId, Context context, Pacer pacer, boolean offline) {
        this.accountId = accountId;
        this.context = context;
        this.pacer = pacer;
        this.offline = offline;
    }

    /** Starts the worker's thread, {@code parley-outbound-<account id>}. */
    void start() {
        thread = Thread.ofVirtual().name("parley-outbound-" + accountId).start(this);
    }

    @Override
    public void run() {
        int errors = 0;
        while (running) {
            try {
                step();
                errors = 0;
            } catch (RuntimeException e) {
                errors++;
                LOG.log(Level.WARNING, "outbound worker of account " + accountId + " failed; trying again", e);
                await(Math.min(MAX_ERROR_WAIT_MS, 500L << Math.min(errors, 6)));
            }
        }
    }

    /** One decision: send the next message, or wait for its turn or for something to change. */
    private void step() {
        Optional<Account> found = context.accounts().find(accountId);
        if (found.isEmpty()) {
            running = false; // the account was removed, and its queue with it
            return;
        }
        Account account = found.get();
        if (context.store().pause(accountId).isPresent()) {
            await(IDLE_MS);
            return;
        }
        if (offline) {
            if (account.status() != AccountStatus.ONLINE) {
                await(context.offlineCheck().toMillis());
                return;
            }
            offline = false;
        }
        Optional<AccountConnector> connector = context.connectors().find(account.platform());
        Optional<Outbound> head = connector.isEmpty() ? Optional.empty() : context.store().head(accountId);
        if (head.isEmpty()) {
            await(IDLE_MS);
            return;
        }
        Outbound next = head.get();
        long due = Math.max(next.nextAttemptAt(), pacer.earliest(next.chatId(), next.chatType()));
        long now = context.clock().millis();
        if (due > now) {
            await(due - now);
            return;
        }
        Delivery.Outcome outcome;
        platform.lock();
        try {
            pacer.starting(next.chatId(), now);
            outcome = context.delivery().attempt(next, account, connector.get(), this::isRunning);
        } finally {
            platform.unlock();
        }
        if (outcome != Delivery.Outcome.SKIPPED) {
            pacer.sent(next.chatId(), context.clock().millis());
        }
        if (outcome == Delivery.Outcome.OFFLINE) {
            offline = true;
            context.wentOffline().accept(account);
        }
    }

    /**
     * Runs a platform call for this account while no send is in progress.
     *
     * @param call the call
     * @throws ConnectorException when the call fails
     */
    void exclusive(PlatformCall call) throws ConnectorException {
        platform.lock();
        try {
            call.run();
        } finally {
            platform.unlock();
        }
    }

    /** Something changed (a message queued, a pause lifted): look again now. */
    void signal() {
        lock.lock();
        try {
            dirty = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** The account went offline: hold its messages until it is back. */
    void offline() {
        offline = true;
        signal();
    }

    /** The account is online again: send what waits. */
    void online() {
        offline = false;
        signal();
    }

    /** @return whether the account is held as offline */
    boolean isOffline() {
        return offline;
    }

    /** @return the account's pace */
    Pacer pacer() {
        return pacer;
    }

    /** Asks the thread to stop after the send in progress, if any. */
    void stop() {
        running = false;
        signal();
    }

    /**
     * @param millis how long to wait for the thread at most
     * @return whether it ended
     * @throws InterruptedException when interrupted while waiting
     */
    boolean join(long millis) throws InterruptedException {
        return thread == null || thread.join(Duration.ofMillis(Math.max(1, millis)));
    }

    private boolean isRunning() {
        return running;
    }

    private void await(long millis) {
        lock.lock();
        try {
            long nanos = TimeUnit.MILLISECONDS.toNanos(millis);
            while (!dirty && running && nanos > 0) {
                nanos = changed.awaitNanos(nanos);
            }
            dirty = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    /** A platform call that must not overlap a send. */
    @FunctionalInterface
    interface PlatformCall {
        void run() throws ConnectorException;
    }

    /**
     * What a worker works with.
     *
     * @param store        the queue's table
     * @param accounts     account status
     * @param connectors   the platforms
     * @param delivery     sends one message
     * @param offlineCheck how often an offline account's status is read again
     * @param clock        the present
     * @param wentOffline  told when a send finds the account offline
     */
    record Context(OutboundStore store, AccountStore accounts, Connectors connectors, Delivery delivery,
                   Duration offlineCheck, InstantSource clock, Consumer<Account> wentOffline) {
    }
}
