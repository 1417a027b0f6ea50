package dev.parley.chart;

import java.awt.Graphics2D;
import java.awt.image.BufferedImage;

import org.knowm.xchart.CategoryChart;

/**
 * Renders statistics charts as PNG images for cards: {@link #line} (e.g. member growth), {@link #bars} (joins and
 * leaves per day, activity by hour) and {@link #heatMap} (member overlap between groups). Line and bar charts are
 * {@value CategoryCharts#WIDTH}×{@value CategoryCharts#HEIGHT} pixels, drawn with XChart; heat maps are square-ish
 * and grow with their labels.
 *
 * <p>Every text element is drawn in the bundled WenQuanYi Micro Hei font, so Chinese renders on a machine with no
 * fonts installed (the JDK still needs {@code libfontconfig1} to start its font system). Rendering runs headless:
 * {@link #create()} sets {@code java.awt.headless=true} unless the property was set already.
 *
 * <p>Thread-safe: create one and share it; each call draws on its own image.
 */
public final class ChartRenderer {
    private final ChartTheme theme;

    private ChartRenderer(ChartTheme theme) {
        this.theme = theme;
    }

    /**
     * Loads the bundled font; call once and keep the renderer.
     *
     * @return a renderer
     * @throws IllegalStateException when the bundled font cannot be loaded
     */
    public static ChartRenderer create() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        return new ChartRenderer(ChartTheme.load());
    }

    /**
     * @param chart the line chart
     * @return its PNG bytes
     */
    public byte[] line(LineChart chart) {
        Checks.notNull(chart, "chart");
        return png(CategoryCharts.line(chart, theme));
    }

    /**
     * @param chart the bar chart
     * @return its PNG bytes
     */
    public byte[] bars(BarChart chart) {
        Checks.notNull(chart, "chart");
        return png(CategoryCharts.bars(chart, theme));
    }

    /**
     * @param chart the heat map
     * @return its PNG bytes
     */
    public byte[] heatMap(HeatMap chart) {
        Checks.notNull(chart, "chart");
        return Png.encode(HeatMapPainter.paint(chart, theme));
    }

    private static byte[] png(CategoryChart chart) {
        BufferedImage image = new BufferedImage(chart.getWidth(), chart.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            ChartTheme.hints(g);
            chart.paint(g, chart.getWidth(), chart.getHeight());
        } finally {
            g.dispose();
        }
        return Png.encode(image);
    }
}
