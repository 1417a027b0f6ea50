package dev.parley;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.parley.account.AccountRegistry;
import dev.parley.account.Platform;
import dev.parley.ai.AiCommands;
import dev.parley.ai.AiMetrics;
import dev.parley.ai.AiModes;
import dev.parley.ai.AiPauses;
import dev.parley.ai.AiQuota;
import dev.parley.ai.AiSettings;
import dev.parley.ai.Conversations;
import dev.parley.ai.CostCommand;
import dev.parley.ai.CostLedger;
import dev.parley.ai.DraftCardMessages;
import dev.parley.ai.DraftCards;
import dev.parley.ai.DraftPoster;
import dev.parley.ai.DraftRecovery;
import dev.parley.ai.DraftResumption;
import dev.parley.ai.DraftSender;
import dev.parley.ai.DraftStore;
import dev.parley.ai.DraftWatcher;
import dev.parley.ai.Drafter;
import dev.parley.ai.Triggers;
import dev.parley.account.AccountStateListener;
import dev.parley.account.AccountStore;
import dev.parley.account.BotCommands;
import dev.parley.alert.Alerts;
import dev.parley.alert.AlertsCommand;
import dev.parley.alert.LogAlertSink;
import dev.parley.audit.AuditCommand;
import dev.parley.audit.AuditLog;
import dev.parley.automation.OptOuts;
import dev.parley.automation.SavedTemplates;
import dev.parley.automation.TagCommands;
import dev.parley.automation.Tags;
import dev.parley.automation.TemplateTextCommands;
import dev.parley.automation.rules.RuleSettings;
import dev.parley.automation.rules.RuleWatcher;
import dev.parley.automation.rules.Rules;
import dev.parley.automation.sop.Broadcasts;
import dev.parley.automation.sop.SopRunner;
import dev.parley.card.Times;
import dev.parley.channel.AdminChannel;
import dev.parley.channel.ChannelAlertSink;
import dev.parley.channel.ChannelBindings;
import dev.parley.channel.ChannelCommands;
import dev.parley.channel.ChannelDeliveries;
import dev.parley.channel.ChannelGateway;
import dev.parley.channel.ChannelStatus;
import dev.parley.channel.dingtalk.DingTalkAdmin;
import dev.parley.channel.dingtalk.DingTalkSettings;
import dev.parley.channel.discord.DiscordAdmin;
import dev.parley.channel.discord.DiscordSettings;
import dev.parley.channel.feishu.FeishuAdmin;
import dev.parley.channel.feishu.FeishuSettings;
import dev.parley.channel.http.CommandApiService;
import dev.parley.channel.telegram.TelegramBot;
import dev.parley.channel.telegram.TelegramSettings;
import dev.parley.chart.ChartRenderer;
import dev.parley.command.CardActions;
import dev.parley.command.CommandCatalog;
import dev.parley.command.CommandEngine;
import dev.parley.command.CoreCommands;
import dev.parley.command.UserPrefs;
import dev.parley.config.Sealer;
import dev.parley.config.Secrets;
import dev.parley.connector.AccountConnector;
import dev.parley.connector.AccountEventBus;
import dev.parley.connector.AccountIntake;
import dev.parley.connector.ConnectorContext;
import dev.parley.connector.ConnectorStatus;
import dev.parley.connector.Connectors;
import dev.parley.connector.gewe.GeweConnector;
import dev.parley.connector.whatsapp.WhatsAppConnector;
import dev.parley.connector.whatsappcloud.CloudConnector;
import dev.parley.contact.ContactStore;
import dev.parley.db.Database;
import dev.parley.directory.Directory;
import dev.parley.directory.SyncSettings;
import dev.parley.http.ConnectionLimits;
import dev.parley.http.WebhookMetrics;
import dev.parley.i18n.Messages;
import dev.parley.kb.KbCommands;
import dev.parley.kb.KnowledgeBase;
import dev.parley.media.MediaCache;
import dev.parley.media.MediaCommand;
import dev.parley.media.MediaDownloads;
import dev.parley.media.MediaService;
import dev.parley.message.MessageStore;
import dev.parley.outbound.OutboundCommands;
import dev.parley.outbound.OutboundQueue;
import dev.parley.outbound.Pacing;
import dev.parley.outbound.ReplyMention;
import dev.parley.outbound.ReplyWindows;
import dev.parley.outbound.TemplateCommands;
import dev.parley.outbound.Recipients;
import dev.parley.outbound.Templates;
import dev.parley.ingest.GroupCommitter;
import dev.parley.ingest.MessageWriter;
import dev.parley.login.LoginCommands;
import dev.parley.login.LoginService;
import dev.parley.login.OnlineMonitor;
import dev.parley.ops.Health;
import dev.parley.ops.HealthService;
import dev.parley.ops.MetricsService;
import dev.parley.ops.StatusCommand;
import dev.parley.rbac.Identity;
import dev.parley.rbac.RoleCommands;
import dev.parley.rbac.RoleStore;
import dev.parley.search.IndexStatus;
import dev.parley.search.MessageIndex;
import dev.parley.search.SearchCommand;
import dev.parley.search.SearchService;
import dev.parley.stats.DigestScheduler;
import dev.parley.stats.Digests;
import dev.parley.stats.Stats;
import dev.parley.stats.StatsAggregator;
import dev.parley.stats.StatsCommands;

