package dev.parley.stats;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.parley.account.Account;
import dev.parley.account.AccountRefs;
import dev.parley.account.AccountStore;
import dev.parley.card.Card;
import dev.parley.card.CardFile;
import dev.parley.card.CsvFile;
import dev.parley.card.Progress;
import dev.parley.chart.ChartRenderer;
import dev.parley.command.CommandEngine;
import dev.parley.command.CommandException;
import dev.parley.command.Invocation;
import dev.parley.command.LiveCards;
import dev.parley.directory.DirectoryQueries;
import dev.parley.directory.DirectoryQueries.GroupRow;
import dev.parley.i18n.Messages;

/**
 * {@code /stats …}: statistics of the fleet, an account, a group, cross-group users and rankings as cards with a
 * chart, daily rows as CSV, and rebuilding the aggregates behind them.
 */
public final class StatsCommands {
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(7);
    private static final long PROGRESS_EVERY_MS = 500;

    private final Stats stats;
    private final StatsAggregator aggregator;
    private final StatsCards cards;
    private final StatsCharts charts;
    private final AccountStore accounts;
    private final DirectoryQueries directory;
    private final ZoneId zone;
    private final InstantSource clock;
    private final AtomicBoolean rebuilding = new AtomicBoolean();

    /**
     * @param stats      computes the figures
     * @param aggregator keeps the aggregates and rebuilds them
     * @param charts     draws the charts of the cards
     * @param messages   the strings of the cards
     * @param accounts   resolves account references
     * @param directory  resolves group references
     * @param zone       the zone of calendar days
     * @param clock      what "today" is
     */
    public StatsCommands(Stats stats, StatsAggregator aggregator, ChartRenderer charts, Messages messages, AccountStore accounts,
                         DirectoryQueries directory, ZoneId zone, InstantSource clock) {
        this.stats = stats;
        this.aggregator = aggregator;
        this.cards = new StatsCards(messages);
        this.charts = new StatsCharts(charts, messages);
        this.accounts = accounts;
        this.directory = directory;
        this.zone = zone;
        this.clock = clock;
    }

    /** @param engine the engine to register the handlers with */
    public void register(CommandEngine.Builder engine) {
        engine.handler("stats.fleet", inv -> cards.fleet(inv.locale(), stats.fleet()));
        engine.handler("stats.account", this::account);
        engine.handler("stats.group", this::group);
        engine.handler("stats.overlap", this::overlap);
        engine.handler("stats.top", this::top);
        engine.handler("stats.export", this::export);
        engine.handler("stats.rebuild", this::rebuild);
    }

    private Card account(Invocation inv) {
        Account account = AccountRefs.one(accounts, inv.require("account", String.class));
        AccountReport report = stats.account(account, window(inv));
        String chart = inv.get("chart", String.class).orElse("messages");
        return cards.account(inv.locale(), report, charts.account(inv.locale(), report, chart));
    }

    private Card group(Invocation inv) {
        GroupRow group = group(inv, inv.require("ref", String.class));
        GroupReport report = stats.group(group, selfId(group), window(inv));
        String chart = inv.get("chart", String.class).orElse("growth");
        return cards.group(inv.locale(), report, charts.group(inv.locale(), report, chart));
    }

    private Card overlap(Invocation inv) {
        Account account = inv.get("account", String.class).map(ref -> AccountRefs.one(accounts, ref)).orElse(null);
        OverlapReport report = stats.overlap(account);
        return cards.overlap(inv.locale(), report, charts.overlap(inv.locale(), report));
    }

    private Card top(Invocation inv) {
        String what = inv.require("what", String.class);
        StatsWindow window = window(inv);
        List<Ranked> rows = what.equals("groups") ? stats.topGroups(window) : stats.topSpeakers(window);
        return cards.top(inv.locale(), what, window, rows, charts.top(inv.locale(), what, rows));
    }

