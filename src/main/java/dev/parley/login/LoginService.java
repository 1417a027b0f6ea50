package dev.parley.login;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.parley.account.Account;
import dev.parley.account.AccountKey;
import dev.parley.account.AccountStore;
import dev.parley.account.Platform;
import dev.parley.card.Button;
import dev.parley.card.Card;
import dev.parley.card.CardImage;
import dev.parley.card.QrCodes;
import dev.parley.command.CommandException;
import dev.parley.command.Invocation;
import dev.parley.command.LiveCards;
import dev.parley.connector.AccountConnector;
import dev.parley.connector.AccountEvents;
import dev.parley.connector.Connected;
import dev.parley.connector.ConnectorException;
import dev.parley.connector.Connectors;
import dev.parley.connector.LoginOptions;
import dev.parley.connector.LoginProgress;
import dev.parley.connector.LoginStart;
import dev.parley.i18n.Messages;

/**
 * Logins from chat. Starting one asks the platform for a QR code (or a pairing code to type on the phone), answers
 * with a card carrying it as a PNG, and polls the platform every few seconds — at once when the connector says the
 * login moved on — editing the card in place: a new QR code where the platform rotates them, scanned by whom, online
 * as whom, or expired with a Refresh button. A re-login always reuses the account's device (its provider id), region
 * and proxy: a new device for the same WeChat account triggers risk control.
 */
