package dev.parley.stats;

import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.ToLongFunction;

import dev.parley.card.CardImage;
import dev.parley.chart.BarChart;
import dev.parley.chart.ChartRenderer;
import dev.parley.chart.HeatMap;
import dev.parley.chart.LineChart;
import dev.parley.chart.Series;
import dev.parley.i18n.Messages;

/**
 * Draws the one chart each statistics card carries, with localized titles and legends: a group's growth
 * (members per day), its joins and leaves, or its messages by hour; an account's messages in and out, or its
 * groups and contacts per day; the overlap heat map; a ranking's bars. The alt text says the same in words.
 */
final class StatsCharts {
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("MM-dd");

    private final ChartRenderer renderer;
    private final Messages messages;

    StatsCharts(ChartRenderer renderer, Messages messages) {
        this.renderer = renderer;
        this.messages = messages;
    }

    /**
     * @param chart growth, joins or hours
     */
    CardImage group(String locale, GroupReport r, String chart) {
        List<String> days = r.days().stream().map(d -> DAY.format(d.day())).toList();
        String name = r.name();
        return switch (chart) {
            case "joins" -> new CardImage(renderer.bars(new BarChart(t(locale, "stats.chart.joins_title", "name", name), days,
                            List.of(series(t(locale, "stats.group.joins"), r.days(), GroupReport.Day::joins),
                                    series(t(locale, "stats.group.leaves"), r.days(), GroupReport.Day::leaves)),
                            false, t(locale, "stats.chart.people"))),
                    t(locale, "stats.chart.joins_alt", "joins", r.joins(), "leaves", r.leaves()));
            case "hours" -> {
                List<String> hours = new ArrayList<>();
                List<Double> counts = new ArrayList<>();
                for (int h = 0; h < 24; h++) {
                    hours.add(String.format("%02d", h));
                    counts.add((double) r.perHour()[h]);
                }
                yield new CardImage(renderer.bars(new BarChart(t(locale, "stats.chart.hours_title", "name", name), hours,
                        List.of(new Series(t(locale, "stats.group.messages"), counts)), false,
                        t(locale, "stats.chart.messages"))),
                        t(locale, "stats.chart.hours_alt", "messages", r.messages()));
            }
            default -> new CardImage(renderer.line(new LineChart(t(locale, "stats.chart.growth_title", "name", name), days,
                            List.of(series(t(locale, "stats.chart.members"), r.days(), GroupReport.Day::members)),
                            t(locale, "stats.chart.people"))),
                    t(locale, "stats.chart.growth_alt", "start", r.membersStart(), "end", r.membersEnd()));
        };
    }

    /**
     * @param chart messages or growth
     */
    CardImage account(String locale, AccountReport r, String chart) {
        List<String> days = r.days().stream().map(d -> DAY.format(d.day())).toList();
        if (chart.equals("growth")) {
            AccountReport.Day first = r.days().getFirst();
            AccountReport.Day last = r.days().getLast();
            return new CardImage(renderer.line(new LineChart(t(locale, "stats.chart.account_growth_title", "name", r.name()),
                            days, List.of(series(t(locale, "stats.chart.groups"), r.days(), AccountReport.Day::groups),
                                    series(t(locale, "stats.chart.contacts"), r.days(), AccountReport.Day::contacts)),
                            t(locale, "stats.chart.people"))),
                    t(locale, "stats.chart.account_growth_alt", "groups_start", first.groups(), "groups_end", last.groups(),
                            "contacts_start", first.contacts(), "contacts_end", last.contacts()));
        }
        return new CardImage(renderer.bars(new BarChart(t(locale, "stats.chart.account_title", "name", r.name()), days,
                List.of(series(t(locale, "stats.account.in"), r.days(), AccountReport.Day::in),
                        series(t(locale, "stats.account.out"), r.days(), AccountReport.Day::out)),
                true, t(locale, "stats.chart.messages"))),
                t(locale, "stats.chart.account_alt", "in", r.in(), "out", r.out()));
    }

    CardImage overlap(String locale, OverlapReport r) {
        return new CardImage(renderer.heatMap(new HeatMap(t(locale, "stats.chart.overlap_title"), r.labels(), r.shared())),
                t(locale, "stats.chart.overlap_alt", "groups", r.labels().size(), "people", r.inTwoPlus()));
    }

    CardImage top(String locale, String what, List<Ranked> rows) {
        List<String> names = rows.stream().map(Ranked::name).toList();
        List<Double> counts = rows.stream().map(row -> (double) row.count()).toList();
        return new CardImage(renderer.bars(new BarChart(t(locale, "stats.chart.top_title_" + what), names,
                List.of(new Series(t(locale, "stats.chart.messages"), counts)), false, t(locale, "stats.chart.messages"))),
                t(locale, "stats.chart.top_alt", "count", rows.size()));
    }

    private String t(String locale, String key, Object... namesAndValues) {
        return messages.text(locale, key, namesAndValues);
    }

    private static <D> Series series(String name, List<D> days, ToLongFunction<D> value) {
        return new Series(name, days.stream().map(d -> (double) value.applyAsLong(d)).toList());
    }
}
