package dev.parley.ai;

import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SortedMap;

import dev.parley.account.Account;
import dev.parley.account.AccountRefs;
import dev.parley.account.AccountStore;
import dev.parley.card.Card;
import dev.parley.card.CardImage;
import dev.parley.chart.BarChart;
import dev.parley.chart.ChartRenderer;
import dev.parley.chart.Series;
import dev.parley.command.CommandEngine;
import dev.parley.command.CommandException;
import dev.parley.command.Invocation;

/**
 * {@code /cost [account] [since:30d]}: what AI drafting cost, from the ledger, per provider and model, with a chart
 * of tokens per day.
 */
public final class CostCommand {
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    private static final int MAX_CHART_DAYS = 31;
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");

    private final CostLedger ledger;
    private final AccountStore accounts;
    private final String currency;
    private final InstantSource clock;
    private final ZoneId zone;
    private final ChartRenderer charts;

    /**
     * @param ledger   the cost ledger
     * @param accounts the accounts
     * @param currency the currency of the price table
     * @param clock    source of "now"
     * @param zone     where days start
     * @param charts   draws the chart
     */
    public CostCommand(CostLedger ledger, AccountStore accounts, String currency, InstantSource clock, ZoneId zone,
                       ChartRenderer charts) {
        this.ledger = ledger;
        this.accounts = accounts;
        this.currency = currency;
        this.clock = clock;
        this.zone = zone;
        this.charts = charts;
    }

    /**
     * @param engine the engine to register with
     */
    public void register(CommandEngine.Builder engine) {
        engine.handler("cost", this::cost);
    }

    private Card cost(Invocation inv) {
        Account account = inv.get("account", String.class).map(ref -> AccountRefs.one(accounts, ref)).orElse(null);
        Duration window = inv.get("since", Duration.class).orElse(DEFAULT_WINDOW);
        long since = clock.millis() - window.toMillis();
        List<CostLedger.Total> totals = ledger.totals(account == null ? null : account.id(), since);
        String scope = account == null ? inv.t("cost.all_accounts") : account.displayName();
        Card.Builder card = Card.builder(inv.t("cost.title", "scope", scope, "days", Math.max(1, window.toDays())));
        if (totals.isEmpty()) {
            return card.text(inv.t("cost.none")).build();
        }
        long calls = 0;
        long in = 0;
        long out = 0;
        long micros = 0;
        for (CostLedger.Total t : totals) {
            calls += t.calls();
            in += t.tokensIn();
            out += t.tokensOut();
            micros += t.costMicros();
            card.field(t.provider() + " · " + t.model(), inv.t("cost.row", "calls", t.calls(), "errors", t.errors(),
                    "in", t.tokensIn(), "out", t.tokensOut(), "cost", money(t.costMicros())));
        }
        return card.text(inv.t("cost.total", "calls", calls, "in", in, "out", out, "cost", money(micros)))
                .image(chart(inv, account, since))
                .build();
    }

    private CardImage chart(Invocation inv, Account account, long since) {
        SortedMap<LocalDate, long[]> days = ledger.tokensPerDay(account == null ? null : account.id(), since, zone);
        List<String> labels = new ArrayList<>();
        List<Double> in = new ArrayList<>();
        List<Double> out = new ArrayList<>();
        LocalDate last = LocalDate.ofInstant(clock.instant(), zone);
        LocalDate first = days.isEmpty() ? last : days.firstKey();
        if (first.isBefore(last.minusDays(MAX_CHART_DAYS - 1))) {
            first = last.minusDays(MAX_CHART_DAYS - 1);
        }
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            long[] tokens = days.getOrDefault(day, new long[2]);
            labels.add(DAY.format(day));
            in.add((double) tokens[0]);
            out.add((double) tokens[1]);
        }
        byte[] png = charts.bars(new BarChart(inv.t("cost.chart.title"), labels,
                List.of(new Series(inv.t("cost.chart.in"), in), new Series(inv.t("cost.chart.out"), out)), true,
                inv.t("cost.chart.tokens")));
        return new CardImage(png, inv.t("cost.chart.title"));
    }

    private String money(long micros) {
        return String.format(Locale.ROOT, "%.4f %s", micros / 1_000_000.0, currency);
    }

}
