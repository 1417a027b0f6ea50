package dev.parley.chart;

import java.util.List;

/**
 * A bar chart over categorical x labels, e.g. joins and leaves per day, or messages per hour of the day. Series
 * are drawn side by side, or on top of each other when {@code stacked}.
 *
 * @param title the chart title, already localized ({@code ""} for none)
 * @param xLabels one label per group of bars
 * @param series the bar series; each has exactly one value per x label (zero series draws an empty chart)
 * @param stacked whether the series are stacked
 * @param yLabel the y axis title ({@code ""} for none)
 */
public record BarChart(String title, List<String> xLabels, List<Series> series, boolean stacked, String yLabel) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException when anything is null or a series' length differs from the x labels'
     */
    public BarChart {
        Checks.notNull(title, "title");
        Checks.notNull(yLabel, "yLabel");
        xLabels = Checks.labels(xLabels, "xLabels");
        series = Checks.series(series, xLabels.size());
    }
}
