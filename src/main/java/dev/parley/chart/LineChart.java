package dev.parley.chart;

import java.util.List;

/**
 * A line chart over categorical x labels (days, hours), e.g. a group's member count per day. With many x labels
 * only every n-th label is written, so that the written ones do not overlap.
 *
 * @param title the chart title, already localized ({@code ""} for none)
 * @param xLabels one label per point
 * @param series the lines; each has exactly one value per x label (zero series draws an empty chart)
 * @param yLabel the y axis title ({@code ""} for none)
 */
public record LineChart(String title, List<String> xLabels, List<Series> series, String yLabel) {

    /**
     * Validates and copies.
     *
     * @throws IllegalArgumentException when anything is null or a series' length differs from the x labels'
     */
    public LineChart {
        Checks.notNull(title, "title");
        Checks.notNull(yLabel, "yLabel");
        xLabels = Checks.labels(xLabels, "xLabels");
        series = Checks.series(series, xLabels.size());
    }
}
