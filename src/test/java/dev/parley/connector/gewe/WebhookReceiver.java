package dev.parley.connector.gewe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A stand-in for Parley's GeWe webhook in tests of the fake's callbacks: it keeps every body posted to
 * it and answers a configurable status.
 */
final class WebhookReceiver implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService threads;
    private final List<String> bodies = new CopyOnWriteArrayList<>();
    private volatile int status = 200;

    private WebhookReceiver() throws IOException {
        threads = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("webhook-receiver-", 0).factory());
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(threads);
        server.createContext("/", this::receive);
        server.start();
    }

    /** @return a receiver listening on 127.0.0.1 */
    static WebhookReceiver start() {
        try {
            return new WebhookReceiver();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return where to post, under a path like Parley's */
    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/webhooks/gewe/secret");
    }

    /** @param status the HTTP status to answer from now on */
    void answer(int status) {
        this.status = status;
    }

    /** @return the bodies received, in order */
    List<String> bodies() {
        return List.copyOf(bodies);
    }

    private void receive(HttpExchange exchange) throws IOException {
        try (exchange) {
            bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            exchange.sendResponseHeaders(status, -1);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
