package dev.parley.outbound;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

import dev.parley.account.Account;
import dev.parley.account.AccountKey;
import dev.parley.account.AccountStatus;
import dev.parley.account.AccountStore;
import dev.parley.account.Platform;
import dev.parley.alert.Alerts;
import dev.parley.connector.AccountConnector;
import dev.parley.connector.AccountEvents;
import dev.parley.connector.ConnectorException;
import dev.parley.connector.Receipt;
import dev.parley.connector.Connectors;
import dev.parley.contact.ContactStore;
import dev.parley.ingest.GroupCommitter;
import dev.parley.outbound.OutboundMetrics.Result;
import dev.parley.rbac.Identity;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.jdbi.v3.core.Jdbi;

/**
 * The durable, paced outbound queue: every message Parley sends is queued here with an id first, then sent by its
 * account's own worker, one at a time and at a human pace ({@link Pacing}). Nothing queued is lost across restarts,
 * and nothing is sent twice without an admin deciding: at {@link #start()} a message found {@code sending} (Parley
 * stopped between the platform call and its answer) becomes {@code unknown} with an alert offering Resend and Drop.
 *
 * <p>Admins pause and resume an account's queue; an account that goes offline is held until it is online again.
 * The login monitor reports both with {@link #accountOffline} and {@link #accountOnline} (this queue also hears
 * {@code accountOffline} on the account event bus, and re-reads the status of a held account now and then). When a
 * send finds the account offline, the queue records the status and announces it on the bus.
 */