public final class LoginService implements AccountEvents, AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LoginService.class.getName());

    private final Connectors connectors;
    private final AccountStore accounts;
    private final Messages messages;
    private final InstantSource clock;
    private final Duration pollEvery;
    private final Duration giveUpAfter;
    private final ScheduledExecutorService scheduler;
    private final Map<Long, Session> sessions = new ConcurrentHashMap<>();
    private final List<LongConsumer> loginListeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    private LoginService(Builder b) {
        this.connectors = b.connectors;
        this.accounts = b.accounts;
        this.messages = b.messages;
        this.clock = b.clock;
        this.pollEvery = b.pollEvery;
        this.giveUpAfter = b.giveUpAfter;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "parley-login-poll"));
    }

    /**
     * @param connectors the platforms
     * @param accounts   the accounts
     * @param messages   texts of the cards
     * @return a builder
     */
    public static Builder builder(Connectors connectors, AccountStore accounts, Messages messages) {
        return new Builder(connectors, accounts, messages);
    }

    /**
     * @param listener told the account id after every completed login (to sync contacts, resume sends…)
     */
    public void onLoggedIn(LongConsumer listener) {
        loginListeners.add(listener);
    }

    /** The connector says the login of this account moved on: poll it now rather than at the next tick. */
    @Override
    public void loginChanged(long accountId) {
        Session session = sessions.get(accountId);
        if (session != null && !closed) {
            Thread.ofVirtual().name("parley-login-" + accountId).start(() -> poll(session));
        }
    }

    /**
     * Starts a login of a new device.
     *
     * @param inv      the command, whose answer becomes the live card
     * @param platform the platform
     * @param label    the name admins give the account, or {@code null}
     * @param options  region and proxy
     * @return the first version of the card
     */
    public Card addAccount(Invocation inv, Platform platform, String label, LoginOptions options) {
        AccountConnector connector = connectors.require(platform);
        LoginStart start = startOrExplain(connector, null, options);
        long id = accounts.pending(new AccountKey(platform, start.externalId()), label, start.options().region(),
                start.options().proxy());
        return begin(inv, connector, id, start);
    }

    /**
     * Brings an account into service with credentials (a Cloud API token): the platform checks them at once, and the
     * card says who the account is and what the platform says about it.
     *
     * @param inv         the command
     * @param platform    a platform whose accounts come with credentials
     * @param label       the name admins give the account, or {@code null}
     * @param credentials what the admin typed, by option name
     * @return the card
     */
    public Card connectAccount(Invocation inv, Platform platform, String label, Map<String, String> credentials) {
        AccountConnector connector = connectors.require(platform);
        Connected connected;
        try {
            connected = connector.connect(credentials);
        } catch (ConnectorException e) {
            throw switch (e.kind()) {
                case CONFIGURATION -> new CommandException("login.error.credentials", "reason", e.getMessage());
                case TRANSIENT -> new CommandException("login.error.unreachable");
                default -> new CommandException("login.error.refused", "reason", e.getMessage());
            };
        }
        AccountKey key = new AccountKey(platform, connected.externalId());
        long id = accounts.pending(key, label, null, null);
        accounts.loggedIn(id, connected.selfId(), connected.name());
        Account account = accounts.find(id).orElseThrow();
        LOG.info(() -> "account " + id + " connected on " + platform.code() + " as " + connected.selfId());
        Card.Builder card = Card.builder(inv.t("login.online.title", "nickname", connected.name(),
                        "self", connected.selfId()))
                .tone(Card.Tone.SUCCESS)
                .text(inv.t("login.online.text", "account", account.displayName(), "id", account.id()));
        connected.facts().forEach(fact -> card.shortField(inv.t(fact.labelKey()), fact.value()));
        card.button(Button.of(inv.t("login.info_button"), "/bot info " + account.id()));
        loggedIn(id);
        return card.build();
    }

    /**
     * Starts a QR login on an account's existing device.
     *
     * @param inv     the command, whose answer becomes the live card
     * @param account the account
     * @return the first version of the card
     */
    public Card relogin(Invocation inv, Account account) {
        AccountConnector connector = connectors.require(account.platform());
        if (connector.connectsWithCredentials()) {
            throw new IllegalArgumentException("a " + account.platform().code() + " account comes back with connectAccount");
        }
        LoginOptions options = new LoginOptions(account.loginRegion(), account.loginProxy());
        LoginStart start;
        try {
            start = connector.startLogin(account.externalId(), options);
        } catch (ConnectorException e) {
            if (e.kind() == ConnectorException.Kind.ALREADY_ONLINE) {
                return Card.builder(inv.t("login.already_online.title", "account", account.displayName()))
                        .tone(Card.Tone.SUCCESS).text(inv.t("login.already_online.text", "id", account.id())).build();
            }
            throw explain(e);
        }
        accounts.pending(new AccountKey(account.platform(), account.externalId()), null, start.options().region(),
                start.options().proxy());
        return begin(inv, connector, account.id(), start);
    }

    /**
     * Passes the verification code the phone shows on to the next poll of the account's login.
     *
     * @param accountId the account
     * @param code      the code
     * @return whether a login of that account is in progress
     */
    public boolean submitCode(long accountId, String code) {
        Session session = sessions.get(accountId);
        if (session == null) {
            return false;
        }
        session.code = code;
        return true;
    }

    /**
     * Stops polling a login.
     *
     * @param accountId the account
     * @param locale    the locale of the final card version
     * @return whether a login was in progress
     */
    public boolean cancel(long accountId, String locale) {
        Session session = sessions.remove(accountId);
        if (session == null) {
            return false;
        }
        session.stop();
        session.live.finish(Card.builder(messages.text(session.live.locale(), "login.cancelled.title"))
                .text(messages.text(session.live.locale(), "login.cancelled.text")).build());
        return true;
    }

    /**
     * @param accountId an account
     * @return whether a login of it is being polled
     */
    public boolean inProgress(long accountId) {
        return sessions.containsKey(accountId);
    }

    /** Stops every poll; the cards keep their last version. */
    @Override
    public void close() {
        closed = true;
        scheduler.shutdownNow();
        sessions.values().forEach(Session::stop);
        sessions.clear();
    }

    private Card begin(Invocation inv, AccountConnector connector, long accountId, LoginStart start) {
        LiveCards.LiveCard live = inv.live();
        Session session = new Session(accountId, connector, start, live, clock.millis());
        Session previous = sessions.put(accountId, session);
        if (previous != null) {
            previous.stop();
            previous.live.finish(Card.builder(messages.text(previous.live.locale(), "login.replaced.title")).build());
        }
        session.task = scheduler.scheduleWithFixedDelay(() -> Thread.ofVirtual().name("parley-login-" + accountId)
                .start(() -> poll(session)), pollEvery.toMillis(), pollEvery.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info(() -> "login started account=" + accountId + " region=" + start.options().region());
        return waitingCard(session, null);
    }

    private void poll(Session session) {
        if (!session.polling.compareAndSet(false, true)) {
            session.again = true; // the poll under way may have asked before the change: it asks once more
            return;
        }
        try {
            do {
                session.again = false;
                pollOnce(session);
            } while (session.again && sessions.get(session.accountId) == session);
        } finally {
            session.polling.set(false);
        }
    }

    private void pollOnce(Session session) {
        try {
            if (sessions.get(session.accountId) != session) {
                return;
            }
            if (clock.millis() - session.startedAt > giveUpAfter.toMillis()) {
                finish(session, expiredCard(session));
                return;
            }
            String code = session.code;
            LoginProgress progress = session.connector.checkLogin(session.start, code);
            if (code != null) {
                session.code = null;
            }
            session.unreachable = false;
            boolean newCode = session.showing(progress);
            switch (progress.state()) {
                case WAITING -> {
                    if (session.lastState != LoginProgress.State.WAITING || newCode) {
                        session.live.update(waitingCard(session, progress.secondsLeft()));
                    }
                }
                case SCANNED -> {
                    if (session.lastState != LoginProgress.State.SCANNED) {
                        session.live.update(scannedCard(session, progress.nickname()));
                    }
                }
                case EXPIRED -> finish(session, expiredCard(session));
                case ONLINE -> online(session, progress);
            }
            session.lastState = progress.state();
        } catch (ConnectorException e) {
            if (e.kind() == ConnectorException.Kind.TRANSIENT) {
                if (!session.unreachable) {
                    session.unreachable = true;
                    session.live.update(Card.builder(t(session, "login.unreachable.title")).tone(Card.Tone.WARNING)
                            .text(t(session, "login.unreachable.text")).build());
                }
                return;
            }
            LOG.warning("login of account " + session.accountId + " failed: " + e.getMessage());
            finish(session, Card.error(t(session, "login.failed.title"), t(session, "login.failed.text", "reason",
                    reason(session.live.locale(), e))));
        } catch (RuntimeException e) {
            if (closed) {
                return; // the service is stopping under this poll
            }
            LOG.log(Level.SEVERE, "login poll of account " + session.accountId + " failed", e);
            finish(session, Card.error(t(session, "login.failed.title"), t(session, "login.failed.text", "reason",
                    String.valueOf(e.getMessage()))));
        }
    }

    private void online(Session session, LoginProgress progress) {
        accounts.loggedIn(session.accountId, progress.selfId(), progress.nickname());
        Account account = accounts.find(session.accountId).orElseThrow();
        LOG.info(() -> "login complete account=" + session.accountId + " self=" + progress.selfId());
        String problem = afterLogin(session.connector, account);
        Card.Builder card = Card.builder(t(session, "login.online.title", "nickname", String.valueOf(progress.nickname()),
                        "self", progress.selfId()))
                .tone(Card.Tone.SUCCESS)
                .text(t(session, "login.online.text", "account", account.displayName(), "id", account.id()))
                .button(Button.of(t(session, "login.info_button"), "/bot info " + account.id()));
        if (problem != null) {
            card.footer(t(session, "login.callback_failed", "reason", problem));
        }
        finish(session, card.build());
        loggedIn(session.accountId);
    }

    private void loggedIn(long accountId) {
        for (LongConsumer listener : loginListeners) {
            try {
                listener.accept(accountId);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a login listener failed for account " + accountId, e);
            }
        }
    }

    /** Lets the connector ready the account for receiving (GeWe registers its webhook); returns a problem, or null. */
    private static String afterLogin(AccountConnector connector, Account account) {
        try {
            connector.afterLogin(account.externalId());
            return null;
        } catch (ConnectorException e) {
            LOG.warning("could not ready account " + account.id() + " for receiving on " + connector.platform().code()
                    + ": " + e.getMessage());
            return e.getMessage();
        }
    }

    private void finish(Session session, Card card) {
        session.stop();
        sessions.remove(session.accountId, session);
        session.live.finish(card);
    }

    private Card waitingCard(Session session, Integer secondsLeft) {
        Account account = accounts.find(session.accountId).orElseThrow();
        LoginOptions options = session.start.options();
        String platform = account.platform().code();
        Card.Builder card;
        if (session.pairingCode != null) {
            card = Card.builder(t(session, "login.pairing.title", "account", account.displayName()))
                    .text(t(session, "login.pairing.text." + platform, "code", session.pairingCode,
                            "phone", String.valueOf(options.phone())));
        } else {
            card = Card.builder(t(session, "login.waiting.title", "account", account.displayName()))
                    .image(new CardImage(QrCodes.png(session.qr), t(session, "login.qr_alt")))
                    .text(t(session, "login.waiting.text." + platform, "seconds", secondsLeft == null ? 150 : secondsLeft));
        }
        card.shortField(t(session, "login.account"), "#" + account.id());
        if (options.region() != null) {
            card.shortField(t(session, "login.region"), options.region());
        }
        return card.button(Button.primary(t(session, "login.refresh"), "/bot relogin " + account.id()))
                .button(Button.of(t(session, "login.cancel"), "/bot cancel " + account.id()))
                .footer(t(session, "login.waiting.footer." + platform))
                .build();
    }

    private Card scannedCard(Session session, String nickname) {
        return Card.builder(t(session, "login.scanned.title", "nickname", String.valueOf(nickname)))
                .text(t(session, "login.scanned.text", "id", session.accountId))
                .button(Button.of(t(session, "login.cancel"), "/bot cancel " + session.accountId))
                .build();
    }

    private Card expiredCard(Session session) {
        return Card.builder(t(session, "login.expired.title")).tone(Card.Tone.WARNING)
                .text(t(session, "login.expired.text"))
                .button(Button.primary(t(session, "login.refresh"), "/bot relogin " + session.accountId))
                .build();
    }

    private LoginStart startOrExplain(AccountConnector connector, String externalId, LoginOptions options) {
        try {
            return connector.startLogin(externalId, options);
        } catch (ConnectorException e) {
            throw explain(e);
        }
    }

    private static CommandException explain(ConnectorException e) {
        return switch (e.kind()) {
            case CONFIGURATION -> new CommandException("login.error.configuration");
            case TRANSIENT -> new CommandException("login.error.unreachable");
            default -> new CommandException("login.error.refused", "reason", e.getMessage());
        };
    }

    private String reason(String locale, ConnectorException e) {
        return e.kind() == ConnectorException.Kind.CONFIGURATION ? messages.text(locale, "login.error.configuration")
                : e.getMessage();
    }

    private String t(Session session, String key, Object... args) {
        return messages.text(session.live.locale(), key, args);
    }

    /** One login being polled. */
    private static final class Session {
        private final long accountId;
        private final AccountConnector connector;
        private final LoginStart start;
        private final LiveCards.LiveCard live;
        private final long startedAt;
        private final java.util.concurrent.atomic.AtomicBoolean polling = new java.util.concurrent.atomic.AtomicBoolean();
        private volatile boolean again;
        private volatile String qr;
        private volatile String pairingCode;
        private volatile ScheduledFuture<?> task;
        private volatile String code;
        private volatile LoginProgress.State lastState = LoginProgress.State.WAITING;
        private volatile boolean unreachable;

        private Session(long accountId, AccountConnector connector, LoginStart start, LiveCards.LiveCard live,
                        long startedAt) {
            this.accountId = accountId;
            this.connector = connector;
            this.start = start;
            this.live = live;
            this.startedAt = startedAt;
            this.qr = start.qrData();
            this.pairingCode = start.pairingCode();
        }

        /** Takes a new QR or pairing code the progress carries; returns whether the card must show it. */
        private boolean showing(LoginProgress progress) {
            boolean changed = false;
            if (progress.qrData() != null && !progress.qrData().equals(qr)) {
                qr = progress.qrData();
                changed = pairingCode == null;
            }
            if (progress.pairingCode() != null && !progress.pairingCode().equals(pairingCode)) {
                pairingCode = progress.pairingCode();
                changed = true;
            }
            return changed;
        }

        private void stop() {
            ScheduledFuture<?> t = task;
            if (t != null) {
                t.cancel(false);
            }
        }
    }

    /** Configures a {@link LoginService}. */
    public static final class Builder {
        private final Connectors connectors;
        private final AccountStore accounts;
        private final Messages messages;
        private InstantSource clock = InstantSource.system();
        private Duration pollEvery = Duration.ofSeconds(5);
        private Duration giveUpAfter = Duration.ofMinutes(5);

        private Builder(Connectors connectors, AccountStore accounts, Messages messages) {
            this.connectors = connectors;
            this.accounts = accounts;
            this.messages = messages;
        }

        /**
         * @param every how often the platform is asked how far a login got (GeWe: every 5 s)
         * @param giveUp how long a login is polled at most
         * @return this builder
         */
        public Builder polling(Duration every, Duration giveUp) {
            this.pollEvery = every;
            this.giveUpAfter = giveUp;
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

        /** @return the service */
        public LoginService build() {
            return new LoginService(this);
        }
    }
}
