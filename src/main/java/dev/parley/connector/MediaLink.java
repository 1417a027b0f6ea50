package dev.parley.connector;

import java.util.Objects;

/**
 * Where the media of a received message can be downloaded, and what turns the downloaded bytes into the file: nothing
 * for platforms that serve the file itself (GeWe), a decryption for those that serve it encrypted (WhatsApp).
 *
 * @param url     an http(s) URL to fetch
 * @param decoder turns what was fetched into the file, or {@code null} when it is the file
 */
public record MediaLink(String url, Decoder decoder) {
    /** Requires the URL. */
    public MediaLink {
        Objects.requireNonNull(url, "url");
    }

    /**
     * @param url an http(s) URL that serves the file itself
     * @return the link
     */
    public static MediaLink plain(String url) {
        return new MediaLink(url, null);
    }

    /** Turns downloaded bytes into the file. */
    @FunctionalInterface
    public interface Decoder {
        /**
         * @param downloaded what the URL served
         * @return the file
         * @throws ConnectorException when it is not what the message describes (corrupt, altered, another file)
         */
        byte[] decode(byte[] downloaded) throws ConnectorException;
    }
}