    private Card export(Invocation inv) {
        String kind = inv.require("kind", String.class);
        String ref = inv.require("ref", String.class);
        StatsWindow window = window(inv);
        StatsFormat f = new StatsFormat(inv.messages(), inv.locale());
        List<List<String>> rows = new ArrayList<>();
        List<String> header;
        String name;
        if (kind.equals("group")) {
            GroupRow group = group(inv, ref);
            GroupReport report = stats.group(group, selfId(group), window);
            header = List.of(f.t("stats.csv.day"), f.t("stats.csv.members"), f.t("stats.csv.joins"),
                    f.t("stats.csv.leaves"), f.t("stats.csv.messages"));
            report.days().forEach(d -> rows.add(List.of(d.day().toString(), Long.toString(d.members()),
                    Long.toString(d.joins()), Long.toString(d.leaves()), Long.toString(d.messages()))));
            name = report.name();
        } else {
            Account account = AccountRefs.one(accounts, ref);
            AccountReport report = stats.account(account, window);
            header = List.of(f.t("stats.csv.day"), f.t("stats.csv.in"), f.t("stats.csv.out"), f.t("stats.csv.groups"),
                    f.t("stats.csv.contacts"));
            report.days().forEach(d -> rows.add(List.of(d.day().toString(), Long.toString(d.in()),
                    Long.toString(d.out()), Long.toString(d.groups()), Long.toString(d.contacts()))));
            name = report.name();
        }
        String file = "parley-" + kind + "-" + safe(name) + "-" + window.from() + "-" + window.to() + ".csv";
        return Card.builder(f.t("stats.export.title", "name", name, "from", window.from(), "to", window.to()))
                .text(f.t("stats.export.text", "rows", rows.size(), "file", file))
                .file(new CardFile(file, "text/csv", CsvFile.write(header, rows)))
                .build();
    }

    private Card rebuild(Invocation inv) {
        if (!rebuilding.compareAndSet(false, true)) {
            StatsAggregator.RebuildState state = aggregator.rebuilding();
            return Card.builder(inv.t("stats.rebuild.running")).tone(Card.Tone.WARNING)
                    .progress(state == null ? null : new Progress(state.done(), state.total())).build();
        }
        LiveCards.LiveCard live = inv.live();
        String locale = inv.locale();
        Messages messages = inv.messages();
        Thread.ofVirtual().name("parley-stats-rebuild").start(() -> {
            long[] lastPublished = {0};
            try {
                long read = aggregator.rebuild(state -> {
                    long now = System.currentTimeMillis();
                    if (now - lastPublished[0] >= PROGRESS_EVERY_MS) {
                        lastPublished[0] = now;
                        live.update(progressCard(messages, locale, state));
                    }
                });
                live.finish(Card.builder(messages.text(locale, "stats.rebuild.done_title")).tone(Card.Tone.SUCCESS)
                        .text(messages.text(locale, "stats.rebuild.done", "rows", read)).build());
            } catch (RuntimeException e) {
                live.finish(Card.error(messages.text(locale, "stats.rebuild.failed_title"),
                        messages.text(locale, "stats.rebuild.failed", "error", e.getMessage())));
            } finally {
                rebuilding.set(false);
            }
        });
        return progressCard(messages, locale, new StatsAggregator.RebuildState(0, 0));
    }

    private static Card progressCard(Messages messages, String locale, StatsAggregator.RebuildState state) {
        return Card.builder(messages.text(locale, "stats.rebuild.title"))
                .text(messages.text(locale, "stats.rebuild.progress", "done", state.done(), "total", state.total()))
                .progress(new Progress(state.done(), state.total()))
                .build();
    }

    private StatsWindow window(Invocation inv) {
        LocalDate today = clock.instant().atZone(zone).toLocalDate();
        return StatsWindow.of(inv.get("window", Duration.class), inv.get("from", LocalDate.class),
                inv.get("to", LocalDate.class), today, zone, DEFAULT_WINDOW);
    }

    /** The group a reference names: its id or exact name, narrowed by {@code account:}; one group or an error. */
    private GroupRow group(Invocation inv, String ref) {
        Long accountId = inv.get("account", String.class).map(r -> AccountRefs.one(accounts, r).id()).orElse(null);
        List<GroupRow> found = directory.find(ref.strip(), accountId);
        if (found.isEmpty()) {
            throw new CommandException("group.error.not_found", "ref", ref);
        }
        Map<String, GroupRow> byChat = new LinkedHashMap<>();
        found.forEach(row -> byChat.putIfAbsent(row.chatId(), row));
        if (byChat.size() > 1) {
            throw new CommandException("stats.error.ambiguous_group", "ref", ref, "ids", String.join(", ", byChat.keySet()));
        }
        return found.get(0);
    }

    private String selfId(GroupRow group) {
        return accounts.find(group.accountId()).map(Account::selfId).orElse(null);
    }

    private static String safe(String name) {
        String cleaned = name.replaceAll("[\\\\/:*?\"<>|\\s]+", "_");
        return cleaned.length() > 40 ? cleaned.substring(0, 40) : cleaned;
    }
}
