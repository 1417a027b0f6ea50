package dev.parley.connector.gewe;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One GeWe API call on the wire: {@code POST base + path} with the JSON body and the
 * {@code X-GEWE-TOKEN} header, then the {@code {"ret","msg","data"}} envelope unpacked into its
 * {@code data} or a sorted {@link GeweException}. The whole call, reply body included, is bounded by the
 * timeout. The token is sent and otherwise never shown: server texts that echo it are redacted.
 */
final class GeweHttp implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(GeweHttp.class.getName());
    private static final String REDACTED = "***";
    private static final int RET_OK = 200;

    static final ObjectMapper JSON = JsonMapper.builder()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    private final HttpClient http;
    private final String base;
    private final String token;

    /**
     * @param base           the API base, e.g. {@code http://api.geweapi.com/gewe/v2/api}
     * @param token          the {@code X-GEWE-TOKEN}
     * @param connectTimeout the longest wait for a connection
     */
    GeweHttp(URI base, String token, Duration connectTimeout) {
        String text = base.toString();
        this.base = text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
        this.token = token;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(connectTimeout)
                .build();
    }

    /**
     * @param path    the API path, e.g. {@code /message/postText}
     * @param body    the request body
     * @param timeout the longest the whole call may take
     * @return the envelope's {@code data}; {@code null} when the reply has none (a valid success)
     * @throws GeweException if the call failed or GeWe answered with an error envelope
     */
    JsonNode post(String path, ObjectNode body, Duration timeout) throws GeweException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + path))
                .timeout(timeout)
                .header("X-GEWE-TOKEN", token)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body)))
                .build();
        long started = System.nanoTime();
        CompletableFuture<HttpResponse<byte[]>> pending = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        HttpResponse<byte[]> response;
        try {
            response = pending.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException late) {
            pending.cancel(true);
            throw GeweException.noReply(path, timedOut(timeout), null);
        } catch (ExecutionException failed) {
            Throwable cause = failed.getCause();
            if (cause instanceof HttpTimeoutException) {
                throw GeweException.noReply(path, timedOut(timeout) + " (" + describe(cause) + ")", cause);
            }
            throw GeweException.noReply(path, "no reply: " + describe(cause), cause);
        } catch (InterruptedException interrupted) {
            pending.cancel(true);
            Thread.currentThread().interrupt();
            throw GeweException.noReply(path, "interrupted", interrupted);
        }
        JsonNode data = unpack(path, response.statusCode(), response.body());
        LOG.fine(() -> "gewe " + path + " ok in " + (System.nanoTime() - started) / 1_000_000 + " ms");
        return data;
    }

    private JsonNode unpack(String path, int status, byte[] body) throws GeweException {
        if (status < 200 || status > 299) {
            throw GeweException.httpStatus(path, status);
        }
        JsonNode root;
        try {
            root = JSON.readTree(body);
        } catch (IOException notJson) {
            throw GeweException.malformed(path, status, "not JSON");
        }
        if (root == null || !root.isObject()) {
            throw GeweException.malformed(path, status, "not a JSON object");
        }
        Integer ret = GeweReplies.integer(root, "ret");
        if (ret == null) {
            throw GeweException.malformed(path, status, "no ret");
        }
        JsonNode data = JsonFields.field(root, "data");
        if (ret == RET_OK) {
            return data;
        }
        String dataCode = data != null && data.isObject() ? GeweReplies.text(data, "code") : null;
        String dataMsg = data == null ? null
                : data.isObject() ? GeweReplies.text(data, "msg")
                : data.isValueNode() ? data.asText() : null;
        throw GeweException.reply(path, ret, redact(GeweReplies.text(root, "msg")), redact(dataCode), redact(dataMsg));
    }

    private String describe(Throwable cause) {
        String message = cause.getMessage();
        String name = cause.getClass().getSimpleName();
        return message == null || message.isBlank() ? name : name + ": " + redact(message);
    }

    private String redact(String text) {
        return text == null ? null : text.replace(token, REDACTED);
    }

    private static String timedOut(Duration timeout) {
        return "timed out after " + timeout.toMillis() + " ms";
    }

    private static byte[] bytes(ObjectNode body) {
        try {
            return JSON.writeValueAsBytes(body);
        } catch (JsonProcessingException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    /** Waits for calls in flight, then releases the connections. */
    @Override
    public void close() {
        http.close();
    }
}
