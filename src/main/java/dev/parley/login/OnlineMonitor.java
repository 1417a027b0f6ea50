package dev.parley.login;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.parley.account.Account;
import dev.parley.account.AccountStateListener;
import dev.parley.account.AccountStatus;
import dev.parley.account.AccountStore;
import dev.parley.alert.Alert;
import dev.parley.alert.Alerts;
import dev.parley.card.Times;
import dev.parley.connector.AccountConnector;
import dev.parley.connector.AccountEvents;
import dev.parley.connector.AccountLoss;
import dev.parley.connector.ConnectorException;
import dev.parley.connector.Connectors;

/**
 * Keeps accounts online, or makes sure someone knows they are not. An account reported offline (the
 * platform's Offline callback, a failed online check, an "offline" error from any call) is paused, then
 * reconnected a few times with growing pauses; if it does not come back an alert with a Re-login button
 * goes out, and it is resolved when the account is online again. An account the platform lost for good (logged out
 * from the phone, banned, taken over by another client) is paused and alerted at once, without reconnecting. Online
 * accounts are checked periodically, and one that has been silent for too long is flagged.
 */
public final class OnlineMonitor implements AccountEvents, AutoCloseable {
    /** Rule of the alert for an account that is offline and did not reconnect. */
    public static final String OFFLINE_RULE = "account_offline";
    /** Rule of the alert for an online account that has received nothing for a long time. */
    public static final String SILENT_RULE = "account_silent";
    /** The rule of the alerts the platform's warnings about an account raise. */
    public static final String RISK_RULE = "account_at_risk";
    private static final Logger LOG = Logger.getLogger(OnlineMonitor.class.getName());

    private final Connectors connectors;
    private final AccountStore accounts;
    private final Alerts alerts;
    private final Times times;
    private final InstantSource clock;
    private final Duration checkEvery;
    private final int reconnectAttempts;
    private final Duration firstBackoff;
    private final Duration silenceAfter;
    private final ScheduledExecutorService scheduler;
    private final Set<Long> recovering = ConcurrentHashMap.newKeySet();
    private final Set<Thread> recoveries = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;
    private final List<AccountStateListener> listeners = new CopyOnWriteArrayList<>();

