package dev.parley.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Supplier;

import dev.parley.account.Account;
import dev.parley.account.AccountStatus;
import dev.parley.account.AccountStore;
import dev.parley.channel.AdminChannel;
import dev.parley.channel.ChannelStatus;
import dev.parley.connector.AccountConnector;
import dev.parley.connector.ConnectorStatus;
import dev.parley.connector.Connectors;
import dev.parley.card.Card;
import dev.parley.command.CommandEngine;
import dev.parley.command.Invocation;
import dev.parley.db.Database;
import dev.parley.search.IndexStatus;

/** {@code /status}: is the service healthy, how far behind is search, what is waiting — in one card. */
public final class StatusCommand {
    private final Instant startedAt;
    private final String version;
    private final Database db;
    private final Supplier<IndexStatus> index;
    private final IntSupplier ingestQueue;
    private final AccountStore accounts;
    private final Connectors connectors;
    private final List<AdminChannel> channels;

    /**
     * @param startedAt   when the service started
     * @param version     the running version
     * @param db          the database
     * @param index       the search index's state
     * @param ingestQueue messages waiting for their commit
     * @param accounts    the managed accounts
     * @param connectors  the platforms, each with a line of its own
     * @param channels    the admin channels, each with a line of its own (read when {@code /status} runs)
     */
    public StatusCommand(Instant startedAt, String version, Database db, Supplier<IndexStatus> index,
                         IntSupplier ingestQueue, AccountStore accounts, Connectors connectors,
                         List<AdminChannel> channels) {
        this.startedAt = startedAt;
        this.version = version;
        this.db = db;
        this.index = index;
        this.ingestQueue = ingestQueue;
        this.accounts = accounts;
        this.connectors = connectors;
        this.channels = channels;
    }

    /**
     * @param engine the engine to register with
     */
    public void register(CommandEngine.Builder engine) {
        engine.handler("status", this::status);
    }

    private Card status(Invocation inv) {
        boolean dbUp = db.isHealthy();
        IndexStatus search = index.get();
        List<Account> all = accounts.list();
        long online = all.stream().filter(a -> a.status() == AccountStatus.ONLINE).count();
        long offline = all.stream().filter(a -> a.status() == AccountStatus.OFFLINE).count();
        boolean healthy = dbUp && search.state() != IndexStatus.State.FAILED;
        Duration up = Duration.between(startedAt, Instant.now());
        Card.Builder card = Card.builder(inv.t("status.title"))
                .tone(!healthy ? Card.Tone.ERROR : offline > 0 ? Card.Tone.WARNING : Card.Tone.SUCCESS)
                .text(inv.t(healthy ? "status.healthy" : "status.unhealthy"))
                .shortField(inv.t("status.version"), version)
                .shortField(inv.t("status.uptime"), inv.t("status.uptime_value", "days", up.toDays(),
                        "hours", up.toHoursPart(), "minutes", up.toMinutesPart()))
                .field(inv.t("status.db"), inv.t(dbUp ? "status.db_up" : "status.db_down", "database", db.description()))
                .field(inv.t("status.index"), indexLine(inv, search))
                .shortField(inv.t("status.ingest"), inv.t("status.ingest_value", "queued", ingestQueue.getAsInt()))
                .shortField(inv.t("status.accounts"), inv.t("status.accounts_value", "online", online,
                        "offline", offline, "total", all.size()));
        for (AccountConnector connector : connectors.all()) {
            ConnectorStatus s = connector.status();
            card.field(inv.t("platform." + connector.platform().code()), inv.messages().text(inv.locale(), s.textKey(), s.args()));
            if (!s.healthy() && healthy) {
                card.tone(Card.Tone.WARNING);
            }
        }
        for (AdminChannel channel : channels) {
            ChannelStatus s = channel.status();
            card.field(inv.t("channel.name." + channel.name()), inv.messages().text(inv.locale(), s.textKey(), s.args()));
            if (!s.healthy() && healthy) {
                card.tone(Card.Tone.WARNING);
            }
        }
        return card.build();
    }

    private static String indexLine(Invocation inv, IndexStatus s) {
        String lag = String.format(java.util.Locale.ROOT, "%.1f", s.lagSeconds());
        return switch (s.state()) {
            case READY -> inv.t("status.index_ready", "documents", s.documents(), "lag", lag);
            case REBUILDING -> inv.t("status.index_rebuilding", "done", s.done(), "total", s.total(),
                    "percent", s.total() == 0 ? 100 : s.done() * 100 / s.total());
            case FAILED -> inv.t("status.index_failed", "error", String.valueOf(s.error()));
        };
    }
}
