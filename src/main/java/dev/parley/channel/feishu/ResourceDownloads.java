package dev.parley.channel.feishu;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import dev.parley.channel.ChannelException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Downloads the file of a Feishu message without holding more than a limit in memory. The SDK reads a whole
 * resource into memory before returning it, and a Feishu file may be 100 MB; here the download is read as a stream
 * over the JDK client with a tenant access token of its own, and stops as soon as it is larger than the limit
 * (at once when {@code Content-Length} says so). The token and the app secret never reach a log.
 */
final class ResourceDownloads implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration TOKEN_MARGIN = Duration.ofMinutes(5);

    private final FeishuSettings settings;
    private final Duration timeout;
    private final ExecutorService io;
    private final HttpClient http;
    private String token;
    private long tokenExpiresAt;

    /**
     * @param settings the app's credentials and the API base
     * @param timeout  the longest one request may take to answer
     */
    ResourceDownloads(FeishuSettings settings, Duration timeout) {
        this.settings = settings;
        this.timeout = timeout;
        this.io = Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("parley-feishu-download-", 1).factory());
        this.http = HttpClient.newBuilder().connectTimeout(timeout).executor(io).build();
    }

    /**
     * A download: its bytes, or only its size when it was larger than the limit.
     *
     * @param bytes the file, or {@code null} when it was too large
     * @param size  its size in bytes as far as known (at least the limit plus one when too large)
     */
    record Download(byte[] bytes, long size) {
    }

    /**
     * @param messageId the message carrying the file
     * @param fileKey   the file's key
     * @param maxBytes  the largest file read whole
     * @return the file, or how large it was when larger than {@code maxBytes}
     * @throws ChannelException when Feishu refused or could not be reached
     */
    Download file(String messageId, String fileKey, long maxBytes) throws ChannelException {
        URI uri = URI.create(base() + "/open-apis/im/v1/messages/" + encode(messageId) + "/resources/" + encode(fileKey)
                + "?type=file");
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).header("Authorization", "Bearer " + token())
                .GET().build();
        try {
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    String said = new String(body.readNBytes(2048), StandardCharsets.UTF_8);
                    if (response.statusCode() == 401) {
                        forgetToken();
                    }
                    throw failure(response.statusCode(), said);
                }
                OptionalLong length = response.headers().firstValueAsLong("Content-Length");
                if (length.isPresent() && length.getAsLong() > maxBytes) {
                    return new Download(null, length.getAsLong());
                }
                byte[] bytes = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                return bytes.length > maxBytes ? new Download(null, bytes.length) : new Download(bytes, bytes.length);
            }
        } catch (IOException e) {
            throw ChannelException.retryable("Feishu could not be reached to download a file: " + e.getMessage(), e, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ChannelException.retryable("interrupted while downloading a Feishu file", e, null);
        }
    }

    private synchronized String token() throws ChannelException {
        if (token != null && System.currentTimeMillis() < tokenExpiresAt) {
            return token;
        }
        String body = JSON.createObjectNode().put("app_id", settings.appId()).put("app_secret", settings.appSecret())
                .toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base() + "/open-apis/auth/v3/tenant_access_token/internal"))
                .timeout(timeout).header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            JsonNode json = JSON.readTree(response.body());
            if (response.statusCode() != 200 || json.path("code").asInt(-1) != 0
                    || json.path("tenant_access_token").asText("").isEmpty()) {
                throw ChannelException.permanent("Feishu gave no tenant access token (HTTP " + response.statusCode()
                        + ", code " + json.path("code").asText("?") + ": " + json.path("msg").asText("") + ")", null);
            }
            token = json.path("tenant_access_token").asText();
            long expiresIn = Duration.ofSeconds(json.path("expire").asLong(7200)).minus(TOKEN_MARGIN).toMillis();
            tokenExpiresAt = System.currentTimeMillis() + Math.max(0, expiresIn);
            return token;
        } catch (IOException e) {
            throw ChannelException.retryable("Feishu could not be reached for a tenant access token: " + e.getMessage(),
                    e, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ChannelException.retryable("interrupted while asking Feishu for a token", e, null);
        }
    }

    private synchronized void forgetToken() {
        token = null;
    }

    private static ChannelException failure(int status, String said) {
        String code = "?";
        try {
            code = JSON.readTree(said).path("code").asText("?");
        } catch (IOException e) {
            // not JSON: the status says enough
        }
        String message = "Feishu refused a file download (HTTP " + status + ", code " + code + ")";
        return status == 429 || status >= 500 ? ChannelException.retryable(message, null, null)
                : ChannelException.permanent(message, null);
    }

    private String base() {
        String base = settings.baseUrl();
        return base.endsWith("/") ? base.substring(0, base.length() - 1) : base;
    }

    private static String encode(String part) {
        return URLEncoder.encode(part, StandardCharsets.UTF_8);
    }

    /** Closes the client and its threads; idempotent. */
    @Override
    public void close() {
        http.shutdownNow();
        io.shutdownNow();
    }
}
