package dev.parley.channel.feishu;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Asks Feishu where to open the long connection, as the SDK's {@code ws.Client} does:
 * {@code POST {base}/callback/ws/endpoint} with {@code {"AppID","AppSecret"}} answers {@code data.URL} (a
 * {@code wss} URL whose {@code service_id} query parameter goes into every frame) and {@code data.ClientConfig}.
 * Codes 0 (ok), 1 (busy) and 1000040343 (internal error) are Feishu's; any other code means Feishu refuses the
 * app (wrong id or secret, long connection not allowed) and trying again will not help. The URL may carry a
 * ticket, so only {@link #printable(URI)} of it is ever logged.
 */
final class LongConnectionEndpoint {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PATH = "/callback/ws/endpoint";
    private static final int OK = 0;
    private static final int SYSTEM_BUSY = 1;
    private static final int INTERNAL_ERROR = 1000040343;

    private final HttpClient http;
    private final FeishuSettings settings;
    private final Duration timeout;

    /**
     * Where to connect.
     *
     * @param url          the WebSocket URL, with its query
     * @param serviceId    its {@code service_id}
     * @param clientConfig Feishu's {@code ClientConfig}, or a missing node
     */
    record Endpoint(URI url, int serviceId, JsonNode clientConfig) {
    }

    /** Feishu refused the app: trying again will not help. */
    static final class RefusedException extends Exception {
        RefusedException(String message) {
            super(message);
        }
    }

    /**
     * @param http     the client (shared with the WebSocket)
     * @param settings the app's credentials and the base URL
     * @param timeout  the longest the request may take
     */
    LongConnectionEndpoint(HttpClient http, FeishuSettings settings, Duration timeout) {
        this.http = http;
        this.settings = settings;
        this.timeout = timeout;
    }

    /**
     * @return where to connect
     * @throws RefusedException     when Feishu refuses the app
     * @throws IOException          when Feishu could not be asked or was busy
     * @throws InterruptedException when interrupted
     */
    Endpoint fetch() throws RefusedException, IOException, InterruptedException {
        String body = JSON.createObjectNode().put("AppID", settings.appId()).put("AppSecret", settings.appSecret()).toString();
        HttpRequest request = HttpRequest.newBuilder(URI.create(settings.baseUrl() + PATH)).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8")
                .header("locale", "zh")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
        HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            throw new IOException(PATH + " answered HTTP " + response.statusCode());
        }
        JsonNode json = JSON.readTree(response.body());
        int code = json.path("code").asInt(-1);
        String msg = json.path("msg").asText("");
        if (code == SYSTEM_BUSY || code == INTERNAL_ERROR) {
            throw new IOException(PATH + " answered code " + code + ": " + msg);
        }
        if (code != OK) {
            throw new RefusedException(PATH + " answered code " + code + ": " + msg);
        }
        String url = json.path("data").path("URL").asText("");
        try {
            URI uri = URI.create(url);
            return new Endpoint(uri, Integer.parseInt(query(uri, "service_id")), json.path("data").path("ClientConfig"));
        } catch (IllegalArgumentException e) {
            throw new IOException(PATH + " answered no usable URL", e);
        }
    }

    /**
     * @param url a connection URL
     * @return it without its query, fit for a log
     */
    static String printable(URI url) {
        return url.getScheme() + "://" + url.getAuthority() + (url.getPath() == null ? "" : url.getPath());
    }

    private static String query(URI uri, String name) {
        String query = uri.getQuery();
        if (query != null) {
            for (String pair : query.split("&")) {
                String[] kv = pair.split("=", 2);
                if (kv[0].equals(name) && kv.length == 2) {
                    return kv[1];
                }
            }
        }
        throw new IllegalArgumentException("no " + name + " in the connection URL");
    }
}
