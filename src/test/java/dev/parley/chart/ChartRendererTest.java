package dev.parley.chart;

import java.awt.Color;
import java.awt.Font;
import java.awt.Graphics2D;
import java.awt.font.FontRenderContext;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Renders every chart kind to PNG and reads the pixels back: dimensions, not blank, series colours present,
 * Chinese drawn with real glyphs, degenerate and hostile input, concurrent use. Set {@code -Dparley.chart.dump=DIR}
 * to keep the images for a look.
 */
class ChartRendererTest {
    private static final Color BLUE = ChartTheme.SERIES[0];
    private static final Color ORANGE = ChartTheme.SERIES[1];
    private static ChartRenderer renderer;

    @BeforeAll
    static void create() {
        renderer = ChartRenderer.create();
    }

    @Test
    void lineChartIsAFullSizedImageWithItsSeriesColours() {
        LineChart chart = new LineChart("群成员增长", days(30),
                List.of(Series.of("成员", ramp(30, 100, 7)), Series.of("活跃", ramp(30, 20, 3))), "人数");
        BufferedImage image = decode(renderer.line(chart), "line");
        assertThat(image.getWidth()).isEqualTo(900);
        assertThat(image.getHeight()).isEqualTo(500);
        assertThat(distinctColours(image)).isGreaterThan(50);
        assertThat(count(image, BLUE)).isGreaterThan(200);
        assertThat(count(image, ORANGE)).isGreaterThan(200);
    }

    @Test
    void barChartsSideBySideAndStacked() {
        for (boolean stacked : new boolean[] {false, true}) {
            BarChart chart = new BarChart("加入与退出", days(14),
                    List.of(Series.of("加入", ramp(14, 5, 2)), Series.of("退出", ramp(14, 1, 1))), stacked, "人数");
            BufferedImage image = decode(renderer.bars(chart), stacked ? "bars-stacked" : "bars");
            assertThat(image.getWidth()).isEqualTo(900);
            assertThat(image.getHeight()).isEqualTo(500);
            assertThat(count(image, BLUE)).isGreaterThan(1_000);
            assertThat(count(image, ORANGE)).isGreaterThan(300);
        }
    }

    @Test
    void activityByHourWithEnglishLabels() {
        List<String> hours = new ArrayList<>();
        for (int h = 0; h < 24; h++) {
            hours.add(String.format("%02d", h));
        }
        BarChart chart = new BarChart("Messages by hour", hours,
                List.of(Series.of("messages", ramp(24, 0, 13))), false, "messages");
        BufferedImage image = decode(renderer.bars(chart), "hours");
        assertThat(count(image, BLUE)).isGreaterThan(1_000);
    }

    @Test
    void heatMapWritesNumbersAndScalesWithItsLabels() {
        List<String> groups = List.of("客服一群", "客服二群", "VIP 群", "售后");
        long[][] cells = {{120, 30, 5, 0}, {30, 80, 12, 7}, {5, 12, 40, 2}, {0, 7, 2, 15}};
        BufferedImage small = decode(renderer.heatMap(new HeatMap("群成员重叠", groups, cells)), "heatmap");
        assertThat(distinctColours(small)).isGreaterThan(30);
        assertThat(Math.abs(small.getWidth() - small.getHeight())).isLessThan(small.getWidth() / 2);

        BufferedImage big = decode(renderer.heatMap(overlap(40)), "heatmap-40");
        assertThat(big.getWidth()).isGreaterThan(small.getWidth()).isLessThanOrEqualTo(1_300);
        assertThat(big.getHeight()).isLessThanOrEqualTo(1_300);
    }

    @Test
    void chineseTitleIsDrawnWithRealGlyphs() {
        String title = "群成员增长";
        LineChart chinese = new LineChart(title, days(7), List.of(Series.of("成员", ramp(7, 10, 1))), "");
        LineChart blank = new LineChart(" ".repeat(title.length()), days(7), List.of(Series.of("成员", ramp(7, 10, 1))), "");
        BufferedImage a = decode(renderer.line(chinese), "title-zh");
        BufferedImage b = decode(renderer.line(blank), "title-blank");
        // five 20-pt glyphs cover several hundred pixels; five "missing glyph" boxes would cover far fewer
        assertThat(titleDifference(a, b)).isGreaterThan(400);
    }

