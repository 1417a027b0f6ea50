package dev.parley.outbound;

import java.time.InstantSource;
import java.util.function.BooleanSupplier;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

import dev.parley.account.Account;
import dev.parley.account.Platform;
import dev.parley.connector.AccountConnector;
import dev.parley.connector.ConnectorException;
import dev.parley.connector.SentMessage;
import dev.parley.outbound.OutboundMetrics.Result;

/**
 * One attempt to send one queued message, and what follows from its outcome. The row is marked {@code sending} and
 * committed before the platform is called; the outcome is then recorded before anything else happens: the ids and
 * {@code sent}; a retry after a back-off for a transient error that certainly did not reach the chat;
 * {@code unknown} for one that may have (a lost answer), {@code failed} for a refusal or the last attempt, each with
 * an alert. Recording the outcome is retried while the database is away, since the platform call cannot be undone.
 */
final class Delivery {
    private static final Logger LOG = Logger.getLogger(Delivery.class.getName());
    private static final long MAX_PERSIST_WAIT_MS = 30_000;

    private final OutboundStore store;
    private final Function<Platform, Pacing> pacing;
    private final OutboundHistory history;
    private final OutboundAlerts alerts;
    private final OutboundMetrics metrics;
    private final InstantSource clock;
    private final RandomGenerator random;

    Delivery(OutboundStore store, Function<Platform, Pacing> pacing, OutboundHistory history, OutboundAlerts alerts, OutboundMetrics metrics,
             InstantSource clock, RandomGenerator random) {
        this.store = store;
        this.pacing = pacing;
        this.history = history;
        this.alerts = alerts;
        this.metrics = metrics;
        this.clock = clock;
        this.random = random;
    }

    /**
     * @param row       the account's next queued message
     * @param account   its account
     * @param connector the account's platform
     * @param running   whether the worker still runs (recording an outcome gives up when it stops)
     * @return what happened
     */
    Outcome attempt(Outbound row, Account account, AccountConnector connector, BooleanSupplier running) {
        if (!store.claim(row.id())) {
            return Outcome.SKIPPED;
        }
        int attempt = row.attempts() + 1;
        SentMessage sent;
        try {
            sent = row.template() != null ? connector.sendTemplate(account.externalId(), row.chatId(), row.template())
                    : connector.sendText(account.externalId(), row.chatId(), row.text(), row.mentions());
        } catch (ConnectorException e) {
            return failed(row, account, attempt, e, running);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "outbound #" + row.id() + " failed unexpectedly while being sent", e);
            return unknown(row, account, e.toString(), running);
        }
        long at = clock.millis();
        if (!persist(() -> store.sent(row.id(), sent, at), running, row.id())) {
            return Outcome.UNKNOWN;
        }
        metrics.count(account.platform(), Result.SENT);
        LOG.fine(() -> "outbound #" + row.id() + " sent by account " + account.id() + " attempt " + attempt);
        history.recordSent(row, account, sent, at);
        return Outcome.SENT;
    }

    private Outcome failed(Outbound row, Account account, int attempt, ConnectorException e, BooleanSupplier running) {
        String reason = e.getMessage();
        switch (e.kind()) {
            case OFFLINE -> {
                persist(() -> store.putBack(row.id(), reason), running, row.id());
                metrics.count(account.platform(), Result.OFFLINE);
                return Outcome.OFFLINE;
            }
            case TRANSIENT, CONFIGURATION -> {
                if (e.mayHaveTakenEffect()) {
                    return unknown(row, account, reason, running);
                }
                Pacing pace = pacing.apply(account.platform());
                if (attempt < pace.maxAttempts()) {
                    long wait = Math.max(pace.backoffMillis(attempt, random), e.retryAfterMillis());
                    persist(() -> store.retry(row.id(), clock.millis() + wait, reason), running, row.id());
                    metrics.count(account.platform(), Result.RETRIED);
                    LOG.info("outbound #" + row.id() + " of account " + account.id() + ": attempt " + attempt + " of "
                            + pace.maxAttempts() + " failed, next in " + wait + " ms: " + reason);
                    return Outcome.RETRY;
                }
            }
            default -> {
                // refused: retrying cannot help
            }
        }
        persist(() -> store.end(row.id(), OutboundState.FAILED, reason), running, row.id());
        metrics.count(account.platform(), Result.FAILED);
        LOG.warning("outbound #" + row.id() + " of account " + account.id() + " failed after " + attempt
                + " attempt(s): " + reason);
        alerts.failed(row, account, reason);
        return Outcome.FAILED;
    }

    private Outcome unknown(Outbound row, Account account, String reason, BooleanSupplier running) {
        persist(() -> store.end(row.id(), OutboundState.UNKNOWN, reason), running, row.id());
        metrics.count(account.platform(), Result.UNKNOWN);
        LOG.warning("outbound #" + row.id() + " of account " + account.id() + " may or may not have been sent (" + reason
                + "); it is not sent again unless an admin says so");
        alerts.unknown(row, account, reason);
        return Outcome.UNKNOWN;
    }

    /**
     * Records an outcome, retrying while the database is unavailable: the platform call already happened. When the
     * worker stops first, the row stays {@code sending} and becomes {@code unknown} at the next start.
     */
    private boolean persist(Runnable change, BooleanSupplier running, long id) {
        long wait = 250;
        while (true) {
            try {
                change.run();
                return true;
            } catch (RuntimeException e) {
                if (!running.getAsBoolean()) {
                    LOG.log(Level.WARNING, "could not record the outcome of outbound #" + id + " before stopping; it"
                            + " will be marked unknown at the next start", e);
                    return false;
                }
                LOG.log(Level.WARNING, "could not record the outcome of outbound #" + id + "; retrying", e);
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
                wait = Math.min(wait * 2, MAX_PERSIST_WAIT_MS);
            }
        }
    }

    /** What became of an attempt. */
    enum Outcome {
        /** The platform took it. */
        SENT,
        /** A transient error; it is queued again for later. */
        RETRY,
        /** Refused, or out of attempts. */
        FAILED,
        /** It may or may not have been sent. */
        UNKNOWN,
        /** The account is offline; the message is queued again, the account waits. */
        OFFLINE,
        /** It was no longer queued (dropped meanwhile); nothing was called. */
        SKIPPED
    }
}