import io.helidon.config.Config;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;

import io.prometheus.metrics.instrumentation.jvm.JvmMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The running service, wired by hand from configuration (no container): the database, ingestion, the
 * search index, the outbound queue, the command engine, and the HTTP server in front of them. {@link #close()}
 * stops them in the order that loses nothing: HTTP first (in-flight requests finish), then keyword rules (the
 * message being acted on is finished), broadcasts (the round in progress finishes) and AI drafting (drafts being written finish), then the outbound queue
 * and media downloads (sends in progress finish and are recorded), then ingestion (queued messages commit), then
 * the index (commits its watermark) and the knowledge base index, then the database.
 */
public final class Parley implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Parley.class.getName());

    private final List<AutoCloseable> stopOrder;
    private final WebServer server;
    private final Database db;
    private final MessageIndex index;
    private final OutboundQueue outbound;
    private final CommandEngine engine;
    private final Directory directory;
    private final StatsAggregator stats;
    private final Stats statistics;
    private final PrometheusRegistry registry;
    private final ChannelDeliveries deliveries;
    private final ChannelGateway gateway;
    private final SopRunner broadcasts;
    private final String adminToken;
    private boolean closed;

    private Parley(Builder b) {
        this.stopOrder = b.stopOrder;
        this.server = b.server;
        this.db = b.db;
        this.index = b.index;
        this.outbound = b.outbound;
        this.engine = b.engine;
        this.directory = b.directory;
        this.stats = b.stats;
        this.statistics = b.statistics;
        this.registry = b.registry;
        this.deliveries = b.deliveries;
        this.gateway = b.gateway;
        this.broadcasts = b.sopRunner;
        this.adminToken = b.adminToken;
    }

    /**
     * Builds and starts everything described by {@code config}.
     *
     * @param config the root configuration (the service reads its {@code parley} node)
     * @return the running service
     */
    public static Parley start(Config config) {
        Builder b = new Builder();
        try {
            b.build(config.get("parley"));
            return new Parley(b);
        } catch (RuntimeException e) {
            b.closeAll();
            throw e;
        }
    }

    /**
     * Registers every HTTP endpoint.
     *
     * @param routing    the routing to fill
     * @param health     {@code GET /health}
     * @param metrics    {@code GET /metrics}
     * @param commands   {@code POST /api/commands}, {@code POST /api/actions}
     * @param media      {@code GET /api/media/{message id}}
     * @param connectors the platforms' webhooks ({@code POST /webhooks/gewe/{secret}}, …)
     * @param channels   the admin channels' webhooks ({@code POST /webhooks/feishu}, …)
     */
    static void routing(HttpRouting.Builder routing, HealthService health, MetricsService metrics,
                        CommandApiService commands, MediaService media, Connectors connectors,
                        List<AdminChannel> channels) {
        routing.register("/health", health)
                .register("/metrics", metrics)
                .register(MediaService.PATH, media)
                .register("/api", commands);
        connectors.routing(routing);
        channels.forEach(c -> c.routing(routing));
    }

    /** @return the port the HTTP server listens on */
    public int port() {
        return server.port();
    }

    /** @return the database */
    public Database db() {
        return db;
    }

    /** @return the message index */
    public MessageIndex index() {
        return index;
    }

    /** @return the outbound queue (the login monitor reports accounts going online and offline to it) */
    public OutboundQueue outbound() {
        return outbound;
    }

    /** @return the command engine */
    public CommandEngine engine() {
        return engine;
    }

    /** @return contacts and groups: syncs, membership history, group events */
    public Directory directory() {
        return directory;
    }

    /** @return keeps the daily statistics tables */
    public StatsAggregator statsAggregator() {
        return stats;
    }

    /** @return the statistics the commands answer with */
    public Stats stats() {
        return statistics;
    }

    /** @return the metrics registry behind {@code /metrics} */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** @return the background deliveries of cards to admin chats (tests register recording channels with it) */
    public ChannelDeliveries deliveries() {
        return deliveries;
    }

    /** @return where chat platforms hand over what people type, press and reply (tests play a platform with it) */
    public ChannelGateway gateway() {
        return gateway;
    }

    /** @return hands broadcasts' sends to the outbound queue (tests wait for its rounds) */
    public SopRunner broadcasts() {
        return broadcasts;
    }

    /** @return the bearer token of the HTTP command channel */
    public String adminToken() {
        return adminToken;
    }

    /** Stops everything in order; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        LOG.info("stopping");
        closeQuietly(stopOrder);
        LOG.info("stopped");
    }

    private static void closeQuietly(List<AutoCloseable> parts) {
        for (AutoCloseable part : parts) {
            try {
                part.close();
            } catch (Exception e) {
                LOG.log(Level.WARNING, "error while stopping " + part.getClass().getSimpleName(), e);
            }
        }
    }

    /** Builds the parts one by one, remembering how to stop what already started if a later part fails. */
    private static final class Builder {
        private final List<AutoCloseable> stopOrder = new ArrayList<>();
        private WebServer server;
        private Database db;
        private MessageIndex index;
        private LoginService logins;
        private OnlineMonitor monitor;
        private GroupCommitter committer;
        private DraftWatcher aiWatcher;
        private volatile RuleWatcher ruleWatcher;
        private SopRunner sopRunner;
        private KnowledgeBase kb;
        private OutboundQueue outbound;
        private MediaDownloads downloads;
        private CommandEngine engine;
        private ChannelDeliveries deliveries;
        private ChannelGateway gateway;
        private final List<AdminChannel> channels = new ArrayList<>();
        private Directory directory;
        private StatsAggregator stats;
        private Stats statistics;
        private DigestScheduler digests;
        private PrometheusRegistry registry;
        private String adminToken;
        private Connectors connectors;

        void build(Config p) {
            Instant startedAt = Instant.now();
            InstantSource clock = InstantSource.system();
            Path dataDir = Path.of(p.get("data.dir").asString().orElse("./data")).toAbsolutePath().normalize();
            String zoneName = p.get("timezone").asString().orElse("");
            ZoneId zone = zoneName.isBlank() ? ZoneId.systemDefault() : ZoneId.of(zoneName);
            Times times = new Times(zone);

            registry = new PrometheusRegistry();
            JvmMetrics.builder().register(registry);
            Messages messages = Messages.load(Parley.class.getClassLoader(), p.get("locale.default").asString().orElse("en"));
            CommandCatalog catalog = CommandCatalog.load();
            catalog.verifyKeys(messages);
            List<Identity> owners = owners(p.get("owners").asString().orElse(""));

            db = Database.open(p.get("db"), dataDir);
            AccountRegistry accountIds = new AccountRegistry(clock);
            AccountStore accounts = new AccountStore(db.jdbi(), accountIds, clock);
            accounts.registerMetrics(registry);
            ContactStore contacts = new ContactStore(db.jdbi(), clock);

            index = MessageIndex.open(dataDir.resolve("index"), db.jdbi(),
                    Duration.ofMillis(p.get("search.refresh.ms").asLong().orElse(250L)), registry);
            index.start();
            AiSettings ai = AiSettings.read(p.get("ai"));
            DraftStore drafts = new DraftStore(db.jdbi(), clock);
            AiPauses aiPauses = new AiPauses(db.jdbi(), clock);
            Triggers triggers = new Triggers(ai.keywords());
            aiWatcher = new DraftWatcher(db.jdbi(), aiPauses, ai.quiet(), ai.takeover(), triggers);
            stats = new StatsAggregator(db.jdbi(), times.zone(), Duration.ofMillis(p.get("stats.poll.ms").asLong().orElse(5000L)));
            stats.start();
            committer = GroupCommitter.builder(new MessageWriter(db.jdbi(), accountIds, clock), registry)
                    .onCommitted(maxId -> {
                        index.notifyCommitted(maxId);
                        stats.nudge();
                        // rules see each message before AI drafting does; they pass it on once they exist
                        if (ruleWatcher != null) {
                            ruleWatcher.notifyCommitted(maxId);
                        } else {
                            aiWatcher.notifyCommitted(maxId);
                        }
                    })
                    .maxBatch(p.get("ingest.batch.max").asInt().orElse(1000))
                    .maxQueued(p.get("ingest.queue.max").asInt().orElse(50_000))
                    .start();

            RoleStore roles = new RoleStore(db.jdbi(), clock);
            roles.seedOwners(owners);
            AuditLog audit = new AuditLog(db.jdbi());
            UserPrefs prefs = new UserPrefs(db.jdbi(), clock);
            CardActions actions = new CardActions(db.jdbi(), clock);
            actions.purgeExpired();

            adminToken = Secrets.configuredOrGenerated(p.get("admin.token").asString().orElse(""),
                    dataDir.resolve("admin-token"));
            AccountEventBus events = new AccountEventBus();
            String publicUrl = p.get("public.url").asString().orElse("").trim().replaceFirst("/+$", "");
            WebhookMetrics webhookMetrics = WebhookMetrics.register(registry);
            int maxWebhookBody = p.get("webhook.max.body.bytes").asInt().orElse(1 << 20);
            ConnectorContext connected = new ConnectorContext(p, new AccountIntake(committer, accounts, contacts, events),
                    dataDir, publicUrl, db.jdbi(), Sealer.open(p.get("secret.key").asString().orElse(""),
                    dataDir.resolve("secret-key")), messages, webhookMetrics, maxWebhookBody,
                    p.get("ingest.ack.timeout.ms").asLong().orElse(2500L), registry, clock);
            connectors = Connectors.of(
                    GeweConnector.create(connected.forConfig(p.get("gewe"))),
                    WhatsAppConnector.create(connected.forConfig(p.get("whatsapp"))),
                    CloudConnector.create(connected.forConfig(p.get("whatsapp"))));

            Alerts alerts = new Alerts(db.jdbi(), clock, Duration.ofMinutes(p.get("alerts.remind.minutes").asLong().orElse(60L)),
                    registry);
            alerts.addSink(new LogAlertSink(messages));
            deliveries = ChannelDeliveries.builder(registry)
                    .maxQueued(p.get("channels.queue.max").asInt().orElse(1000))
                    .build();
            ChannelBindings bindings = new ChannelBindings(db.jdbi(), clock);
            alerts.addSink(new ChannelAlertSink(bindings, deliveries, actions, messages, clock,
                    p.get("channels.alerts.per.minute").asInt().orElse(20)));

            HealthService health = HealthService.builder()
                    .require("db", () -> db.isHealthy() ? Health.up(Map.of("database", db.description()))
                            : Health.down(Map.of("database", db.description())))
                    .require("index", () -> indexHealth(index.status()))
                    .report("ingest", () -> Health.up(Map.of("queued", committer.queueDepth())))
                    .report("connectors", () -> connectorsHealth(connectors))
                    .report("channels", () -> channelsHealth(channels))
                    .build();

            logins = LoginService.builder(connectors, accounts, messages)
                    .polling(Duration.ofMillis(p.get("login.poll.ms").asLong().orElse(5000L)),
                            Duration.ofMinutes(p.get("login.timeout.minutes").asLong().orElse(5L)))
                    .clock(clock)
                    .build();
            events.register(logins);
            monitor = OnlineMonitor.builder(connectors, accounts, alerts, times)
                    .checkEvery(Duration.ofSeconds(p.get("online.check.seconds").asLong().orElse(300L)))
                    .reconnect(p.get("online.reconnect.attempts").asInt().orElse(3),
                            Duration.ofSeconds(p.get("online.reconnect.backoff.seconds").asLong().orElse(10L)))
                    .silenceAfter(Duration.ofHours(p.get("online.silence.hours").asLong().orElse(6L)))
                    .clock(clock)
                    .build();
            events.register(monitor);
            logins.onLoggedIn(monitor::loggedIn);
            monitor.start();
            MessageStore stored = new MessageStore(db.jdbi());
            Templates templates = new Templates(db.jdbi(), clock);
            ReplyWindows replyWindows = new ReplyWindows(stored, connectors, templates, clock);
            outbound = OutboundQueue.builder(db.jdbi(), accounts, connectors, committer, alerts, contacts)
                    .events(events)
                    .pacing(Platform.WECHAT, pacing(p.get("outbound"), Pacing.defaults()))
                    .pacing(Platform.WHATSAPP, pacing(p.get("outbound.whatsapp"), Pacing.whatsappDefaults()))
                    .pacing(Platform.WHATSAPP_CLOUD, pacing(p.get("outbound.whatsapp.cloud"),
                            Pacing.whatsappCloudDefaults()))
                    .offlineCheck(Duration.ofMillis(p.get("outbound.offline.check.ms").asLong().orElse(30_000L)))
                    .clock(clock)
                    .registry(registry)
                    .build();
            events.register(outbound);
            monitor.addListener(new AccountStateListener() {
                @Override
                public void offline(long accountId) {
                    outbound.accountOffline(accountId);
                }

                @Override
                public void online(long accountId) {
                    outbound.accountOnline(accountId);
                }
            });
            outbound.start();
            MediaCache mediaCache = new MediaCache(dataDir.resolve("media"));
            downloads = MediaDownloads.builder(mediaCache, accounts, connectors)
                    .gap(Duration.ofMillis(p.get("media.gap.min.ms").asLong().orElse(3000L)),
                            Duration.ofMillis(p.get("media.gap.max.ms").asLong().orElse(10_000L)))
                    .maxBytes(p.get("media.max.bytes").asLong().orElse(100L << 20))
                    .start();
            directory = Directory.builder()
                    .jdbi(db.jdbi())
                    .accounts(accounts)
                    .connectors(connectors)
                    .display(messages, times)
                    .metrics(registry)
                    .clock(clock)
                    .settings(syncSettings(p.get("sync")))
                    .pageSizes(p.get("group.page.size").asInt().orElse(10), p.get("group.members.page.size").asInt().orElse(20))
                    .onOffline(monitor::reportOffline)
                    .build();
            events.register(directory.events());
            logins.onLoggedIn(account -> directory.sync().start(account, null));

            kb = KnowledgeBase.open(db.jdbi(), clock, dataDir.resolve("kb"));
            long kbImportBytes = p.get("kb.max.import.bytes").asLong().orElse(1L << 20);
            AiModes aiModes = new AiModes(db.jdbi(), clock);
            AiMetrics aiMetrics = new AiMetrics(registry, drafts::pendingCount);
            CostLedger ledger = new CostLedger(db.jdbi(), clock, ai.prices(), aiMetrics);
            DraftCardMessages draftCards = new DraftCardMessages(db.jdbi(), clock);
            DraftPoster draftPoster = new DraftPoster(bindings, deliveries, actions, new DraftCards(messages), accounts,
                    contacts, draftCards, kb, drafts);
            AiQuota quota = new AiQuota(db.jdbi(), clock, zone, ai.dailyCalls(), ai.budgetMicros(), ai.currency(), alerts,
                    accounts, ai.budgetFallback());
            Conversations conversations = new Conversations(db.jdbi(), triggers);
            DraftSender draftSender = new DraftSender(drafts, outbound, aiMetrics, clock, stored,
                    new ReplyMention(contacts), accounts, replyWindows);
            Drafter drafter = new Drafter(ai, aiModes, conversations, kb, drafts, ledger, draftPoster, quota,
                    aiPauses, draftSender);

            CommandEngine.Builder commands = CommandEngine.builder(catalog, messages)
                    .stores(roles, audit, prefs, actions, registry)
                    .rateLimit(p.get("commands.rate.burst").asInt().orElse(20),
                            p.get("commands.rate.per.minute").asInt().orElse(60))
                    .clock(clock);
            new CoreCommands(catalog, prefs).register(commands);
            new BotCommands(accounts, connectors, times).register(commands);
            new LoginCommands(logins, monitor, accounts, connectors).register(commands);
            new RoleCommands(roles, times).register(commands);
            new AuditCommand(audit, times).register(commands);
            new AlertsCommand(alerts, times).register(commands);
            new SearchCommand(SearchService.create(index, db.jdbi()), index, accounts, contacts, times, clock,
                    p.get("search.page.size").asInt().orElse(10)).register(commands);
            new StatusCommand(startedAt, version(), db, index::status, committer::queueDepth, accounts, connectors,
                    channels)
                    .register(commands);
            new OutboundCommands(outbound, accounts, contacts, stored, connectors, templates, replyWindows, times,
                    clock, p.get("outbound.large.group").asInt().orElse(100)).register(commands);
            TemplateCommands platformTemplates = new TemplateCommands(templates, accounts, connectors);
            platformTemplates.register(commands);
            SavedTemplates savedTemplates = new SavedTemplates(db.jdbi(), clock);
            Tags tags = new Tags(db.jdbi(), clock);
            OptOuts optOuts = new OptOuts(db.jdbi(), clock,
                    optOutWords(p.get("automation.optout.words").asString().orElse("")));
            new TemplateTextCommands(savedTemplates, platformTemplates, clock, zone).register(commands);
            Recipients recipients = new Recipients(contacts, stored, connectors);
            new TagCommands(tags, accounts, contacts, recipients).register(commands);
            new MediaCommand(stored, accounts, connectors, mediaCache, downloads,
                    p.get("public.url").asString().orElse("").trim(), clock).register(commands);
            directory.register(commands);
            new ChannelCommands(bindings, accounts, times).register(commands);
            new AiCommands(aiModes, drafts, drafter, draftPoster, draftSender, accounts, ai, aiPauses, times, contacts,
                    conversations, aiWatcher).register(commands);
            ChartRenderer charts = ChartRenderer.create();
            new CostCommand(ledger, accounts, ai.currency(), clock, zone, charts).register(commands);
            new KbCommands(kb, kbImportBytes).register(commands);
            Rules rules = Rules.create(db.jdbi(), RuleSettings.read(p.get("rules")), accounts, contacts, outbound,
                    savedTemplates, tags, optOuts, times, clock, registry);
            rules.commands().register(commands);
            ruleWatcher = rules.watcher();
            Broadcasts broadcasts = Broadcasts.create(p, db.jdbi(), accounts, contacts, recipients, outbound,
                    savedTemplates, tags, optOuts, messages, times, clock);
            broadcasts.commands().register(commands);
            sopRunner = broadcasts.runner();
            statistics = new Stats(db.jdbi(), directory.queries(), clock, times.zone());
            new StatsCommands(statistics, stats, charts, messages, accounts,
                    directory.queries(), times.zone(), clock).register(commands);
            Digests digest = new Digests(db.jdbi(), statistics, messages, bindings, deliveries, clock,
                    Duration.ofMillis(p.get("digest.check.ms").asLong().orElse(30_000L)));
            digest.commands().register(commands);
            digests = digest.scheduler();
            digests.start();
            engine = commands.build();
            engine.liveCards().addListener(deliveries::liveCardChanged);
            gateway = new ChannelGateway(engine, deliveries, draftCards);
            channels.add(FeishuAdmin.builder()
                    .settings(FeishuSettings.read(p.get("feishu")))
                    .commands(gateway, deliveries)
                    .jdbi(db.jdbi())
                    .texts(messages, webhookMetrics)
                    .maxBodyBytes(maxWebhookBody)
                    .maxFileBytes(kbImportBytes)
                    .clock(clock)
                    .build());
            telegram(p, dataDir, publicUrl, catalog, messages, webhookMetrics, kbImportBytes).ifPresent(channels::add);
            DiscordAdmin.create(DiscordSettings.read(p.get("discord")), gateway, deliveries, catalog, messages)
                    .ifPresent(channels::add);
            channels.add(DingTalkAdmin.create(DingTalkSettings.read(p.get("dingtalk")), gateway, deliveries, messages,
                    webhookMetrics, maxWebhookBody, clock.withZone(java.time.ZoneOffset.UTC), db.jdbi()));
            // after the chat channels exist, so the cards of drafts a crash interrupted, and of chats a stop left
            // waiting for their quiet period, reach them
            new DraftRecovery(drafts, draftSender, draftPoster).run();
            ruleWatcher.start(aiWatcher::notifyCommitted);
            sopRunner.start();
            aiWatcher.start(drafter);
            new DraftResumption(db.jdbi(), aiModes, aiPauses, triggers, clock, ai.resume()).run(aiWatcher);

            CommandApiService api = new CommandApiService(engine, messages, adminToken);
            MediaService media = new MediaService(mediaCache, stored, messages, adminToken);
            MetricsService metrics = new MetricsService(registry);

            server = ConnectionLimits.read(p.get("http")).applyTo(WebServer.builder())
                    .host(p.get("host").asString().orElse("0.0.0.0"))
                    .port(p.get("port").asInt().orElse(8080))
                    .shutdownHook(false)
                    .maxPayloadSize(8L << 20)
                    .routing(r -> routing(r, health, metrics, api, media, connectors, channels))
                    .build()
                    .start();
            channels.forEach(AdminChannel::start);
            connectors.start();
            stopOrder.add(server::stop);
            stopOrder.addAll(channels.reversed());
            stopOrder.addAll(List.of(logins, monitor, directory, ruleWatcher, sopRunner, aiWatcher, outbound, downloads,
                    connectors, digests, deliveries, committer, stats, index, kb, db));
            LOG.info("Parley listening on port " + server.port() + "; data in " + dataDir + "; admin token in "
                    + (p.get("admin.token").asString().orElse("").isBlank() ? dataDir.resolve("admin-token")
                    : "PARLEY_ADMIN_TOKEN"));
        }

        /** Each connector under its platform's code, degraded while one cannot serve its accounts. */
        private static Health connectorsHealth(Connectors connectors) {
            Map<String, Object> details = new java.util.LinkedHashMap<>();
            boolean healthy = true;
            for (AccountConnector connector : connectors.all()) {
                ConnectorStatus status = connector.status();
                Map<String, Object> entry = new java.util.LinkedHashMap<>(status.details());
                entry.put("available", connector.available());
                details.put(connector.platform().code(), entry);
                healthy &= status.healthy();
            }
            return healthy ? Health.up(details) : new Health(Health.Status.DEGRADED, details);
        }

        /** The chat channels: the HTTP API always, then each admin channel, degraded while one does not work as configured. */
        private static Health channelsHealth(List<AdminChannel> channels) {
            Map<String, Object> details = new java.util.LinkedHashMap<>();
            details.put("http", "/api/commands");
            boolean healthy = true;
            for (AdminChannel channel : channels) {
                ChannelStatus status = channel.status();
                details.put(channel.name(), status.details());
                healthy &= status.healthy();
            }
            return healthy ? Health.up(details) : new Health(Health.Status.DEGRADED, details);
        }

        private static Health indexHealth(IndexStatus status) {
            Map<String, Object> details = new java.util.LinkedHashMap<>();
            details.put("state", status.state().name());
            details.put("documents", status.documents());
            details.put("lagSeconds", status.lagSeconds());
            if (status.state() == IndexStatus.State.REBUILDING) {
                details.put("rebuilt", status.done());
                details.put("toRebuild", status.total());
            }
            if (status.error() != null) {
                details.put("error", status.error());
            }
            return switch (status.state()) {
                case READY -> Health.up(details);
                case REBUILDING -> new Health(Health.Status.DEGRADED, details);
                case FAILED -> Health.down(details);
            };
        }

        private static String version() {
            String version = Parley.class.getPackage().getImplementationVersion();
            return version == null ? "development build" : version;
        }

        /** Stops whatever started before a failure, newest first. */
        void closeAll() {
            List<AutoCloseable> started = new ArrayList<>();
            if (server != null) {
                started.add(server::stop);
            }
            started.addAll(channels.reversed());
            if (logins != null) {
                started.add(logins);
            }
            if (monitor != null) {
                started.add(monitor);
            }
            if (directory != null) {
                started.add(directory);
            }
            if (ruleWatcher != null) {
                started.add(ruleWatcher);
            }
            if (aiWatcher != null) {
                started.add(aiWatcher);
            }
            if (outbound != null) {
                started.add(outbound);
            }
            if (downloads != null) {
                started.add(downloads);
            }
            if (connectors != null) {
                started.add(connectors);
            }
            if (digests != null) {
                started.add(digests);
            }
            if (deliveries != null) {
                started.add(deliveries);
            }
            if (committer != null) {
                started.add(committer);
            }
            if (stats != null) {
                started.add(stats);
            }
            if (index != null) {
                started.add(index);
            }
            if (kb != null) {
                started.add(kb);
            }
            if (db != null) {
                started.add(db);
            }
            closeQuietly(started);
        }

        /**
         * The Telegram admin channel when {@code parley.telegram.token} is set, registered with the background
         * deliveries so alerts reach bound Telegram chats; empty otherwise.
         */
        private Optional<AdminChannel> telegram(Config p, Path dataDir, String publicUrl, CommandCatalog catalog, Messages messages,
                                     WebhookMetrics webhookMetrics, long maxFileBytes) {
            Config t = p.get("telegram");
            String token = t.get("token").asString().orElse("").trim();
            if (token.isEmpty()) {
                LOG.info("Telegram is not configured (PARLEY_TELEGRAM_TOKEN): no Telegram admin channel");
                return Optional.empty();
            }
            TelegramSettings.Mode mode = TelegramSettings.Mode.parse(t.get("mode").asString().orElse("polling"));
            String secret = mode == TelegramSettings.Mode.WEBHOOK
                    ? Secrets.configuredOrGenerated(t.get("webhook.secret").asString().orElse(""),
                    dataDir.resolve("telegram-webhook-secret")) : null;
            TelegramSettings settings = new TelegramSettings(token,
                    URI.create(t.get("api.url").asString().orElse("https://api.telegram.org").trim()), mode, secret,
                    publicUrl.isEmpty() ? null : publicUrl + TelegramSettings.WEBHOOK_PATH,
                    p.get("webhook.max.body.bytes").asInt().orElse(1 << 20));
            return Optional.of(new TelegramBot(settings, gateway, deliveries, catalog, messages, webhookMetrics, maxFileBytes));
        }

        /** Pace, retries and debounce of contact and group reads, {@code parley.sync.*}; see {@link SyncSettings}. */
        private static SyncSettings syncSettings(Config sync) {
            SyncSettings d = SyncSettings.defaults();
            return new SyncSettings(
                    millis(sync.get("pace.min.ms"), d.paceMin()), millis(sync.get("pace.max.ms"), d.paceMax()),
                    sync.get("retry.attempts").asInt().orElse(d.attempts()),
                    millis(sync.get("retry.backoff.ms"), d.backoff()), millis(sync.get("retry.backoff.max.ms"), d.maxBackoff()),
                    millis(sync.get("debounce.ms"), d.debounce()), millis(sync.get("progress.ms"), d.progressEvery()),
                    millis(sync.get("log.ms"), d.logEvery()));
        }

        private static Duration millis(Config value, Duration otherwise) {
            return value.asLong().map(Duration::ofMillis).orElse(otherwise);
        }

        /**
         * The pace of one platform's outbound queues: {@code parley.outbound.*} for WeChat (GeWe's guidance by default),
         * {@code parley.outbound.whatsapp.*} for WhatsApp (stricter, with a warm-up).
         */
        private static Pacing pacing(Config outbound, Pacing d) {
            return new Pacing(
                    outbound.get("rate.limit").asInt().orElse(d.limit()),
                    millis(outbound.get("rate.window.ms"), d.window()),
                    millis(outbound.get("gap.ms"), d.gap()),
                    millis(outbound.get("group.gap.min.ms"), d.groupGapMin()),
                    millis(outbound.get("group.gap.max.ms"), d.groupGapMax()),
                    outbound.get("retry.attempts").asInt().orElse(d.maxAttempts()),
                    millis(outbound.get("retry.base.ms"), d.retryBase()),
                    millis(outbound.get("retry.max.ms"), d.retryMax()),
                    Duration.ofHours(outbound.get("warmup.hours").asLong().orElse(d.warmup().toHours())),
                    outbound.get("warmup.rate.limit").asInt().orElse(d.warmupLimit()));
        }

        /** {@code parley.automation.optout.words}, comma-separated; {@link OptOuts#DEFAULT_WORDS} when empty. */
        private static List<String> optOutWords(String configured) {
            List<String> words = java.util.Arrays.stream(configured.split(",")).map(String::strip)
                    .filter(w -> !w.isEmpty()).toList();
            return words.isEmpty() ? OptOuts.DEFAULT_WORDS : words;
        }

        private static List<Identity> owners(String configured) {
            if (configured.isBlank()) {
                return List.of(new Identity("http", "admin"));
            }
            List<Identity> owners = new ArrayList<>();
            for (String entry : configured.split(",")) {
                if (entry.isBlank()) {
                    continue;
                }
                owners.add(Identity.parse(entry.trim()).orElseThrow(() -> new IllegalArgumentException(
                        "PARLEY_OWNERS: '" + entry.trim() + "' is not channel:user-id (e.g. telegram:123,http:ops)")));
            }
            return owners;
        }
    }
}
