package dev.parley.card;

import java.util.Base64;
import java.util.Objects;

/**
 * A file that comes with a card (a CSV export): channels that can carry files send it as a document,
 * the others show its name and size.
 *
 * @param name      the file name, with extension
 * @param mediaType its MIME type, e.g. {@code text/csv}
 * @param bytes     its content
 */
public record CardFile(String name, String mediaType, byte[] bytes) {
    /** Rejects missing parts. */
    public CardFile {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mediaType, "mediaType");
        Objects.requireNonNull(bytes, "bytes");
    }

    /** @return the content as a {@code data:} URL, the form cards carry in JSON */
    public String dataUrl() {
        return "data:" + mediaType + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }
}
