package dev.parley.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.font.FontRenderContext;

/**
 * The light theme every chart shares: the bundled CJK font ({@link BundledFont}) in four sizes, and the colours.
 * Immutable, so one instance serves all threads.
 */
final class ChartTheme {
    static final Color BACKGROUND = Color.WHITE;
    static final Color TEXT = new Color(0x22, 0x27, 0x2E);
    static final Color MUTED_TEXT = new Color(0x55, 0x5C, 0x66);
    static final Color GRID = new Color(0xE3, 0xE6, 0xEA);
    static final Color AXIS = new Color(0xB8, 0xBE, 0xC6);
    /** Series colours, in order; distinct for colour-blind readers as far as ten colours allow. */
    static final Color[] SERIES = {
        new Color(0x4E, 0x79, 0xA7), new Color(0xF2, 0x8E, 0x2B), new Color(0x59, 0xA1, 0x4F),
        new Color(0xE1, 0x57, 0x59), new Color(0x76, 0xB7, 0xB2), new Color(0xED, 0xC9, 0x48),
        new Color(0xB0, 0x7A, 0xA1), new Color(0xFF, 0x9D, 0xA7), new Color(0x9C, 0x75, 0x5F),
        new Color(0xBA, 0xB0, 0xAC),
    };

    /** How text is measured: anti-aliased, fractional metrics, as {@link #hints} draws it. */
    static final FontRenderContext MEASURE = new FontRenderContext(null, true, true);

    private final Font base;
    private final Font title;
    private final Font axisTitle;
    private final Font tickLabel;
    private final Font legend;

    private ChartTheme(Font base) {
        this.base = base;
        this.title = base.deriveFont(Font.BOLD, 20f);
        this.axisTitle = base.deriveFont(Font.PLAIN, 14f);
        this.tickLabel = base.deriveFont(Font.PLAIN, 12f);
        this.legend = base.deriveFont(Font.PLAIN, 13f);
    }

    /**
     * Loads the bundled font (once per JVM) and derives the theme's sizes from it.
     *
     * @return the theme
     * @throws IllegalStateException when the font cannot be loaded
     */
    static ChartTheme load() {
        return new ChartTheme(BundledFont.get());
    }

    /** @return the bundled font at size 1 (derive the size you need) */
    Font base() {
        return base;
    }

    Font title() {
        return title;
    }

    Font axisTitle() {
        return axisTitle;
    }

    Font tickLabel() {
        return tickLabel;
    }

    Font legend() {
        return legend;
    }

    static Color series(int index) {
        return SERIES[index % SERIES.length];
    }

    /** Sets the rendering hints of every chart: anti-aliased shapes and text, fractional glyph metrics. */
    static void hints(Graphics2D g) {
        g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
        g.setRenderingHint(RenderingHints.KEY_FRACTIONALMETRICS, RenderingHints.VALUE_FRACTIONALMETRICS_ON);
        g.setRenderingHint(RenderingHints.KEY_RENDERING, RenderingHints.VALUE_RENDER_QUALITY);
    }

    /** @return the width of {@code text} in {@code font}, in pixels */
    static double width(String text, Font font) {
        return font.getStringBounds(text, MEASURE).getWidth();
    }

    /** @return {@code text}, or as much of it as fits in {@code maxWidth} pixels followed by an ellipsis */
    static String ellipsized(String text, Font font, double maxWidth) {
        if (width(text, font) <= maxWidth) {
            return text;
        }
        int end = text.length();
        while (end > 0 && width(text.substring(0, end) + "…", font) > maxWidth) {
            end = text.offsetByCodePoints(end, -1);
        }
        return text.substring(0, end) + "…";
    }
}
