package dev.parley.directory;

import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.parley.account.Account;
import dev.parley.account.AccountStore;
import dev.parley.connector.AccountConnector;
import dev.parley.connector.ConnectorException;
import dev.parley.connector.Connectors;
import dev.parley.connector.GroupSnapshot;

/**
 * Re-reads one group's member list outside a sync: after the platform says the group changed (debounced, so
 * a burst of changes costs one call, and timed from the first change so the leave it reveals gets that time),
 * and once for a group first seen in a message (so its name shows up in search results). Both go through
 * {@link PacedCalls}, the queue syncs use.
 */
final class GroupRefresher {
    private static final Logger LOG = Logger.getLogger(GroupRefresher.class.getName());

    private final AccountStore accounts;
    private final Connectors connectors;
    private final PacedCalls calls;
    private final MembershipLedger ledger;
    private final DirectoryQueries queries;
    private final ScheduledExecutorService timer;
    private final Executor workers;
    private final InstantSource clock;
    private final long debounceMillis;
    private final Map<GroupKey, Pending> pending = new HashMap<>();
    private final Set<GroupKey> known = ConcurrentHashMap.newKeySet();
    private final Set<GroupKey> fetched = ConcurrentHashMap.newKeySet();

    GroupRefresher(AccountStore accounts, Connectors connectors, PacedCalls calls, MembershipLedger ledger,
                   DirectoryQueries queries, ScheduledExecutorService timer, Executor workers, InstantSource clock,
                   long debounceMillis) {
        this.accounts = accounts;
        this.connectors = connectors;
        this.calls = calls;
        this.ledger = ledger;
        this.queries = queries;
        this.timer = timer;
        this.workers = workers;
        this.clock = clock;
        this.debounceMillis = debounceMillis;
    }

    /**
     * The group changed: read its member list once no change came for the debounce time.
     *
     * @param accountId the managed account
     * @param chatId    the group
     * @param at        when the change was announced (epoch ms)
     */
    synchronized void changed(long accountId, String chatId, long at) {
        GroupKey key = new GroupKey(accountId, chatId);
        Pending before = pending.get(key);
        if (before != null) {
            before.timer.cancel(false);
        }
        Pending next = new Pending(before == null ? at : Math.min(before.firstAt, at));
        pending.put(key, next);
        next.timer = timer.schedule(() -> {
            if (claim(key, next)) {
                workers.execute(() -> refresh(key, next.firstAt));
            }
        }, debounceMillis, TimeUnit.MILLISECONDS);
    }

    /**
     * A message came from the group: read it once if the account knows neither its name nor its members.
     *
     * @param accountId the managed account
     * @param chatId    the group
     */
    void seen(long accountId, String chatId) {
        GroupKey key = new GroupKey(accountId, chatId);
        if (known.contains(key) || fetched.contains(key)) {
            return;
        }
        if (queries.isKnown(accountId, chatId)) {
            known.add(key);
            return;
        }
        if (fetched.add(key) && !isPending(key)) {
            workers.execute(() -> refresh(key, clock.millis()));
        }
    }

    /**
     * The account left the group: a pending re-read would only fail.
     *
     * @param accountId the managed account
     * @param chatId    the group
     */
    synchronized void forget(long accountId, String chatId) {
        Pending before = pending.remove(new GroupKey(accountId, chatId));
        if (before != null) {
            before.timer.cancel(false);
        }
    }

    private synchronized boolean claim(GroupKey key, Pending mine) {
        return pending.remove(key, mine);
    }

    private synchronized boolean isPending(GroupKey key) {
        return pending.containsKey(key);
    }

    private void refresh(GroupKey key, long changedAt) {
        Thread.currentThread().setName("directory-refresh-" + key.accountId());
        Account account = accounts.find(key.accountId()).orElse(null);
        AccountConnector connector = account == null ? null : connectors.find(account.platform()).orElse(null);
        if (connector == null) {
            return;
        }
        try {
            long observedAt = clock.millis();
            GroupSnapshot snapshot = calls.call(key.accountId(), "group",
                    () -> connector.group(account.externalId(), key.chatId()));
            SnapshotDiff diff = ledger.applySnapshot(key.accountId(), account.selfId(), snapshot, observedAt,
                    Math.min(changedAt, observedAt));
            known.add(key);
            if (!diff.joined().isEmpty() || !diff.left().isEmpty()) {
                LOG.info(() -> "group " + key.chatId() + " of account " + key.accountId() + ": " + diff.joined().size()
                        + " joined, " + diff.left().size() + " left");
            }
        } catch (ConnectorException e) {
            LOG.info(() -> "could not read group " + key.chatId() + " of account " + key.accountId() + ": "
                    + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not apply the member list of group " + key.chatId() + " of account "
                    + key.accountId(), e);
        }
    }

    private record GroupKey(long accountId, String chatId) {
    }

    /** A re-read waiting for the group to be quiet. */
    private static final class Pending {
        private final long firstAt;
        private ScheduledFuture<?> timer;

        private Pending(long firstAt) {
            this.firstAt = firstAt;
        }
    }
}
