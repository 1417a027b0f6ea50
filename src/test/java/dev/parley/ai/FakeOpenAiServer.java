package dev.parley.ai;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenAI-compatible {@code POST /v1/chat/completions} on loopback, speaking the wire format: answers with a
 * scripted reply and {@code usage} figures, or slowly, or with an HTTP error, or with malformed JSON. Records every
 * request body and its {@code Authorization} header.
 */
final class FakeOpenAiServer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpServer server;
    private final ConcurrentLinkedQueue<Behaviour> script = new ConcurrentLinkedQueue<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private volatile Behaviour otherwise = reply("Thanks for asking!", 10, 5);

    private FakeOpenAiServer(HttpServer server) {
        this.server = server;
    }

    static FakeOpenAiServer start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
            FakeOpenAiServer fake = new FakeOpenAiServer(server);
            server.createContext("/v1/chat/completions", fake::handle);
            server.start();
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the base URL a provider is configured with */
    URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /** Every later request gets this. */
    void always(Behaviour behaviour) {
        script.clear();
        otherwise = behaviour;
    }

    /** The next requests get these, in order, then the default. */
    void next(Behaviour... behaviours) {
        script.addAll(List.of(behaviours));
    }

    List<Request> requests() {
        return requests;
    }

    static Behaviour reply(String text, int promptTokens, int completionTokens) {
        return new Behaviour(200, text, promptTokens, completionTokens, 0, false);
    }

    static Behaviour replyAfter(long millis, String text, int promptTokens, int completionTokens) {
        return new Behaviour(200, text, promptTokens, completionTokens, millis, false);
    }

    static Behaviour status(int status) {
        return new Behaviour(status, null, 0, 0, 0, false);
    }

    /** An error answer whose JSON carries {@code message} as the server's own words. */
    static Behaviour error(int status, String message) {
        return new Behaviour(status, message, 0, 0, 0, false);
    }

    static Behaviour slow(long millis) {
        return new Behaviour(200, "late", 1, 1, millis, false);
    }

    static Behaviour malformed() {
        return new Behaviour(200, null, 0, 0, 0, true);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            JsonNode body = JSON.readTree(in.readAllBytes());
            requests.add(new Request(body, exchange.getRequestHeaders().getFirst("Authorization")));
            Behaviour b = script.poll();
            if (b == null) {
                b = otherwise;
            }
            if (b.delayMillis() > 0) {
                try {
                    Thread.sleep(b.delayMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
            byte[] answer;
            if (b.malformed()) {
                answer = "{\"choices\": [{\"message\": {\"content\": \"cut off".getBytes(StandardCharsets.UTF_8);
            } else if (b.status() != 200) {
                ObjectNode error = JSON.createObjectNode();
                error.putObject("error").put("message", b.text() == null ? "overloaded" : b.text());
                answer = JSON.writeValueAsBytes(error);
            } else {
                ObjectNode root = JSON.createObjectNode().put("id", "chatcmpl-1").put("object", "chat.completion")
                        .put("model", body.path("model").asText());
                root.putArray("choices").addObject().put("index", 0).put("finish_reason", "stop")
                        .putObject("message").put("role", "assistant").put("content", b.text());
                root.putObject("usage").put("prompt_tokens", b.promptTokens())
                        .put("completion_tokens", b.completionTokens())
                        .put("total_tokens", b.promptTokens() + b.completionTokens());
                answer = JSON.writeValueAsBytes(root);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(b.status(), answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }

    /** What the fake does with one request. */
    record Behaviour(int status, String text, int promptTokens, int completionTokens, long delayMillis,
                     boolean malformed) {
    }

    /** One request as received. */
    record Request(JsonNode body, String authorization) {
    }
}