    private OnlineMonitor(Builder b) {
        this.connectors = b.connectors;
        this.accounts = b.accounts;
        this.alerts = b.alerts;
        this.times = b.times;
        this.clock = b.clock;
        this.checkEvery = b.checkEvery;
        this.reconnectAttempts = b.reconnectAttempts;
        this.firstBackoff = b.firstBackoff;
        this.silenceAfter = b.silenceAfter;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "parley-online-monitor"));
    }

    /**
     * @param connectors the platforms
     * @param accounts   the accounts
     * @param alerts     where offline and silent accounts are reported
     * @param times      how times are shown in alerts
     * @return a builder
     */
    public static Builder builder(Connectors connectors, AccountStore accounts, Alerts alerts, Times times) {
        return new Builder(connectors, accounts, alerts, times);
    }

    /**
     * @param listener told when an account stops and starts being usable (outbound pauses and resumes)
     */
    public void addListener(AccountStateListener listener) {
        listeners.add(listener);
    }

    /** Starts the periodic online checks. */
    public void start() {
        scheduler.scheduleWithFixedDelay(() -> Thread.ofVirtual().name("parley-online-check").start(this::checkAll),
                checkEvery.toMillis(), checkEvery.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    public void accountOffline(long accountId) {
        reportOffline(accountId);
    }

    @Override
    public void accountOnline(long accountId) {
        recovering.remove(accountId);
        backOnline(accountId);
    }

    /** Pauses the account and tells the admins at once: reconnecting cannot mend this. */
    @Override
    public void accountLost(long accountId, AccountLoss loss, String detail) {
        recovering.remove(accountId);
        notifyListeners(l -> l.offline(accountId));
        accounts.find(accountId).ifPresent(account -> {
            String kind = switch (loss) {
                case LOGGED_OUT -> "account_logged_out";
                case BANNED -> "account_banned";
                case REPLACED -> "account_replaced";
            };
            alerts.raise(new Alert(OFFLINE_RULE, String.valueOf(accountId), Alert.Severity.CRITICAL,
                    "alert." + kind + ".title", "alert." + kind + ".text",
                    Map.of("account", account.displayName(), "id", accountId, "self", String.valueOf(account.selfId()),
                            "at", times.format(clock.millis())),
                    List.of(new Alert.Action("alert.account_offline.relogin", "/bot relogin " + accountId))));
        });
    }

    /** Tells the admins of a platform's warning (a quality downgrade, a sending limit hit) before it stops the account. */
    @Override
    public void accountAtRisk(long accountId, String risk, String detail) {
        accounts.find(accountId).ifPresent(account -> alerts.raise(new Alert(RISK_RULE, accountId + ":" + risk,
                Alert.Severity.WARNING, "alert.account_risk." + risk + ".title", "alert.account_risk." + risk + ".text",
                Map.of("account", account.displayName(), "id", accountId, "detail", detail,
                        "at", times.format(clock.millis())),
                List.of(new Alert.Action("alert.account_risk.info", "/bot info " + accountId)))));
    }

    /**
     * Treats an account as offline: pauses it and tries to bring it back, alerting if that fails. Features
     * call this when the platform answers "offline" to anything.
     *
     * @param accountId the account
     */
    public void reportOffline(long accountId) {
        Optional<Account> account = accounts.find(accountId);
        if (account.isEmpty() || !running(account.get())) {
            return;
        }
        if (!recovering.add(accountId)) {
            return; // already being reconnected
        }
        if (!accounts.markOfflineIfRunning(accountId)) {
            recovering.remove(accountId); // logged out, banned or removed meanwhile: nothing to reconnect
            return;
        }
        notifyListeners(l -> l.offline(accountId));
        Thread.ofVirtual().name("parley-reconnect-" + accountId).start(() -> {
            recoveries.add(Thread.currentThread());
            try {
                recover(account.get());
            } finally {
                recoveries.remove(Thread.currentThread());
            }
        });
    }

    /**
     * Records that an account logged in: resolves its alerts and resumes it.
     *
     * @param accountId the account
     */
    public void loggedIn(long accountId) {
        recovering.remove(accountId);
        backOnline(accountId);
    }

    /**
     * Records that an admin took an account out of service (logged out or removed): its alerts end and the
     * features acting through it stop.
     *
     * @param accountId the account
     */
    public void stopped(long accountId) {
        recovering.remove(accountId);
        alerts.resolve(OFFLINE_RULE, String.valueOf(accountId));
        alerts.resolve(SILENT_RULE, String.valueOf(accountId));
        notifyListeners(l -> l.offline(accountId));
    }

    /** Stops the periodic checks and any reconnection in progress; safe to call more than once. */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        recoveries.forEach(Thread::interrupt);
    }

    private void recover(Account account) {
        try {
            Optional<AccountConnector> connector = connectors.find(account.platform());
            Duration pause = firstBackoff;
            for (int attempt = 1; connector.isPresent() && attempt <= reconnectAttempts; attempt++) {
                Thread.sleep(pause.toMillis());
                if (accounts.find(account.id()).map(a -> a.status() != AccountStatus.OFFLINE).orElse(true)) {
                    return; // logged in again meanwhile, removed, or logged out on purpose
                }
                try {
                    connector.get().reconnect(account.externalId());
                    if (connector.get().isOnline(account.externalId())) {
                        LOG.info("account " + account.id() + " reconnected after attempt " + attempt);
                        accounts.setStatus(account.id(), AccountStatus.ONLINE);
                        backOnline(account.id());
                        return;
                    }
                } catch (ConnectorException e) {
                    LOG.info("reconnect attempt " + attempt + " of account " + account.id() + " failed: " + e.getMessage());
                }
                pause = pause.multipliedBy(3);
            }
            Account now = accounts.find(account.id()).orElse(account);
            alerts.raise(new Alert(OFFLINE_RULE, String.valueOf(account.id()), Alert.Severity.CRITICAL,
                    "alert.account_offline.title", "alert.account_offline.text",
                    Map.of("account", now.displayName(), "id", now.id(), "self", String.valueOf(now.selfId()),
                            "attempts", reconnectAttempts, "at", times.format(clock.millis())),
                    List.of(new Alert.Action("alert.account_offline.relogin", "/bot relogin " + account.id()))));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.log(Level.SEVERE, "recovering account " + account.id() + " failed", e);
            }
        } finally {
            recovering.remove(account.id());
        }
    }

    private void checkAll() {
        try {
            for (Account account : accounts.list()) {
                if (account.status() == AccountStatus.ONLINE || account.status() == AccountStatus.OFFLINE) {
                    check(account);
                }
            }
        } catch (RuntimeException e) {
            if (!closed) {
                LOG.log(Level.WARNING, "online check failed", e);
            }
        }
    }

    private void check(Account account) {
        Optional<AccountConnector> connector = connectors.find(account.platform());
        if (connector.isEmpty() || recovering.contains(account.id())) {
            return;
        }
        boolean online;
        try {
            online = connector.get().isOnline(account.externalId());
        } catch (ConnectorException e) {
            if (e.kind() == ConnectorException.Kind.OFFLINE) {
                online = false;
            } else {
                return; // the platform cannot tell right now; ask again next round
            }
        }
        if (account.status() == AccountStatus.ONLINE && !online) {
            LOG.warning("online check: account " + account.id() + " is offline");
            reportOffline(account.id());
        } else if (account.status() == AccountStatus.OFFLINE && online) {
            LOG.info("online check: account " + account.id() + " is back online");
            accounts.setStatus(account.id(), AccountStatus.ONLINE);
            backOnline(account.id());
        } else if (online) {
            checkSilence(account);
        }
    }

    private void checkSilence(Account account) {
        long now = clock.millis();
        Long last = account.lastMessageAt() != null ? account.lastMessageAt() : account.onlineSince();
        String key = String.valueOf(account.id());
        if (last != null && now - last > silenceAfter.toMillis()) {
            alerts.raise(new Alert(SILENT_RULE, key, Alert.Severity.WARNING, "alert.account_silent.title",
                    "alert.account_silent.text", Map.of("account", account.displayName(), "id", account.id(),
                            "hours", Duration.ofMillis(now - last).toHours(), "at", times.format(last)),
                    List.of(new Alert.Action("alert.account_silent.info", "/bot info " + account.id()))));
        } else {
            alerts.resolve(SILENT_RULE, key);
        }
    }

    private void backOnline(long accountId) {
        alerts.resolve(OFFLINE_RULE, String.valueOf(accountId));
        alerts.resolve(SILENT_RULE, String.valueOf(accountId));
        notifyListeners(l -> l.online(accountId));
    }

    private void notifyListeners(java.util.function.Consumer<AccountStateListener> call) {
        for (AccountStateListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "an account state listener failed", e);
            }
        }
    }

    private static boolean running(Account account) {
        return account.status() == AccountStatus.ONLINE || account.status() == AccountStatus.UNKNOWN
                || account.status() == AccountStatus.OFFLINE;
    }

    /** Configures an {@link OnlineMonitor}. */
    public static final class Builder {
        private final Connectors connectors;
        private final AccountStore accounts;
        private final Alerts alerts;
        private final Times times;
        private InstantSource clock = InstantSource.system();
        private Duration checkEvery = Duration.ofMinutes(5);
        private int reconnectAttempts = 3;
        private Duration firstBackoff = Duration.ofSeconds(10);
        private Duration silenceAfter = Duration.ofHours(6);

        private Builder(Connectors connectors, AccountStore accounts, Alerts alerts, Times times) {
            this.connectors = connectors;
            this.accounts = accounts;
            this.alerts = alerts;
            this.times = times;
        }

        /**
         * @param every how often online accounts are checked with the platform
         * @return this builder
         */
        public Builder checkEvery(Duration every) {
            this.checkEvery = every;
            return this;
        }

        /**
         * @param attempts     reconnections tried before alerting
         * @param firstBackoff the pause before the first; each next pause is three times longer
         * @return this builder
         */
        public Builder reconnect(int attempts, Duration firstBackoff) {
            this.reconnectAttempts = attempts;
            this.firstBackoff = firstBackoff;
            return this;
        }

        /**
         * @param after how long an online account may receive nothing before it is flagged
         * @return this builder
         */
        public Builder silenceAfter(Duration after) {
            this.silenceAfter = after;
            return this;
        }

        /**
         * @param clock source of times
         * @return this builder
         */
        public Builder clock(InstantSource clock) {
            this.clock = clock;
            return this;
        }

        /** @return the monitor (call {@link #start()}) */
        public OnlineMonitor build() {
            return new OnlineMonitor(this);
        }
    }
}
