package dev.parley.chart;

import java.awt.Font;
import java.awt.FontFormatException;
import java.awt.GraphicsEnvironment;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.logging.Logger;

/**
 * Loads the bundled WenQuanYi Micro Hei once per JVM, on a machine with or without fonts.
 *
 * <p>The JDK starts its font system from the platform's fontconfig. With no font installed at all (or no
 * {@code libfontconfig}), that start fails with "Fontconfig head is null" and no font can be created, not even
 * from a file. In that case, and only then, this class writes a JDK font configuration file
 * ({@code fontconfig.properties} format) that maps every logical font (Dialog, SansSerif, …) to the bundled font,
 * points the JDK's {@value #JDK_FONT_CONFIG_PROPERTY} property at it and tries again; the font system then starts
 * with the JDK's own FreeType and nothing from the machine.
 */
final class BundledFont {
    static final String RESOURCE = "/fonts/wqy-microhei.ttc";
    static final String FAMILY = "WenQuanYi Micro Hei";
    /** The JDK's (undocumented, long-standing) override of its font configuration file. */
    static final String JDK_FONT_CONFIG_PROPERTY = "sun.awt.fontconfig";
    private static final Logger LOG = Logger.getLogger(BundledFont.class.getName());
    private static Font font;

    private BundledFont() {
    }

    /**
     * @return the bundled font at size 1, loaded and registered with the local {@link GraphicsEnvironment}
     * @throws IllegalStateException when it cannot be loaded
     */
    static synchronized Font get() {
        if (font == null) {
            Path file = extract();
            Font loaded;
            try {
                loaded = create(file);
            } catch (IOException | RuntimeException noFontSystem) {
                if (System.getProperty(JDK_FONT_CONFIG_PROPERTY) != null) {
                    throw new IllegalStateException("cannot load the chart font " + RESOURCE, noFontSystem);
                }
                Path config = writeFontConfiguration(file);
                LOG.info(() -> "No usable system font configuration (" + noFontSystem.getMessage()
                        + "); charts use " + config + ", which names only the bundled font");
                System.setProperty(JDK_FONT_CONFIG_PROPERTY, config.toString());
                try {
                    loaded = create(file);
                } catch (IOException | RuntimeException e) {
                    e.addSuppressed(noFontSystem);
                    throw new IllegalStateException("cannot load the chart font " + RESOURCE, e);
                }
            }
            GraphicsEnvironment.getLocalGraphicsEnvironment().registerFont(loaded);
            font = loaded;
        }
        return font;
    }

    private static Font create(Path file) throws IOException {
        try {
            return Font.createFont(Font.TRUETYPE_FONT, file.toFile());
        } catch (FontFormatException e) {
            throw new IllegalStateException("the chart font " + RESOURCE + " is not a TrueType font", e);
        }
    }

    /** Copies the font out of the jar: the JDK reads fonts from files, lazily, for as long as the JVM runs. */
    private static Path extract() {
        try (InputStream in = BundledFont.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the chart font " + RESOURCE + " is not on the classpath");
            }
            Path file = Files.createTempFile("parley-chart-font-", ".ttc");
            file.toFile().deleteOnExit();
            Files.copy(in, file, StandardCopyOption.REPLACE_EXISTING);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot copy the chart font " + RESOURCE + " to a temporary file", e);
        }
    }

    /**
     * Writes a JDK font configuration that maps every logical font and style to the font in {@code fontFile}.
     *
     * @return the file written (deleted when the JVM exits)
     */
    static Path writeFontConfiguration(Path fontFile) {
        StringBuilder config = new StringBuilder("# Written by Parley: no system fonts; see BundledFont.\n")
                .append("version=1\n")
                .append("sequence.allfonts=latin-1\n");
        for (String logical : new String[] {"serif", "sansserif", "monospaced", "dialog", "dialoginput"}) {
            for (String style : new String[] {"plain", "bold", "italic", "bolditalic"}) {
                config.append(logical).append('.').append(style).append(".latin-1=").append(FAMILY).append('\n');
            }
        }
        config.append("filename.").append(FAMILY.replace(' ', '_')).append('=')
                .append(fontFile.toAbsolutePath()).append('\n');
        try {
            Path file = Files.createTempFile("parley-fontconfig-", ".properties");
            file.toFile().deleteOnExit();
            Files.writeString(file, config);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write a font configuration for the chart font", e);
        }
    }
}
