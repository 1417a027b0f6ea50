package dev.parley.stats;

import java.time.LocalDate;
import java.util.List;

import dev.parley.card.Card;
import dev.parley.i18n.Messages;

/** Writes the daily digest: yesterday's messages, joins and leaves and busiest groups, and the fleet now. */
final class DigestCards {
    private final Stats stats;
    private final Messages messages;

    DigestCards(Stats stats, Messages messages) {
        this.stats = stats;
        this.messages = messages;
    }

    Card digest(String locale, LocalDate day) {
        StatsFormat f = new StatsFormat(messages, locale);
        StatsWindow window = new StatsWindow(day, day, stats.zone());
        Stats.DayTotals totals = stats.totals(window);
        FleetReport fleet = stats.fleet();
        List<Ranked> busiest = stats.topGroups(window).stream().limit(5).toList();
        return Card.builder(f.t("stats.digest.title", "day", day))
                .shortField(f.t("stats.digest.messages"), f.number(totals.messages()))
                .shortField(f.t("stats.group.joins"), f.number(totals.joins()))
                .shortField(f.t("stats.group.leaves"), f.number(totals.leaves()))
                .shortField(f.t("stats.fleet.online"), f.number(fleet.online()))
                .shortField(f.t("stats.fleet.offline"), f.number(fleet.offline()))
                .field(f.t("stats.digest.busiest"), f.ranking(busiest))
                .footer(f.t("stats.footer", "zone", stats.zone().getId()))
                .build();
    }
}
