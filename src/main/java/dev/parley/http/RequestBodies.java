package dev.parley.http;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;

/**
 * Reads request bodies with a hard size cap, so a client cannot make the server buffer an unbounded
 * body: a declared Content-Length over the cap is refused before reading, and a chunked body is cut off
 * as soon as it passes the cap.
 */
public final class RequestBodies {
    private RequestBodies() {
    }

    /**
     * @param req      the request
     * @param maxBytes the largest body accepted
     * @return the body
     * @throws TooLargeException when the body is larger than {@code maxBytes}
     */
    public static byte[] read(ServerRequest req, int maxBytes) throws TooLargeException {
        long declared = req.headers().first(HeaderNames.CONTENT_LENGTH).map(RequestBodies::parseLength).orElse(-1L);
        if (declared > maxBytes) {
            throw new TooLargeException(maxBytes);
        }
        if (!req.content().hasEntity()) {
            return new byte[0];
        }
        try (InputStream in = req.content().inputStream()) {
            byte[] buffer = new byte[(int) Math.min(maxBytes + 1L, declared >= 0 ? declared + 1 : 8192)];
            int length = 0;
            int read;
            while ((read = in.read(buffer, length, buffer.length - length)) != -1) {
                length += read;
                if (length > maxBytes) {
                    throw new TooLargeException(maxBytes);
                }
                if (length == buffer.length) {
                    buffer = Arrays.copyOf(buffer, (int) Math.min(maxBytes + 1L, buffer.length * 2L));
                }
            }
            return Arrays.copyOf(buffer, length);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** The body was larger than allowed. */
    public static final class TooLargeException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int maxBytes;

        TooLargeException(int maxBytes) {
            super("request body larger than " + maxBytes + " bytes");
            this.maxBytes = maxBytes;
        }

        /** @return the cap that was exceeded */
        public int maxBytes() {
            return maxBytes;
        }
    }
}
