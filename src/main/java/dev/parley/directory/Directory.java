package dev.parley.directory;

import java.time.InstantSource;
import java.util.function.LongConsumer;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import dev.parley.account.AccountStore;
import dev.parley.card.Times;
import dev.parley.command.CommandEngine;
import dev.parley.connector.AccountEvents;
import dev.parley.connector.Connectors;
import dev.parley.i18n.Messages;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.jdbi.v3.core.Jdbi;

/**
 * The contacts-and-groups feature, wired: syncs, the ledger of memberships and events, the account-event
 * listener, and the {@code /group} and {@code /bot sync} commands. It owns two kinds of threads, stopped by
 * {@link #close()}: one timer ({@code directory-timer}) for debounced re-reads, and a virtual thread per job
 * ({@code directory-sync-<account>}, {@code directory-refresh-<account>}).
 */
public final class Directory implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Directory.class.getName());

    private final ScheduledExecutorService timer;
    private final ExecutorService workers;
    private final MembershipLedger ledger;
    private final DirectoryQueries queries;
    private final DirectorySync sync;
    private final DirectoryListener listener;
    private final SyncCommand syncCommand;
    private final GroupCommands groupCommands;

    private Directory(Builder b) {
        timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "directory-timer");
            thread.setDaemon(true);
            return thread;
        });
        workers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("directory-job-", 0).factory());
        InstantSource clock = b.clock;
        DirectoryMetrics metrics = DirectoryMetrics.register(b.registry);
        PacedCalls calls = new PacedCalls(b.settings, metrics, b.offline);
        ledger = new MembershipLedger(b.jdbi, clock, metrics);
        queries = new DirectoryQueries(b.jdbi);
        Roster roster = new Roster(b.jdbi);
        SyncCards cards = new SyncCards(b.messages, b.times, b.settings);
        SyncJob.Parts parts = new SyncJob.Parts(calls, roster, ledger, queries, new SyncRuns(b.jdbi), cards, b.settings,
                clock);
        sync = new DirectorySync(b.accounts, b.connectors, parts, workers);
        metrics.watch(sync::runningCount, sync::remainingCalls);
        GroupRefresher refresher = new GroupRefresher(b.accounts, b.connectors, calls, ledger, queries, timer, workers,
                clock, b.settings.debounce().toMillis());
        listener = new DirectoryListener(b.accounts, ledger, queries, roster, refresher, clock);
        syncCommand = new SyncCommand(b.accounts, b.connectors, sync, cards);
        groupCommands = new GroupCommands(queries, b.accounts, b.times, clock, b.groupsPerPage, b.membersPerPage);
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param engine the engine to register {@code /group list|info|members} and {@code /bot sync} with
     */
    public void register(CommandEngine.Builder engine) {
        syncCommand.register(engine);
        groupCommands.register(engine);
    }

    /** @return the listener to register on the account event bus */
    public AccountEvents events() {
        return listener;
    }

    /** @return syncs: what a login calls when it succeeded */
    public DirectorySync sync() {
        return sync;
    }

    /** @return the membership history and group events */
    public MembershipLedger ledger() {
        return ledger;
    }

    /** @return reads of groups, members and events */
    public DirectoryQueries queries() {
        return queries;
    }

    /** Stops pending re-reads and running syncs (a stopped sync resumes next time); waits a few seconds for them. */
    @Override
    public void close() {
        timer.shutdownNow();
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(10, TimeUnit.SECONDS)) {
                LOG.warning("directory jobs did not stop within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Collects what the directory needs. */
    public static final class Builder {
        private Jdbi jdbi;
        private AccountStore accounts;
        private Connectors connectors;
        private Messages messages;
        private Times times;
        private PrometheusRegistry registry;
        private InstantSource clock = InstantSource.system();
        private SyncSettings settings = SyncSettings.defaults();
        private int groupsPerPage = 10;
        private int membersPerPage = 20;
        private LongConsumer offline = id -> { };

        private Builder() {
        }

        /**
         * @param listener told the id of an account a platform call found offline (the online monitor)
         * @return this builder
         */
        public Builder onOffline(LongConsumer listener) {
            this.offline = listener;
            return this;
        }

        /**
         * @param jdbi the database
         * @return this builder
         */
        public Builder jdbi(Jdbi jdbi) {
            this.jdbi = jdbi;
            return this;
        }

        /**
         * @param accounts the managed accounts
         * @return this builder
         */
        public Builder accounts(AccountStore accounts) {
            this.accounts = accounts;
            return this;
        }

        /**
         * @param connectors the configured platforms
         * @return this builder
         */
        public Builder connectors(Connectors connectors) {
            this.connectors = connectors;
            return this;
        }

        /**
         * @param messages texts of the sync cards
         * @param times    how cards show times
         * @return this builder
         */
        public Builder display(Messages messages, Times times) {
            this.messages = messages;
            this.times = times;
            return this;
        }

        /**
         * @param registry where the metrics go
         * @return this builder
         */
        public Builder metrics(PrometheusRegistry registry) {
            this.registry = registry;
            return this;
        }

        /**
         * @param clock the present (default: the system clock)
         * @return this builder
         */
        public Builder clock(InstantSource clock) {
            this.clock = clock;
            return this;
        }

        /**
         * @param settings pace, retries, debounce (default: {@link SyncSettings#defaults()})
         * @return this builder
         */
        public Builder settings(SyncSettings settings) {
            this.settings = settings;
            return this;
        }

        /**
         * @param groups  groups per page of {@code /group list} (default 10)
         * @param members members per page of {@code /group members} (default 20)
         * @return this builder
         */
        public Builder pageSizes(int groups, int members) {
            if (groups < 1 || members < 1) {
                throw new IllegalArgumentException("page sizes must be positive: " + groups + ", " + members);
            }
            this.groupsPerPage = groups;
            this.membersPerPage = members;
            return this;
        }

        /** @return the directory, its timer started */
        public Directory build() {
            Objects.requireNonNull(jdbi, "jdbi");
            Objects.requireNonNull(accounts, "accounts");
            Objects.requireNonNull(connectors, "connectors");
            Objects.requireNonNull(messages, "messages");
            Objects.requireNonNull(times, "times");
            Objects.requireNonNull(registry, "registry");
            return new Directory(this);
        }
    }
}