    /** How many pixels differ in the top 60 rows, where the title is. */
    private static int titleDifference(BufferedImage a, BufferedImage b) {
        int differing = 0;
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    differing++;
                }
            }
        }
        return differing;
    }

    @Test
    void bundledFontMapsChineseAndItsGlyphsAreNotTheMissingBox() {
        Font font = ChartTheme.load().base().deriveFont(40f);
        assertThat(font.getFamily()).isEqualTo("WenQuanYi Micro Hei");
        assertThat(font.canDisplay('群')).isTrue();
        FontRenderContext frc = new FontRenderContext(null, true, true);
        for (String glyph : List.of("群", "成", "员", "增", "长")) {
            assertThat(font.createGlyphVector(frc, glyph).getGlyphCode(0)).isNotEqualTo(font.getMissingGlyphCode());
        }
        String unmapped = new String(Character.toChars(0x10FFFD));
        assertThat(font.canDisplay(0x10FFFD)).isFalse();
        assertThat(pixels(font, "群")).isNotEqualTo(pixels(font, unmapped));
        assertThat(pixels(font, "群")).isNotEqualTo(pixels(font, "成"));
    }

    /**
     * The configuration {@link BundledFont} falls back to on a machine without fonts, forced on a JVM of its own:
     * the JDK must accept it, map its logical fonts to the bundled one and draw the Chinese title. (A machine with
     * no fonts at all cannot be faked without root; that case was checked by hand under {@code unshare -m} with
     * empty {@code /usr/share/fonts} and {@code /etc/fonts}, with and without {@code libfontconfig}.)
     */
    @Test
    void fallbackFontConfigurationWorksOnItsOwn() throws Exception {
        BundledFont.get();
        Path fontCopy = Files.createTempFile("chart-font-test-", ".ttc");
        try (InputStream in = ChartRendererTest.class.getResourceAsStream(BundledFont.RESOURCE)) {
            Files.copy(in, fontCopy, StandardCopyOption.REPLACE_EXISTING);
        }
        Path config = BundledFont.writeFontConfiguration(fontCopy);
        String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(javaBin, "-D" + BundledFont.JDK_FONT_CONFIG_PROPERTY + "=" + config,
                "-Djava.awt.headless=true", "-cp", System.getProperty("java.class.path"),
                FallbackCheck.class.getName()).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor()).as(output).isZero();
        assertThat(output).contains("SansSerif draws the bundled font", "title pixels ok");
        Files.deleteIfExists(fontCopy);
    }

    /** Run by {@link #fallbackFontConfigurationWorksOnItsOwn} in a JVM of its own. */
    static final class FallbackCheck {
        public static void main(String[] args) {
            ChartRenderer renderer = ChartRenderer.create();
            Font sans = new Font(Font.SANS_SERIF, Font.PLAIN, 40);
            Font bundled = ChartTheme.load().base().deriveFont(40f);
            boolean same = pixels(sans, "群A").equals(pixels(bundled, "群A")) && !pixels(sans, "群A").isEmpty();
            System.out.println(same ? "SansSerif draws the bundled font" : "SansSerif draws another font");
            List<String> x = List.of("a", "b");
            BufferedImage zh = decode(renderer.line(new LineChart("群成员增长", x, List.of(Series.of("s", 1, 2)), "")));
            BufferedImage blank = decode(renderer.line(new LineChart("     ", x, List.of(Series.of("s", 1, 2)), "")));
            System.out.println(titleDifference(zh, blank) > 400 ? "title pixels ok" : "title pixels MISSING");
        }
    }

    @Test
    void mismatchedOrMissingInputIsRefusedWithAClearMessage() {
        List<String> three = List.of("a", "b", "c");
        assertThatThrownBy(() -> new LineChart("t", three, List.of(Series.of("s", 1, 2)), ""))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("series 's' has 2 values but the chart has 3 x labels");
        assertThatThrownBy(() -> new BarChart("t", three, List.of(Series.of("s", 1, 2, 3, 4)), true, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("4 values");
        assertThatThrownBy(() -> new LineChart(null, three, List.of(), ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("title must not be null");
        assertThatThrownBy(() -> new BarChart("t", null, List.of(), false, ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("xLabels must not be null");
        assertThatThrownBy(() -> new Series("s", Arrays.asList(1.0, null)))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("series 's' has a null value at index 1");
        assertThatThrownBy(() -> new HeatMap("t", List.of("a", "b"), new long[][] {{1, 2}, {3}}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("heat map is not square: row 1 has 1 cells, expected 2");
        assertThatThrownBy(() -> new HeatMap("t", List.of("a", "b"), new long[][] {{1, 2}}))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("heat map has 2 labels but 1 rows");
        assertThatThrownBy(() -> renderer.line(null))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("chart must not be null");
    }

    @Test
    void emptyAndDegenerateDataRenderValidCharts() {
        List<byte[]> pngs = List.of(
                renderer.line(new LineChart("空", List.of(), List.of(), "")),
                renderer.line(new LineChart("no series", days(10), List.of(), "")),
                renderer.line(new LineChart("no points", List.of(), List.of(Series.of("s")), "")),
                renderer.line(new LineChart("one point", List.of("11-22"), List.of(Series.of("s", 42)), "y")),
                renderer.line(new LineChart("zeros", days(30), List.of(Series.of("s", new double[30])), "")),
                renderer.bars(new BarChart("zeros", days(30), List.of(Series.of("s", new double[30])), true, "")),
                renderer.bars(new BarChart("", List.of(), List.of(), false, "")),
                renderer.bars(new BarChart("same name", List.of("a"), List.of(Series.of("", 1), Series.of("", 2)),
                        false, "")),
                renderer.line(new LineChart("很长的标题".repeat(60), List.of("很长的标签".repeat(20), "b"),
                        List.of(Series.of("很长的系列名".repeat(10), 1, 2), Series.of("s", 2, 1)), "很长的轴".repeat(30))),
                renderer.heatMap(new HeatMap("empty", List.of(), new long[0][])),
                renderer.heatMap(new HeatMap("one", List.of("only"), new long[][] {{0}})));
        for (byte[] png : pngs) {
            BufferedImage image = decode(png, null);
            assertThat(image.getWidth()).isGreaterThan(100);
            assertThat(image.getHeight()).isGreaterThan(100);
        }
    }

    @Test
    void nanAndInfinityAreDrawnAsZero() {
        List<String> x = List.of("a", "b", "c", "d");
        Series odd = Series.of("s", 3, Double.NaN, Double.POSITIVE_INFINITY, 5);
        Series zeroed = Series.of("s", 3, 0, 0, 5);
        assertThat(decode(renderer.line(new LineChart("t", x, List.of(odd), ""))))
                .satisfies(image -> assertSamePixels(image,
                        decode(renderer.line(new LineChart("t", x, List.of(zeroed), "")))));
        assertSamePixels(decode(renderer.bars(new BarChart("t", x, List.of(odd), true, ""))),
                decode(renderer.bars(new BarChart("t", x, List.of(zeroed), true, ""))));
    }

    @Test
    void aYearOfDaysThinsItsLabelsAndStaysLight() {
        List<String> year = days(365);
        byte[] png = renderer.line(new LineChart("一年", year, List.of(Series.of("成员", ramp(365, 1_000, 3))), "人数"));
        assertThat(png.length).isLessThan(300 * 1024);
        assertThat(count(decode(png, "line-365"), BLUE)).isGreaterThan(500);

        List<String> shown = CategoryCharts.thinned(year, ChartTheme.load().tickLabel());
        long written = shown.stream().filter(label -> !label.isBlank()).count();
        assertThat(written).isBetween(5L, 20L);
        assertThat(shown.getFirst()).isEqualTo(year.getFirst());
        String longLabel = CategoryCharts.thinned(List.of("很长的标签".repeat(20)), ChartTheme.load().tickLabel()).getFirst();
        assertThat(longLabel).endsWith("…").hasSizeLessThan(30);

        byte[] bars = renderer.bars(new BarChart("一年", year, List.of(Series.of("加入", ramp(365, 0, 1)),
                Series.of("退出", ramp(365, 0, 1))), true, ""));
        assertThat(bars.length).isLessThan(300 * 1024);
        assertThat(renderer.heatMap(overlap(40)).length).isLessThan(300 * 1024);
    }

    @Test
    void rendersFromFourThreadsAtOnce() throws Exception {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory named = r -> new Thread(r, "chart-test-" + n.incrementAndGet());
        ExecutorService pool = Executors.newFixedThreadPool(4, named);
        try {
            LineChart line = new LineChart("群成员增长", days(90), List.of(Series.of("成员", ramp(90, 50, 2))), "人数");
            BarChart bars = new BarChart("加入与退出", days(30), List.of(Series.of("加入", ramp(30, 1, 1))), false, "");
            HeatMap heat = overlap(12);
            byte[] lineOnce = renderer.line(line);
            byte[] barsOnce = renderer.bars(bars);
            byte[] heatOnce = renderer.heatMap(heat);
            List<Future<byte[][]>> futures = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                futures.add(pool.submit(() -> {
                    byte[][] last = null;
                    for (int i = 0; i < 5; i++) {
                        last = new byte[][] {renderer.line(line), renderer.bars(bars), renderer.heatMap(heat)};
                    }
                    return last;
                }));
            }
            for (Future<byte[][]> future : futures) {
                byte[][] result = future.get();
                assertSamePixels(decode(result[0]), decode(lineOnce));
                assertSamePixels(decode(result[1]), decode(barsOnce));
                assertSamePixels(decode(result[2]), decode(heatOnce));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    private static List<String> days(int count) {
        List<String> days = new ArrayList<>(count);
        LocalDate day = LocalDate.of(2026, 1, 1);
        for (int i = 0; i < count; i++) {
            days.add(day.plusDays(i).toString().substring(5));
        }
        return days;
    }

    private static double[] ramp(int count, double start, double step) {
        double[] values = new double[count];
        for (int i = 0; i < count; i++) {
            values[i] = start + step * i + (i % 3 == 0 ? step : 0);
        }
        return values;
    }

    private static HeatMap overlap(int n) {
        List<String> labels = new ArrayList<>();
        long[][] cells = new long[n][n];
        for (int i = 0; i < n; i++) {
            labels.add("客户群-" + (i + 1));
            for (int j = 0; j < n; j++) {
                cells[i][j] = i == j ? 500 + i : (i * 7L + j * 13L) % 97 * (i + j);
            }
        }
        return new HeatMap("群成员重叠", labels, cells);
    }

    private static BufferedImage decode(byte[] png) {
        return decode(png, null);
    }

    private static BufferedImage decode(byte[] png, String dumpName) {
        try {
            BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
            assertThat(image).as("a decodable PNG").isNotNull();
            String dump = System.getProperty("parley.chart.dump");
            if (dump != null && dumpName != null) {
                Files.createDirectories(Path.of(dump));
                Files.write(Path.of(dump, dumpName + ".png"), png);
            }
            return image;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int distinctColours(BufferedImage image) {
        Set<Integer> colours = new HashSet<>();
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                colours.add(image.getRGB(x, y));
            }
        }
        return colours.size();
    }

    private static int count(BufferedImage image, Color colour) {
        int rgb = colour.getRGB();
        int n = 0;
        for (int y = 0; y < image.getHeight(); y++) {
            for (int x = 0; x < image.getWidth(); x++) {
                if (image.getRGB(x, y) == rgb) {
                    n++;
                }
            }
        }
        return n;
    }

    private static void assertSamePixels(BufferedImage a, BufferedImage b) {
        assertThat(a.getWidth()).isEqualTo(b.getWidth());
        assertThat(a.getHeight()).isEqualTo(b.getHeight());
        for (int y = 0; y < a.getHeight(); y++) {
            for (int x = 0; x < a.getWidth(); x++) {
                if (a.getRGB(x, y) != b.getRGB(x, y)) {
                    throw new AssertionError("images differ at " + x + "," + y);
                }
            }
        }
    }

    /** The dark pixels of one glyph drawn alone, as a set of coordinates. */
    private static Set<Integer> pixels(Font font, String text) {
        BufferedImage image = new BufferedImage(60, 60, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = image.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 60, 60);
        g.setColor(Color.BLACK);
        g.setFont(font);
        g.drawString(text, 5, 45);
        g.dispose();
        Set<Integer> dark = new HashSet<>();
        for (int y = 0; y < 60; y++) {
            for (int x = 0; x < 60; x++) {
                if ((image.getRGB(x, y) & 0xFF) < 128) {
                    dark.add(y * 60 + x);
                }
            }
        }
        return dark;
    }
}
