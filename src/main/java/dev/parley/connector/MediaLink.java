package dev.parley.connector;

import java.util.Map;
import java.util.Objects;

/**
 * Where the media of a received message can be downloaded, and what turns the downloaded bytes into the file: nothing
 * for platforms that serve the file itself (GeWe), a decryption for those that serve it encrypted (WhatsApp).
 *
 * @param url     an http(s) URL to fetch
 * @param decoder turns what was fetched into the file, or {@code null} when it is the file
 * @param headers request headers the download needs (a platform that serves media only to its token), else empty
 */
public record MediaLink(String url, Decoder decoder, Map<String, String> headers) {
    /** Requires the URL and copies the headers. */
    public MediaLink {
        Objects.requireNonNull(url, "url");
        headers = Map.copyOf(headers);
    }

    /**
     * @param url     an http(s) URL anyone with it may fetch
     * @param decoder turns what was fetched into the file, or {@code null} when it is the file
     */
    public MediaLink(String url, Decoder decoder) {
        this(url, decoder, Map.of());
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
