package dev.parley.chart;

import java.awt.image.BufferedImage;
import java.awt.image.IndexColorModel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

import javax.imageio.ImageIO;

/**
 * Encodes a rendered chart as PNG. An image of at most 256 colours (a heat map with stepped fills and crisp
 * numbers) is written as an 8-bit palette PNG, losslessly and several times smaller; any other as true colour.
 */
final class Png {
    private static final int PALETTE_SIZE = 256;

    private Png() {
    }

    static byte[] encode(BufferedImage image) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
            if (!ImageIO.write(paletted(image), "png", out)) {
                throw new IllegalStateException("no PNG writer in this JDK");
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The same pixels with a palette, or the image itself when it has more than 256 colours. */
    private static BufferedImage paletted(BufferedImage image) {
        int width = image.getWidth();
        int height = image.getHeight();
        int[] rgb = image.getRGB(0, 0, width, height, null, 0, width);
        Map<Integer, Integer> index = new HashMap<>();
        for (int pixel : rgb) {
            if (index.putIfAbsent(pixel & 0xFFFFFF, index.size()) == null && index.size() > PALETTE_SIZE) {
                return image;
            }
        }
        int size = Math.max(2, index.size());
        byte[] r = new byte[size];
        byte[] g = new byte[size];
        byte[] b = new byte[size];
        index.forEach((colour, i) -> {
            r[i] = (byte) (colour >> 16);
            g[i] = (byte) (colour >> 8);
            b[i] = (byte) colour.intValue();
        });
        BufferedImage indexed = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED,
                new IndexColorModel(8, size, r, g, b));
        byte[] data = new byte[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            data[i] = (byte) index.get(rgb[i] & 0xFFFFFF).intValue();
        }
        indexed.getRaster().setDataElements(0, 0, width, height, data);
        return indexed;
    }
}
