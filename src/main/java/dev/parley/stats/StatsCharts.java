package dev.parley.stats;

import java.util.List;

import dev.parley.card.CardImage;
import dev.parley.i18n.Messages;

/** Draws the chart of each statistics card (pending the chart renderer: no image yet). */
final class StatsCharts {
    private final Messages messages;

    StatsCharts(Messages messages) {
        this.messages = messages;
    }

    CardImage group(String locale, GroupReport report, String chart) {
        return null;
    }

    CardImage account(String locale, AccountReport report) {
        return null;
    }

    CardImage overlap(String locale, OverlapReport report) {
        return null;
    }

    CardImage top(String locale, String what, List<Ranked> rows) {
        return messages == null ? null : null;
    }
}
