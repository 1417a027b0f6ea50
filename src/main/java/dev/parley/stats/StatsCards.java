package dev.parley.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.parley.card.Card;
import dev.parley.card.CardImage;
import dev.parley.i18n.Messages;

/**
 * Writes statistics as cards: the key numbers as fields, in the reader's locale. The chart is drawn separately
 * ({@link StatsCharts}) and passed in, so the numbers never depend on the drawing.
 */
final class StatsCards {
    private final Messages messages;

    StatsCards(Messages messages) {
        this.messages = messages;
    }

    Card group(String locale, GroupReport r, CardImage chart) {
        StatsFormat f = new StatsFormat(messages, locale);
        Card.Builder card = Card.builder(f.t("stats.group.title", "name", r.name(), "from", r.window().from(),
                        "to", r.window().to()))
                .shortField(f.t("stats.group.members_now"), f.number(r.membersNow()))
                .shortField(f.t("stats.group.members_start"), f.number(r.membersStart()))
                .shortField(f.t("stats.group.members_end"), f.number(r.membersEnd()))
                .shortField(f.t("stats.group.net"), f.signed(r.netGrowth()))
                .shortField(f.t("stats.group.joins"), f.number(r.joins()))
                .shortField(f.t("stats.group.leaves"), f.number(r.leaves()))
                .shortField(f.t("stats.group.churn"), f.percent(r.churn()))
                .shortField(f.t("stats.group.messages"), f.number(r.messages()))
                .shortField(f.t("stats.group.active"), f.number(r.active()))
                .shortField(f.t("stats.group.silent"), f.number(r.silent()))
                .field(f.t("stats.group.top_speakers"), f.ranking(r.topSpeakers()))
                .field(f.t("stats.group.top_inviters"), f.ranking(r.topInviters()))
                .field(f.t("stats.group.types"), types(f, r.perType()))
                .field(f.t("stats.group.hours"), busiestHours(f, r.perHour()));
        return card.image(chart).footer(f.t("stats.footer", "zone", r.window().zone().getId())).build();
    }

    Card account(String locale, AccountReport r, CardImage chart) {
        StatsFormat f = new StatsFormat(messages, locale);
        return Card.builder(f.t("stats.account.title", "name", r.name(), "from", r.window().from(), "to", r.window().to()))
                .shortField(f.t("stats.account.groups_start"), f.number(r.groupsStart()))
                .shortField(f.t("stats.account.groups"), f.t("stats.account.now_change", "now", f.number(r.groupsNow()),
                        "change", f.signed(r.groupsNow() - r.groupsStart())))
                .shortField(f.t("stats.account.groups_new"), f.number(r.groupsNew()))
                .shortField(f.t("stats.account.contacts_start"), f.number(r.contactsStart()))
                .shortField(f.t("stats.account.contacts"), f.t("stats.account.now_change", "now", f.number(r.contactsNow()),
                        "change", f.signed(r.contactsNow() - r.contactsStart())))
                .shortField(f.t("stats.account.in"), f.number(r.in()))
                .shortField(f.t("stats.account.out"), f.number(r.out()))
                .shortField(f.t("stats.account.replies"), f.number(r.responses().count()))
                .shortField(f.t("stats.account.p50"), f.duration(r.responses().at(50)))
                .shortField(f.t("stats.account.p90"), f.duration(r.responses().at(90)))
                .shortField(f.t("stats.account.unanswered"), f.number(r.unanswered()))
                .shortField(f.t("stats.account.automatic"), f.number(r.automatic()))
                .image(chart)
                .footer(f.t("stats.footer", "zone", r.window().zone().getId()))
                .build();
    }

    Card overlap(String locale, OverlapReport r, CardImage chart) {
        StatsFormat f = new StatsFormat(messages, locale);
        return Card.builder(r.scope() == null ? f.t("stats.overlap.title_all") : f.t("stats.overlap.title", "name", r.scope()))
                .shortField(f.t("stats.overlap.groups"), f.number(r.groups()))
                .shortField(f.t("stats.overlap.people"), f.number(r.people()))
                .shortField(f.t("stats.overlap.in_two_plus"), f.number(r.inTwoPlus()))
                .field(f.t("stats.overlap.top_users"), f.ranking(r.topUsers()))
                .image(chart)
                .build();
    }

    Card fleet(String locale, FleetReport r) {
        StatsFormat f = new StatsFormat(messages, locale);
        return Card.builder(f.t("stats.fleet.title"))
                .shortField(f.t("stats.fleet.online"), f.number(r.online()))
                .shortField(f.t("stats.fleet.offline"), f.number(r.offline()))
                .shortField(f.t("stats.fleet.other"), f.number(r.other()))
                .shortField(f.t("stats.fleet.groups"), f.number(r.groups()))
                .shortField(f.t("stats.fleet.messages"), f.number(r.messages24h()))
                .field(f.t("stats.fleet.busiest"), f.ranking(r.busiest()))
                .build();
    }

    Card top(String locale, String what, StatsWindow window, List<Ranked> rows, CardImage chart) {
        StatsFormat f = new StatsFormat(messages, locale);
        return Card.builder(f.t("stats.top.title_" + what, "from", window.from(), "to", window.to()))
                .text(f.ranking(rows))
                .image(chart)
                .footer(f.t("stats.footer", "zone", window.zone().getId()))
                .build();
    }

    private static String types(StatsFormat f, Map<String, Long> perType) {
        if (perType.isEmpty()) {
            return f.t("stats.none");
        }
        List<String> parts = new ArrayList<>();
        perType.forEach((type, n) -> parts.add(f.t("stats.type_count", "type", f.t("stats.type." + typeKey(type)),
                "count", f.number(n))));
        return f.joined(parts);
    }

    /** Types stored by connectors that this file has no name for are shown as "other". */
    private static String typeKey(String code) {
        return switch (code) {
            case "text", "image", "voice", "video", "emoji", "link", "file", "quote", "mini_program", "card",
                 "location", "app", "call" -> code;
            default -> "other";
        };
    }

    /** The three hours of day with most messages, busiest first. */
    private static String busiestHours(StatsFormat f, long[] perHour) {
        List<Integer> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            if (perHour[h] > 0) {
                hours.add(h);
            }
        }
        if (hours.isEmpty()) {
            return f.t("stats.none");
        }
        hours.sort((a, b) -> perHour[b] != perHour[a] ? Long.compare(perHour[b], perHour[a]) : Integer.compare(a, b));
        return f.joined(hours.stream().limit(3).map(h -> f.t("stats.hour_count", "from", String.format("%02d:00", h),
                "to", String.format("%02d:00", (h + 1) % 24), "count", f.number(perHour[h]))).toList());
    }
}
