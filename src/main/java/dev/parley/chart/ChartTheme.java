package dev.parley.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.Graphics2D;
import java.awt.GraphicsEnvironment;
import java.awt.RenderingHints;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The light theme every chart shares: the bundled CJK font in four sizes, and the colours. Immutable, so one
 * instance serves all threads.
 */
final class ChartTheme {
    /** The bundled font: WenQuanYi Micro Hei (first face of the collection), see its licence file next to it. */
    static final String FONT_RESOURCE = "/fonts/wqy-microhei.ttc";

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
     * Loads the bundled font and registers it with the local {@link GraphicsEnvironment}.
     *
     * @return the theme
     * @throws IllegalStateException when the font resource is missing or unreadable
     */
    static ChartTheme load() {
        try (InputStream in = ChartTheme.class.getResourceAsStream(FONT_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("chart font " + FONT_RESOURCE + " is not on the classpath");
            }
            Font font = Font.createFont(Font.TRUETYPE_FONT, in);
            GraphicsEnvironment.getLocalGraphicsEnvironment().registerFont(font);
            return new ChartTheme(font);
        } catch (FontFormatException e) {
            throw new IllegalStateException("chart font " + FONT_RESOURCE + " cannot be read", e);
        } catch (IOException e) {
            throw new UncheckedIOException("chart font " + FONT_RESOURCE + " cannot be read", e);
        }
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
}
