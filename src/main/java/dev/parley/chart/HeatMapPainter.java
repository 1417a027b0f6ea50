package dev.parley.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.AffineTransform;
import java.awt.image.BufferedImage;
import java.util.List;
import java.util.Locale;

/**
 * Draws a {@link HeatMap} with Java2D: row labels on the left, column labels rotated above the grid, a number in
 * every cell. Cells shrink as labels are added ({@value #MAX_CELL} down to {@value #MIN_CELL} pixels, which fits 40
 * labels), so the image stays square-ish and about 1,200 pixels wide at most; past 40 labels the grid keeps its
 * {@value #MAX_GRID} pixels, numbers are left out of cells too small to hold them and only every n-th label is
 * written. Labels longer than {@value #MAX_LABEL_WIDTH} pixels are shortened with an ellipsis.
 */
final class HeatMapPainter {
    private static final int MAX_CELL = 64;
    private static final int MIN_CELL = 22;
    private static final int GRID_TARGET = 760;
    private static final int MAX_GRID = 900;
    /** Smallest cell that still holds a number, and smallest row pitch for a label. */
    private static final int MIN_TEXT_CELL = 14;
    private static final int MAX_LABEL_WIDTH = 170;
    private static final int PADDING = 20;
    private static final int LABEL_GAP = 8;
    private static final Color DIAGONAL = new Color(0xEE, 0xEF, 0xF1);
    private static final Color LOW = new Color(0xF4, 0xF8, 0xFC);
    private static final Color HIGH = new Color(0x1F, 0x4E, 0x8C);
    private static final Color CELL_BORDER = Color.WHITE;
    /** Colour steps of the scale: easier to read than a continuous ramp, and keeps the PNG a small palette one. */
    private static final int STEPS = 9;
    /** Numbers in smaller cells are drawn without anti-aliasing: crisp at that size, and few colours. */
    private static final int SMOOTH_NUMBER_CELL = 30;

    private HeatMapPainter() {
    }

    static BufferedImage paint(HeatMap spec, ChartTheme theme) {
        List<String> labels = spec.labels();
        long[][] cells = spec.cells();
        int n = labels.size();
        int cell = Math.clamp(GRID_TARGET / Math.max(1, n), MIN_CELL, MAX_CELL);
        if (n * cell > MAX_GRID) {
            cell = Math.max(2, MAX_GRID / n);
        }
        int labelEvery = (MIN_TEXT_CELL + cell - 1) / cell;
        Font title = theme.title();
        Font labelFont = theme.tickLabel().deriveFont(cell < 28 ? 11f : 12f);

        BufferedImage probe = new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB);
        Graphics2D measure = probe.createGraphics();
        ChartTheme.hints(measure);
        FontMetrics labelMetrics = measure.getFontMetrics(labelFont);
        String[] shortLabels = new String[n];
        int labelWidth = 0;
        for (int i = 0; i < n; i++) {
            shortLabels[i] = ChartTheme.ellipsized(labels.get(i), labelFont, MAX_LABEL_WIDTH);
            labelWidth = Math.max(labelWidth, labelMetrics.stringWidth(shortLabels[i]));
        }
        int titleHeight = spec.title().isEmpty() ? 0 : measure.getFontMetrics(title).getHeight() + 12;
        measure.dispose();