public final class OutboundQueue implements AccountEvents, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(OutboundQueue.class.getName());
    private static final int MAX_ESTIMATE_STEPS = 10_000;
    private static final int MAX_PROBLEMS = 5;
    /** How long {@link #close()} waits for sends in progress: beyond a platform call's timeout. */
    private static final Duration STOP_WAIT = Duration.ofSeconds(40);

    private final OutboundStore store;
    private final AccountStore accounts;
    private final Connectors connectors;
    private final AccountEvents events;
    private final Map<Platform, Pacing> pacings;
    private final Duration offlineCheck;
    private final InstantSource clock;
    private final RandomGenerator random;
    private final OutboundHistory history;
    private final OutboundAlerts alerts;
    private final OutboundMetrics metrics;
    private final Delivery delivery;
    private final Map<Long, AccountWorker> workers = new ConcurrentHashMap<>();
    private volatile boolean closed;

    private OutboundQueue(Builder b) {
        this.store = new OutboundStore(b.jdbi, b.clock);
        this.accounts = b.accounts;
        this.connectors = b.connectors;
        this.events = b.events;
        this.pacings = Map.copyOf(b.pacings);
        this.offlineCheck = b.offlineCheck;
        this.clock = b.clock;
        this.random = RandomGenerator.getDefault();
        this.history = new OutboundHistory(b.committer, store);
        this.alerts = new OutboundAlerts(b.alerts, b.contacts);
        this.metrics = new OutboundMetrics(b.registry, store);
        this.delivery = new Delivery(store, this::pacing, history, alerts, metrics, clock, random);
    }

    /**
     * @param jdbi       the database
     * @param accounts   the managed accounts
     * @param connectors the platforms
     * @param committer  the writer of {@code messages}, where sent messages are recorded
     * @param alerts     where failed and unknown sends are reported
     * @param contacts   chat names for alerts
     * @return a builder
     */
    public static Builder builder(Jdbi jdbi, AccountStore accounts, Connectors connectors, GroupCommitter committer,
                                  Alerts alerts, ContactStore contacts) {
        return new Builder(jdbi, accounts, connectors, committer, alerts, contacts);
    }

    /**
     * Recovers from the previous run and starts sending: rows left {@code sending} become {@code unknown} (with an
     * alert, never resent silently), sent messages missing from the history are recorded, and a worker starts for
     * every account with queued messages.
     */
    public void start() {
        for (Outbound row : store.stranded()) {
            store.end(row.id(), OutboundState.UNKNOWN, null);
            Optional<Account> account = accounts.find(row.accountId());
            LOG.warning("outbound #" + row.id() + " was being sent when Parley stopped; it is marked unknown and not"
                    + " sent again unless an admin says so");
            account.ifPresent(a -> {
                metrics.count(a.platform(), Result.UNKNOWN);
                alerts.unknown(row, a, null);
            });
        }
        for (Outbound row : store.unrecorded()) {
            accounts.find(row.accountId()).ifPresent(a -> history.recordSent(row, a, row.sent(), row.sentAt()));
        }
        List<Long> busy = store.accountsWithWork();
        busy.forEach(id -> worker(id).signal());
        LOG.info("outbound queue started: " + busy.size() + " account(s) with queued messages");
    }

    /**
     * Queues a message; it gets its id now and goes out when its account's turn and pace allow (and not before
     * the request's {@code notBefore}). A request with an origin already queued returns that message instead.
     *
     * @param request the message
     * @return its id, place and expected time
     */
    public Enqueued enqueue(OutboundRequest request) {
        long id = store.insert(request);
        AccountWorker worker = worker(request.accountId());
        worker.signal();
        return new Enqueued(id, Math.max(1, store.position(request.accountId(), id)),
                expectedAt(worker, request.accountId(), id), hold(request.accountId()));
    }

    /**
     * Estimates when messages not queued yet would all have gone out, were they queued now behind the account's
     * queue, at its pace (what nothing holds); past {@value #MAX_ESTIMATE_STEPS} messages the pace so far is
     * extrapolated.
     *
     * @param accountId the account
     * @param chats     where the messages would go, in order
     * @return when the last would go, epoch ms
     */
    public long estimate(long accountId, List<Recipient> chats) {
        long now = clock.millis();
        List<Pacer.Step> steps = new ArrayList<>(store.stepsUpTo(accountId, Long.MAX_VALUE, MAX_ESTIMATE_STEPS));
        int queued = steps.size();
        for (Recipient chat : chats) {
            if (steps.size() >= MAX_ESTIMATE_STEPS) {
                break;
            }
            steps.add(new Pacer.Step(chat.chatId(), chat.type(), 0));
        }
        long last = worker(accountId).pacer().estimate(steps, now);
        int counted = steps.size() - queued;
        return counted >= chats.size() || counted == 0 ? last
                : now + (long) ((last - now) * ((double) (queued + chats.size()) / steps.size()));
    }

    /**
     * @param id an outbound id
     * @return the message, if it exists
     */
    public Optional<Outbound> find(long id) {
        return store.find(id);
    }

    /**
     * @param origin what queued an automatic message ({@code rule:…}, {@code sop:…})
     * @return the message queued for it, if any
     */
    public Optional<Outbound> findByOrigin(String origin) {
        return store.findByOrigin(origin);
    }

    /**
     * Holds an account's messages until {@link #resume}; a send in progress finishes.
     *
     * @param accountId the account
     * @param by        who paused it
     * @return false when it was paused already
     */
    public boolean pause(long accountId, Identity by) {
        boolean paused = store.pause(accountId, by);
        worker(accountId).signal();
        return paused;
    }

    /**
     * @param accountId the account
     * @return false when it was not paused
     */
    public boolean resume(long accountId) {
        boolean resumed = store.resume(accountId);
        worker(accountId).signal();
        return resumed;
    }

    /**
     * The account is online again (after a reconnect or a new login): its held messages go out now. The queue takes
     * the caller's word; without this call it releases them once the account's status reads online.
     *
     * @param accountId the account
     */
    public void accountOnline(long accountId) {
        worker(accountId).online();
    }

    /**
     * The account went offline: its messages wait until {@link #accountOnline} (or until its status reads online).
     *
     * @param accountId the account
     */
    @Override
    public void accountOffline(long accountId) {
        worker(accountId).offline();
    }

    /**
     * Queues a failed or unknown message again, from its first attempt.
     *
     * @param id an outbound id
     * @return its new place, or empty when it is not failed or unknown
     */
    public Optional<Enqueued> resend(long id) {
        Optional<Outbound> row = store.find(id);
        if (row.isEmpty() || !store.resend(id)) {
            return Optional.empty();
        }
        alerts.settled(id);
        long accountId = row.get().accountId();
        AccountWorker worker = worker(accountId);
        worker.signal();
        return Optional.of(new Enqueued(id, Math.max(1, store.position(accountId, id)), expectedAt(worker, accountId, id),
                hold(accountId)));
    }

    /**
     * Drops a queued, failed or unknown message.
     *
     * @param id an outbound id
     * @return false when it is in no state to drop
     */
    public boolean drop(long id) {
        Optional<Outbound> row = store.find(id);
        if (row.isEmpty() || !store.cancel(id)) {
            return false;
        }
        alerts.settled(id);
        worker(row.get().accountId()).signal();
        return true;
    }

    /**
     * Withdraws a sent message, between sends of its account, and records the withdrawal in the history.
     *
     * @param row a sent message
     * @return false when it was withdrawn already
     * @throws ConnectorException when the platform refuses (too old) or cannot be reached
     */
    public boolean revoke(Outbound row) throws ConnectorException {
        if (row.state() != OutboundState.SENT || row.sent() == null) {
            throw new IllegalArgumentException("outbound #" + row.id() + " is " + row.state().code() + ", not sent");
        }
        Account account = accounts.find(row.accountId()).orElseThrow(() -> new IllegalStateException(
                "account " + row.accountId() + " of outbound #" + row.id() + " is gone"));
        AccountConnector connector = connectors.find(account.platform()).orElseThrow(() -> new ConnectorException(
                ConnectorException.Kind.CONFIGURATION, account.platform().code() + " is not configured", null));
        worker(row.accountId()).exclusive(() -> connector.revoke(account.externalId(), row.chatId(), row.sent()));
        if (!store.revoked(row.id())) {
            return false;
        }
        history.recordRevoke(row, account, clock.millis());
        return true;
    }

    /**
     * @param accountId an account
     * @return how its queue stands
     */
    public QueueStatus status(long accountId) {
        OutboundStore.Counts counts = store.counts(accountId);
        return status(accountId, counts);
    }

    /** @return how the queue stands for every account with messages queued, in flight or in trouble, or paused */
    public List<QueueStatus> statuses() {
        Map<Long, OutboundStore.Counts> counts = new TreeMap<>(store.counts());
        store.pausedAccounts().forEach(id -> counts.putIfAbsent(id, new OutboundStore.Counts(0, 0, 0)));
        List<QueueStatus> statuses = new ArrayList<>();
        counts.forEach((id, c) -> statuses.add(status(id, c)));
        return statuses;
    }

    /**
     * @param accountId an account, or {@code null} for all
     * @return the latest failed and unknown messages, newest first
     */
    public List<Outbound> problems(Long accountId) {
        return store.problems(accountId, MAX_PROBLEMS);
    }

    /**
     * @param accountId an account
     * @param max       how many at most
     * @return its latest sent messages with what the platform said became of them, newest first
     */
    public List<Outbound> latestSent(long accountId, int max) {
        return store.latestSent(accountId, max);
    }

    /** Records what the platform says became of sent messages; one that failed after all is alerted like a failed send. */
    @Override
    public void receipts(long accountId, List<Receipt> receipts) {
        for (Receipt receipt : receipts) {
            Optional<Outbound> moved = store.receipt(accountId, receipt);
            if (moved.isPresent() && receipt.status() == Receipt.Status.FAILED) {
                Outbound row = moved.get();
                LOG.warning("outbound #" + row.id() + " of account " + accountId + " was not delivered: " + receipt.error());
                accounts.find(accountId).ifPresent(account -> {
                    metrics.count(account.platform(), Result.FAILED);
                    alerts.failed(row, account, String.valueOf(receipt.error()));
                });
            }
        }
    }

    /** Stops every worker after its send in progress, waiting a while for each. Call before the committer closes. */
    @Override
    public void close() {
        closed = true;
        workers.values().forEach(AccountWorker::stop);
        long deadline = System.nanoTime() + STOP_WAIT.toNanos();
        for (AccountWorker worker : workers.values()) {
            try {
                if (!worker.join((deadline - System.nanoTime()) / 1_000_000)) {
                    LOG.warning("an outbound worker did not stop in time; its message in flight will be marked"
                            + " unknown at the next start");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private QueueStatus status(long accountId, OutboundStore.Counts counts) {
        Optional<OutboundStore.Pause> pause = store.pause(accountId);
        Hold hold = hold(accountId, pause.isPresent());
        Long next = null;
        if (hold == Hold.NONE && counts.queued() > 0) {
            Optional<Outbound> head = store.head(accountId);
            if (head.isPresent()) {
                next = expectedAt(worker(accountId), accountId, head.get().id());
            }
        }
        return new QueueStatus(accountId, counts.queued(), counts.sending(), counts.problems(), hold,
                pause.map(OutboundStore.Pause::by).orElse(null), pause.map(OutboundStore.Pause::at).orElse(null), next);
    }

    private Hold hold(long accountId) {
        return hold(accountId, store.pause(accountId).isPresent());
    }

    private Hold hold(long accountId, boolean paused) {
        if (paused) {
            return Hold.PAUSED;
        }
        AccountWorker worker = workers.get(accountId);
        boolean offline = worker != null ? worker.isOffline()
                : accounts.find(accountId).map(a -> a.status() == AccountStatus.OFFLINE).orElse(false);
        return offline ? Hold.OFFLINE : Hold.NONE;
    }

    private long expectedAt(AccountWorker worker, long accountId, long id) {
        return worker.pacer().estimate(store.stepsUpTo(accountId, id, MAX_ESTIMATE_STEPS), clock.millis());
    }

    private AccountWorker worker(long accountId) {
        if (closed) {
            throw new IllegalStateException("the outbound queue is closed");
        }
        return workers.computeIfAbsent(accountId, this::newWorker);
    }

    private AccountWorker newWorker(long accountId) {
        Optional<Account> account = accounts.find(accountId);
        Pacing pacing = pacing(account.map(Account::platform).orElse(Platform.WECHAT));
        Pacer pacer = new Pacer(pacing, random, account.map(a -> a.createdAt() + pacing.warmup().toMillis())
                .orElse(Long.MIN_VALUE));
        long since = clock.millis() - Math.max(pacing.window().toMillis(), pacing.groupGapMax().toMillis());
        store.recentSends(accountId, since, pacing.limit()).forEach(s -> pacer.sent(s.chatId(), s.at()));
        boolean offline = account.map(a -> a.status() == AccountStatus.OFFLINE).orElse(false);
        AccountWorker worker = new AccountWorker(accountId, new AccountWorker.Context(store, accounts, connectors,
                delivery, offlineCheck, clock, this::wentOffline), pacer, offline);
        worker.start();
        return worker;
    }

    /** The pace of a platform's accounts: as configured for it, else WeChat's (GeWe's guidance). */
    private Pacing pacing(Platform platform) {
        return pacings.getOrDefault(platform, Pacing.defaults());
    }

    /**
     * A send found the account offline: record it (unless a login is already under way), and tell the features
     * listening, the login monitor among them.
     */
    private void wentOffline(Account account) {
        LOG.info("account " + account.id() + " is offline (a send was refused); its outbound queue waits until it is"
                + " online again");
        if (accounts.markOffline(new AccountKey(account.platform(), account.externalId()), null)) {
            events.accountOffline(account.id());
        }
    }

    /** Why an account's messages are not going out. */
    public enum Hold {
        /** They are going out. */
        NONE,
        /** An admin paused the account's queue. */
        PAUSED,
        /** The account is offline. */
        OFFLINE
    }

    /**
     * A message just queued.
     *
     * @param id         its id
     * @param position   its place in its account's queue, 1 being next
     * @param expectedAt when it is expected to go at the current pace, epoch ms (if nothing holds it)
     * @param hold       what holds the account's queue, if anything
     */
    public record Enqueued(long id, int position, long expectedAt, Hold hold) {
    }

    /**
     * How one account's queue stands.
     *
     * @param accountId the account
     * @param queued    messages waiting
     * @param sending   messages with the platform right now (0 or 1)
     * @param problems  failed or unknown messages waiting for an admin
     * @param hold      what holds the queue, if anything
     * @param pausedBy  who paused it, or {@code null}
     * @param pausedAt  when, or {@code null}
     * @param nextAt    when the next message is expected to go, or {@code null} when none will now
     */
    public record QueueStatus(long accountId, int queued, int sending, int problems, Hold hold, String pausedBy,
                              Long pausedAt, Long nextAt) {
    }

    /** Configures an {@link OutboundQueue}. */
    public static final class Builder {
        private final Jdbi jdbi;
        private final AccountStore accounts;
        private final Connectors connectors;
        private final GroupCommitter committer;
        private final Alerts alerts;
        private final ContactStore contacts;
        private AccountEvents events = new AccountEvents() { };
        private final Map<Platform, Pacing> pacings = new java.util.EnumMap<>(Platform.class);
        private Duration offlineCheck = Duration.ofSeconds(30);
        private InstantSource clock = InstantSource.system();
        private PrometheusRegistry registry = new PrometheusRegistry();

        private Builder(Jdbi jdbi, AccountStore accounts, Connectors connectors, GroupCommitter committer,
                        Alerts alerts, ContactStore contacts) {
            this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
            this.accounts = Objects.requireNonNull(accounts, "accounts");
            this.connectors = Objects.requireNonNull(connectors, "connectors");
            this.committer = Objects.requireNonNull(committer, "committer");
            this.alerts = Objects.requireNonNull(alerts, "alerts");
            this.contacts = Objects.requireNonNull(contacts, "contacts");
        }

        /**
         * @param events where the queue announces accounts it found offline (the account event bus)
         * @return this builder
         */
        public Builder events(AccountEvents events) {
            this.events = Objects.requireNonNull(events, "events");
            return this;
        }

        /**
         * @param platform a platform
         * @param pacing   how fast its accounts send and how failures are retried (default: WeChat's)
         * @return this builder
         */
        public Builder pacing(Platform platform, Pacing pacing) {
            this.pacings.put(Objects.requireNonNull(platform, "platform"), Objects.requireNonNull(pacing, "pacing"));
            return this;
        }

        /**
         * @param every how often the status of an account held as offline is read again (default 30 s)
         * @return this builder
         */
        public Builder offlineCheck(Duration every) {
            this.offlineCheck = Objects.requireNonNull(every, "every");
            return this;
        }

        /**
         * @param clock the present
         * @return this builder
         */
        public Builder clock(InstantSource clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param registry where the metrics go
         * @return this builder
         */
        public Builder registry(PrometheusRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** @return the queue, not yet started */
        public OutboundQueue build() {
            return new OutboundQueue(this);
        }
    }
}
