package dev.parley.command;

import java.util.Objects;

/**
 * A file someone sent along with a command (a Telegram document captioned {@code /kb import}, the Feishu file a
 * {@code /kb import} replies to), so a command can read it without knowing which chat platform carried it.
 * A channel that does not fetch a file (larger than it may fetch, or the platform did not deliver it) still
 * passes it on without its bytes, so the command can say why in the caller's language.
 *
 * @param name      the file name as sent, with its extension
 * @param mediaType its MIME type as the platform reports it, or {@code null}
 * @param size      its size in bytes, or -1 when the platform did not say and it was not fetched
 * @param bytes     its content, or {@code null} when it was not fetched
 */
public record Attachment(String name, String mediaType, long size, byte[] bytes) {
    /** Rejects a missing name and a size that disagrees with the content. */
    public Attachment {
        Objects.requireNonNull(name, "name");
        if (bytes != null && size != bytes.length) {
            throw new IllegalArgumentException("size " + size + " but " + bytes.length + " bytes");
        }
    }

    /**
     * @param name      the file name
     * @param mediaType its MIME type, or {@code null}
     * @param bytes     its content
     */
    public Attachment(String name, String mediaType, byte[] bytes) {
        this(name, mediaType, bytes.length, bytes);
    }

    /**
     * @param name      the file name
     * @param mediaType its MIME type, or {@code null}
     * @param size      the size the platform declared, or -1 when unknown
     * @return the file without its content
     */
    public static Attachment unfetched(String name, String mediaType, long size) {
        return new Attachment(name, mediaType, size, null);
    }

    /** @return whether its content is here */
    public boolean fetched() {
        return bytes != null;
    }

    @Override
    public String toString() {
        return "Attachment[name=" + name + ", mediaType=" + mediaType + ", size=" + size + ", fetched=" + fetched() + "]";
    }
}