        int grid = n * cell;
        int left = PADDING + labelWidth + LABEL_GAP;
        int top = PADDING + titleHeight + labelWidth + LABEL_GAP;
        int width = Math.max(left + grid + PADDING, 480);
        int height = Math.max(top + grid + PADDING, 240);

        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        try {
            ChartTheme.hints(g);
            g.setColor(ChartTheme.BACKGROUND);
            g.fillRect(0, 0, width, height);
            if (!spec.title().isEmpty()) {
                g.setFont(title);
                g.setColor(ChartTheme.TEXT);
                FontMetrics fm = g.getFontMetrics();
                String text = ChartTheme.ellipsized(spec.title(), title, width - 2 * PADDING);
                g.drawString(text, (width - fm.stringWidth(text)) / 2, PADDING + fm.getAscent());
            }
            drawLabels(g, shortLabels, labelFont, left, top, cell, labelEvery);
            drawCells(g, cells, theme, left, top, cell);
        } finally {
            g.dispose();
        }
        return image;
    }

    private static void drawLabels(Graphics2D g, String[] labels, Font font, int left, int top, int cell,
            int every) {
        g.setFont(font);
        g.setColor(ChartTheme.MUTED_TEXT);
        FontMetrics fm = g.getFontMetrics();
        int baselineOffset = (cell + fm.getAscent() - fm.getDescent()) / 2;
        for (int i = 0; i < labels.length; i += every) {
            g.drawString(labels[i], left - LABEL_GAP - fm.stringWidth(labels[i]), top + i * cell + baselineOffset);
        }
        AffineTransform saved = g.getTransform();
        for (int i = 0; i < labels.length; i += every) {
            // column labels read bottom to top, ending just above their column
            g.setTransform(saved);
            g.translate(left + i * cell + baselineOffset, top - LABEL_GAP);
            g.rotate(-Math.PI / 2);
            g.drawString(labels[i], 0, 0);
        }
        g.setTransform(saved);
    }

    private static void drawCells(Graphics2D g, long[][] cells, ChartTheme theme, int left, int top, int cell) {
        int n = cells.length;
        long max = 0;
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                if (row != col || n == 1) {
                    max = Math.max(max, cells[row][col]);
                }
            }
        }
        float size = Math.clamp(cell * 0.42f, 9f, 15f);
        for (int row = 0; row < n; row++) {
            for (int col = 0; col < n; col++) {
                long value = cells[row][col];
                double share = max <= 0 ? 0 : Math.clamp((double) value / max, 0.0, 1.0);
                share = Math.ceil(share * (STEPS - 1)) / (STEPS - 1);
                Color fill = row == col && n > 1 ? DIAGONAL : mix(LOW, HIGH, share);
                int x = left + col * cell;
                int y = top + row * cell;
                g.setColor(fill);
                g.fillRect(x, y, cell, cell);
                g.setColor(CELL_BORDER);
                g.drawRect(x, y, cell, cell);
                if (cell >= MIN_TEXT_CELL) {
                    Color ink = luminance(fill) < 0.5 ? Color.WHITE : ChartTheme.TEXT;
                    drawNumber(g, value, theme, size, x, y, cell, ink);
                }
            }
        }
    }

    /** Writes the number centred in its cell, in a smaller font or abbreviated (12k, 3.4M) when it does not fit. */
    private static void drawNumber(Graphics2D g, long value, ChartTheme theme, float size, int x, int y, int cell,
            Color colour) {
        String text = Long.toString(value);
        Font font = theme.base().deriveFont(size);
        FontMetrics fm = g.getFontMetrics(font);
        int room = cell - 4;
        if (fm.stringWidth(text) > room) {
            font = theme.base().deriveFont(Math.max(8f, size * room / fm.stringWidth(text)));
            fm = g.getFontMetrics(font);
            if (fm.stringWidth(text) > room) {
                text = compact(value);
            }
        }
        g.setFont(font);
        g.setColor(colour);
        g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, cell >= SMOOTH_NUMBER_CELL
                ? RenderingHints.VALUE_TEXT_ANTIALIAS_ON : RenderingHints.VALUE_TEXT_ANTIALIAS_OFF);
        g.drawString(text, x + (cell - fm.stringWidth(text)) / 2, y + (cell + fm.getAscent() - fm.getDescent()) / 2);
    }

    static String compact(long value) {
        long abs = Math.abs(value);
        if (abs < 1_000) {
            return Long.toString(value);
        }
        String[] units = {"k", "M", "G", "T", "P", "E"};
        double scaled = value;
        int unit = -1;
        while (Math.abs(scaled) >= 1_000 && unit < units.length - 1) {
            scaled /= 1_000;
            unit++;
        }
        String number = Math.abs(scaled) < 10 ? String.format(Locale.ROOT, "%.1f", scaled) : Long.toString(Math.round(scaled));
        return number.replace(".0", "") + units[unit];
    }

    private static Color mix(Color from, Color to, double share) {
        return new Color(
                (int) Math.round(from.getRed() + (to.getRed() - from.getRed()) * share),
                (int) Math.round(from.getGreen() + (to.getGreen() - from.getGreen()) * share),
                (int) Math.round(from.getBlue() + (to.getBlue() - from.getBlue()) * share));
    }

    private static double luminance(Color c) {
        return (0.2126 * c.getRed() + 0.7152 * c.getGreen() + 0.0722 * c.getBlue()) / 255;
    }
}
