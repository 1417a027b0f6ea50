package dev.parley.media;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

import javax.imageio.ImageIO;

/**
 * Turns a downloaded image into the PNG a card carries ({@code javax.imageio}; cards show PNG only). Large images
 * are scaled down to {@value #MAX_SIDE} pixels on their longer side, a preview: the card links the original too.
 */
final class PngImages {
    static final int MAX_SIDE = 1600;
    private static final long MAX_INPUT_BYTES = 30L << 20;

    private PngImages() {
    }

    /**
     * @param file an image file (PNG, JPEG or GIF)
     * @return the PNG (the file itself when it is a PNG small enough), or empty when it is no image {@code ImageIO}
     *         can read
     */
    static Optional<byte[]> of(Path file) {
        try {
            if (Files.size(file) > MAX_INPUT_BYTES) {
                return Optional.empty();
            }
            BufferedImage image = ImageIO.read(file.toFile());
            if (image == null) {
                return Optional.empty();
            }
            boolean small = Math.max(image.getWidth(), image.getHeight()) <= MAX_SIDE;
            if (small && isPng(file)) {
                return Optional.of(Files.readAllBytes(file));
            }
            ByteArrayOutputStream png = new ByteArrayOutputStream();
            if (!ImageIO.write(small ? image : scaled(image), "png", png)) {
                return Optional.empty();
            }
            return Optional.of(png.toByteArray());
        } catch (IOException | RuntimeException unreadable) {
            return Optional.empty();
        }
    }

    private static boolean isPng(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(4);
            return head.length == 4 && (head[0] & 0xFF) == 0x89 && head[1] == 'P' && head[2] == 'N' && head[3] == 'G';
        }
    }

    private static BufferedImage scaled(BufferedImage image) {
        double factor = (double) MAX_SIDE / Math.max(image.getWidth(), image.getHeight());
        int width = Math.max(1, (int) Math.round(image.getWidth() * factor));
        int height = Math.max(1, (int) Math.round(image.getHeight() * factor));
        BufferedImage out = new BufferedImage(width, height, BufferedImage.TYPE_INT_ARGB);
        Graphics2D g = out.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
            g.drawImage(image, 0, 0, width, height, null);
        } finally {
            g.dispose();
        }
        return out;
    }
}
