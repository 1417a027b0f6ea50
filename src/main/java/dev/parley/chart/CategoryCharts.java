package dev.parley.chart;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.CategorySeries.CategorySeriesRenderStyle;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler.LegendLayout;
import org.knowm.xchart.style.Styler.LegendPosition;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Builds the XChart {@link CategoryChart} behind a {@link LineChart} or a {@link BarChart}: the theme applied to
 * every styler setting that has a font or a colour, x labels thinned out to what fits, and degenerate data
 * (no series, no x labels, one value everywhere) turned into a valid empty-looking chart instead of an error.
 */
final class CategoryCharts {
    static final int WIDTH = 900;
    static final int HEIGHT = 500;
    /** Points drawn with a marker up to this many; beyond it, markers only clutter the line. */
    private static final int MAX_MARKED_POINTS = 40;
    /** Width of the plot area an x label may use: the image minus paddings and the y axis. */
    private static final double LABEL_AREA = WIDTH - 140;
    private static final double LABEL_GAP = 14;
    private static final double HEADROOM = 1.08;
    /** Longest x label, in pixels; longer ones are shortened with an ellipsis. */
    private static final double MAX_LABEL_WIDTH = 160;

    private CategoryCharts() {
    }

    static CategoryChart line(LineChart spec, ChartTheme theme) {
        CategoryChart chart = base(spec.title(), spec.yLabel(), spec.series().size(), theme);
        chart.getStyler().setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Line);
        addSeries(chart, spec.xLabels(), spec.series(), theme, false, false);
        return chart;
    }

    static CategoryChart bars(BarChart spec, ChartTheme theme) {
        CategoryChart chart = base(spec.title(), spec.yLabel(), spec.series().size(), theme);
        CategoryStyler styler = chart.getStyler();
        styler.setDefaultSeriesRenderStyle(CategorySeriesRenderStyle.Bar);
        styler.setStacked(spec.stacked());
        styler.setOverlapped(false);
        styler.setAvailableSpaceFill(spec.xLabels().size() > MAX_MARKED_POINTS ? 0.9 : 0.7);
        addSeries(chart, spec.xLabels(), spec.series(), theme, true, spec.stacked());
        return chart;
    }

    private static CategoryChart base(String title, String yLabel, int seriesCount, ChartTheme theme) {
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(ChartTheme.ellipsized(title, theme.title(), WIDTH - 40))
                .yAxisTitle(yLabel.isBlank() ? "" : ChartTheme.ellipsized(yLabel, theme.axisTitle(), HEIGHT - 80))
                .build();
        CategoryStyler styler = chart.getStyler();
        Font tick = theme.tickLabel();
        styler.setBaseFont(tick);
        styler.setChartTitleFont(theme.title());
        styler.setChartTitleVisible(!title.isEmpty());
        styler.setChartTitleBoxVisible(false);
        styler.setChartTitlePadding(12);
        styler.setAxisTitleFont(theme.axisTitle());
        styler.setAxisTickLabelsFont(tick);
        styler.setLegendFont(theme.legend());
        styler.setAnnotationTextFont(tick);
        styler.setAnnotationTextPanelFont(tick);
        styler.setToolTipFont(tick);
        styler.setChartButtonFont(tick);
        styler.setLabelsFont(tick);
        styler.setChartBackgroundColor(ChartTheme.BACKGROUND);
        styler.setPlotBackgroundColor(ChartTheme.BACKGROUND);
        styler.setChartFontColor(ChartTheme.TEXT);
        styler.setAxisTickLabelsColor(ChartTheme.MUTED_TEXT);
        styler.setAxisTickMarksColor(ChartTheme.AXIS);
        styler.setPlotBorderVisible(false);
        styler.setPlotGridVerticalLinesVisible(false);
        styler.setPlotGridLinesColor(ChartTheme.GRID);
        styler.setPlotGridLinesStroke(new BasicStroke(1f));
        styler.setAxisTicksMarksVisible(false);
        styler.setChartPadding(16);
        styler.setXAxisTitleVisible(false);
        styler.setYAxisTitleVisible(!yLabel.isBlank());
        styler.setLegendVisible(seriesCount > 1);
        styler.setLegendPosition(LegendPosition.OutsideS);
        styler.setLegendLayout(LegendLayout.Horizontal);
        styler.setLegendBorderColor(ChartTheme.BACKGROUND);
        styler.setLegendBackgroundColor(ChartTheme.BACKGROUND);
        styler.setYAxisDecimalPattern("#,##0.##");
        styler.setToolTipsEnabled(false);
        styler.setAntiAlias(true);
        return chart;
    }

    private static void addSeries(CategoryChart chart, List<String> xLabels, List<Series> series, ChartTheme theme,
            boolean bars, boolean stacked) {
        CategoryStyler styler = chart.getStyler();
        if (xLabels.isEmpty() || series.isEmpty()) {
            CategorySeries placeholder = chart.addSeries("-", List.of(" "), List.of(0));
            placeholder.setFillColor(ChartTheme.BACKGROUND);
            placeholder.setLineColor(ChartTheme.BACKGROUND);
            placeholder.setMarkerColor(ChartTheme.BACKGROUND);
            placeholder.setMarker(SeriesMarkers.NONE);
            placeholder.setShowInLegend(false);
            styler.setLegendVisible(false);
            styler.setYAxisMin(0.0);
            styler.setYAxisMax(1.0);
            return;
        }
        List<String> shown = thinned(xLabels, theme.tickLabel());
        boolean markers = xLabels.size() <= MAX_MARKED_POINTS;
        Set<String> names = new HashSet<>();
        double[] range = {Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
        double[] stackPositive = new double[xLabels.size()];
        double[] stackNegative = new double[xLabels.size()];
        for (int i = 0; i < series.size(); i++) {
            Series s = series.get(i);
            List<Double> values = finite(s.values());
            for (int x = 0; x < values.size(); x++) {
                double v = values.get(x);
                range[0] = Math.min(range[0], v);
                range[1] = Math.max(range[1], v);
                if (v >= 0) {
                    stackPositive[x] += v;
                } else {
                    stackNegative[x] += v;
                }
            }
            CategorySeries added = chart.addSeries(uniqueName(s.name(), names), shown, values);
            Color colour = ChartTheme.series(i);
            added.setFillColor(colour);
            added.setLineColor(colour);
            added.setMarkerColor(colour);
            added.setLineWidth(2.5f);
            added.setMarker(markers ? SeriesMarkers.CIRCLE : SeriesMarkers.NONE);
        }
        if (stacked) {
            for (int x = 0; x < xLabels.size(); x++) {
                range[0] = Math.min(range[0], stackNegative[x]);
                range[1] = Math.max(range[1], stackPositive[x]);
            }
        }
        if (bars || range[0] == range[1]) {
            // bars grow from 0, and XChart cannot scale a flat line (all zeros, one point): span 0 and the data,
            // with headroom so that the tallest bar or the line does not touch the top of the plot
            double low = Math.min(0, range[0]);
            double high = Math.max(0, range[1]);
            styler.setYAxisMin(low * HEADROOM);
            styler.setYAxisMax(high == low ? 1 : high * HEADROOM);
        }
        styler.setMarkerSize(markers ? 6 : 0);
    }

    /**
     * Keeps every n-th label, blanking the others, so that the kept ones fit side by side in the plot width; a
     * label wider than {@value #MAX_LABEL_WIDTH} pixels is shortened first. Blank labels are a single space: XChart
     * lays every label out and cannot measure an empty string.
     */
    static List<String> thinned(List<String> labels, Font font) {
        List<String> shortened = new ArrayList<>(labels.size());
        double widest = 1;
        for (String label : labels) {
            String shown = ChartTheme.ellipsized(label, font, MAX_LABEL_WIDTH);
            shortened.add(shown);
            widest = Math.max(widest, ChartTheme.width(shown, font));
        }
        int fitting = Math.max(1, (int) (LABEL_AREA / (widest + LABEL_GAP)));
        int step = (labels.size() + fitting - 1) / fitting;
        List<String> shown = new ArrayList<>(labels.size());
        for (int i = 0; i < shortened.size(); i++) {
            String label = shortened.get(i);
            shown.add(i % Math.max(1, step) == 0 && !label.isEmpty() ? label : " ");
        }
        return shown;
    }

    /** Non-finite values become 0, as {@link Series} documents. */
    private static List<Double> finite(List<Double> values) {
        List<Double> copy = new ArrayList<>(values.size());
        for (double v : values) {
            copy.add(Double.isFinite(v) ? v : 0.0);
        }
        return copy;
    }

    /** XChart keys series by name and cannot draw an empty one: blank becomes a space, repeats get a number. */
    private static String uniqueName(String name, Set<String> used) {
        String base = name.isEmpty() ? " " : name;
        String candidate = base;
        for (int n = 2; !used.add(candidate); n++) {
            candidate = base + " (" + n + ")";
        }
        return candidate;
    }
}
