package dev.parley.card;

import java.util.Base64;
import java.util.Objects;

/**
 * A PNG shown on a card (login QR codes, charts).
 *
 * @param png the PNG bytes
 * @param alt a textual stand-in for channels that cannot show it
 */
public record CardImage(byte[] png, String alt) {
    /** Rejects missing parts. */
    public CardImage {
        Objects.requireNonNull(png, "png");
        Objects.requireNonNull(alt, "alt");
    }

    /** @return the image as a {@code data:image/png;base64,…} URL, the form cards carry in JSON */
    public String dataUrl() {
        return "data:image/png;base64," + Base64.getEncoder().encodeToString(png);
    }
}
