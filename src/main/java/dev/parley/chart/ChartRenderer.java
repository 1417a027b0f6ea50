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
 * fonts installed (the JDK still needs {@code libfontconfig1} to start its font system). The font is loaded with the
 * first chart, not at start, so a machine that cannot render charts still runs everything else. Rendering runs
 * headless: {@link #create()} sets {@code java.awt.headless=true} unless the property was set already.
 *
 * <p>Thread-safe: create one and share it; each call draws on its own image.
 */
public final class ChartRenderer {
    private volatile ChartTheme theme;

    private ChartRenderer() {
    }

    /**
     * Call once and keep the renderer; the bundled font is loaded when the first chart is drawn.
     *
     * @return a renderer
     */
    public static ChartRenderer create() {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        return new ChartRenderer();
    }

    /** @throws IllegalStateException when the bundled font cannot be loaded */
    private ChartTheme theme() {
        ChartTheme loaded = theme;
        if (loaded == null) {
            synchronized (this) {
                if (theme == null) {
                    theme = ChartTheme.load();
                }
                loaded = theme;
            }
        }
        return loaded;
    }

    /**
     * @param chart the line chart
     * @return its PNG bytes
     * @throws IllegalStateException when the bundled font cannot be loaded
     */
    public byte[] line(LineChart chart) {
        Checks.notNull(chart, "chart");
        return png(CategoryCharts.line(chart, theme()));
    }

    /**
     * @param chart the bar chart
     * @return its PNG bytes
     */
    public byte[] bars(BarChart chart) {
        Checks.notNull(chart, "chart");
        return png(CategoryCharts.bars(chart, theme()));
    }

    /**
     * @param chart the heat map
     * @return its PNG bytes
     */
    public byte[] heatMap(HeatMap chart) {
        Checks.notNull(chart, "chart");
        return Png.encode(HeatMapPainter.paint(chart, theme()));
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
