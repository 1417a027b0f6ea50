package dev.parley.channel.feishu;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;

/**
 * One open WebSocket of the Feishu long connection on the JDK's {@code HttpClient}: binary messages are read
 * whole (the JDK may hand them over in pieces), capped at {@code maxFrameBytes}, decoded as {@link FeishuFrame}s
 * and passed to a consumer that must not block; sends are serialized (the JDK allows one outstanding send)
 * and wait for completion. {@link #closed()} completes with the reason once either side closes or the
 * socket fails.
 */
final class FrameSocket implements WebSocket.Listener {
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration CLOSE_GRACE = Duration.ofSeconds(1);

    private final BiConsumer<FrameSocket, FeishuFrame> frames;
    private final int maxFrameBytes;
    private final CompletableFuture<String> closed = new CompletableFuture<>();
    private final ByteArrayOutputStream partial = new ByteArrayOutputStream();
    private volatile WebSocket socket;

    private FrameSocket(BiConsumer<FrameSocket, FeishuFrame> frames, int maxFrameBytes) {
        this.frames = frames;
        this.maxFrameBytes = maxFrameBytes;
    }

    /**
     * @param http          the client
     * @param url           the connection URL
     * @param timeout       the longest the opening handshake may take
     * @param frames        receives this socket and each frame from it, on the client's threads; must return quickly
     * @param maxFrameBytes the largest frame accepted; a larger one closes the socket
     * @return the open socket
     * @throws IOException          when it could not be opened (the message never contains the URL's query)
     * @throws InterruptedException when interrupted
     */
    static FrameSocket open(HttpClient http, URI url, Duration timeout, BiConsumer<FrameSocket, FeishuFrame> frames,
                            int maxFrameBytes)
            throws IOException, InterruptedException {
        FrameSocket listener = new FrameSocket(frames, maxFrameBytes);
        try {
            http.newWebSocketBuilder().connectTimeout(timeout).buildAsync(url, listener)
                    .get(timeout.toMillis() * 2, TimeUnit.MILLISECONDS);
            return listener;
        } catch (ExecutionException e) {
            throw new IOException("could not open " + LongConnectionEndpoint.printable(url) + ": " + reason(e.getCause()));
        } catch (TimeoutException e) {
            throw new IOException("could not open " + LongConnectionEndpoint.printable(url) + " in time");
        }
    }

    /**
     * @param frame a frame to send
     * @throws IOException when it could not be sent
     */
    synchronized void send(FeishuFrame frame) throws IOException {
        try {
            socket.sendBinary(ByteBuffer.wrap(frame.toBytes()), true).get(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IOException("send failed: " + reason(e.getCause()));
        } catch (TimeoutException e) {
            throw new IOException("send timed out");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while sending");
        }
    }

    /** @return completes with the reason once the socket is closed */
    CompletableFuture<String> closed() {
        return closed;
    }

    /** Closes normally, then drops the connection if the other side does not answer the close in time. */
    void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "client closed").get(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
            closed.get(CLOSE_GRACE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException | IllegalStateException e) {
            // the socket is dropped below either way
        } finally {
            socket.abort();
            closed.complete("closed by Parley");
        }
    }

    @Override
    public void onOpen(WebSocket webSocket) {
        socket = webSocket;
        webSocket.request(1);
    }

    @Override
    public CompletionStage<?> onBinary(WebSocket webSocket, ByteBuffer data, boolean last) {
        if (partial.size() + data.remaining() > maxFrameBytes) {
            closed.complete("a frame over " + maxFrameBytes + " bytes");
            webSocket.abort();
            return null;
        }
        byte[] bytes = new byte[data.remaining()];
        data.get(bytes);
        partial.writeBytes(bytes);
        if (last) {
            byte[] whole = partial.toByteArray();
            partial.reset();
            try {
                frames.accept(this, FeishuFrame.parse(whole));
            } catch (IllegalArgumentException e) {
                closed.complete("an unreadable frame: " + e.getMessage());
                webSocket.abort();
                return null;
            }
        }
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        webSocket.request(1);
        return null;
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete("closed by Feishu (" + statusCode + (reason == null || reason.isEmpty() ? "" : " " + reason) + ")");
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(reason(error));
    }

    private static String reason(Throwable error) {
        if (error instanceof WebSocketHandshakeException handshake) {
            var headers = handshake.getResponse().headers();
            return "handshake refused with HTTP " + handshake.getResponse().statusCode()
                    + headers.firstValue("handshake-status").map(s -> ", handshake-status " + s).orElse("")
                    + headers.firstValue("handshake-msg").map(m -> ": " + m).orElse("");
        }
        return error == null ? "unknown error" : error.getClass().getSimpleName()
                + (error.getMessage() == null ? "" : ": " + error.getMessage());
    }
}
