package dev.parley.channel.feishu;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * The Feishu Open API for tests, on 127.0.0.1 at an ephemeral port, speaking the wire format of
 * {@code reference/channels.md} §A10: the tenant token, the bot's identity, sending messages (cards and files are recorded),
 * patching cards (ids starting {@code om_gone} are withdrawn messages), multipart image and file uploads (bytes recorded),
 * file messages people sent ({@link #fileMessage}) read back with {@code GET /open-apis/im/v1/messages/{id}} and
 * downloaded from {@code …/resources/{file_key}?type=file} (each download recorded), the bearer token checked on every
 * {@code im} call, and throttling on demand (HTTP 429, code 99991400, {@code x-ogw-ratelimit-reset}). With a
 * {@link FakeFeishuLongConnection} attached, {@code POST /callback/ws/endpoint} hands out its URL and a
 * {@code ClientConfig} that reconnects at once (ReconnectNonce 0, ReconnectInterval 1 s); without one it refuses
 * the app (code 514) as Feishu refuses wrong credentials.
 */
public final class FakeFeishuServer implements AutoCloseable {
    /** The bot's own open_id. */
    public static final String BOT_OPEN_ID = "ou_bot";
    /** The tenant access token the fake hands out. */
    public static final String TENANT_TOKEN = "t-fake-tenant-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATCH = Pattern.compile("/open-apis/im/v1/messages/([^/?]+)");
    private static final Pattern RESOURCE = Pattern.compile("/open-apis/im/v1/messages/([^/?]+)/resources/([^/?]+)");

    /** A message the bot sent. */
    public record Sent(String messageId, String chatId, String msgType, String content) {
        /** @return the card JSON (for interactive messages) */
        public JsonNode card() {
            return parse(content);
        }

        /** @return the action ids of the card's buttons, in order */
        public List<String> actionIds() {
            return actionIdsOf(card());
        }
    }

    /**
     * @param card a card JSON 2.0
     * @return the action ids of its buttons, in order
     */
    public static List<String> actionIdsOf(JsonNode card) {
        return java.util.stream.StreamSupport.stream(card.path("body").path("elements").spliterator(), false)
                .filter(e -> e.path("tag").asText().equals("button"))
                .map(e -> e.path("behaviors").get(0).path("value").path("a").asText())
                .toList();
    }

    /** A card patched into a message. */
    public record Patched(String messageId, String content) {
        /** @return the card JSON */
        public JsonNode card() {
            return parse(content);
        }
    }

    /** A file message someone sent, as Feishu keeps it. */
    private record FileMessage(String chatId, String fileKey, String fileName, byte[] bytes) {
    }

    /** An uploaded image or file. */
    public record Upload(String key, String name, String type, byte[] bytes) {
    }

    private final HttpServer server;
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<Patched> patched = new CopyOnWriteArrayList<>();
    private final List<Upload> images = new CopyOnWriteArrayList<>();
    private final List<Upload> files = new CopyOnWriteArrayList<>();
    private final List<JsonNode> tokenRequests = new CopyOnWriteArrayList<>();
    private final Map<String, FileMessage> fileMessages = new java.util.concurrent.ConcurrentHashMap<>();
    private final List<String> abortedDownloads = new CopyOnWriteArrayList<>();
    private final List<String> downloads = new CopyOnWriteArrayList<>();
    private final List<JsonNode> endpointRequests = new CopyOnWriteArrayList<>();
    private volatile FakeFeishuLongConnection longConnection;
    private volatile int reconnectCount = 5;
    private final AtomicInteger botInfoRequests = new AtomicInteger();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger throttleSends = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();

    private FakeFeishuServer(HttpServer server) {
        this.server = server;
    }

    /** @return a started fake */
    public static FakeFeishuServer start() {
        try {
            HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            FakeFeishuServer fake = new FakeFeishuServer(http);
            http.createContext("/open-apis/", fake::handle);
            http.createContext("/callback/ws/endpoint", fake::endpoint);
            http.setExecutor(Executors.newFixedThreadPool(4));
            http.start();
            return fake;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** @return the base URL to configure as {@code feishu.base.url} */
    public URI baseUrl() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /** @return messages sent, oldest first */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /**
     * @param chatId a chat
     * @return messages sent into it, oldest first
     */
    public List<Sent> sentTo(String chatId) {
        return sent.stream().filter(s -> s.chatId().equals(chatId)).toList();
    }

    /** @return cards patched, oldest first */
    public List<Patched> patched() {
        return List.copyOf(patched);
    }

    /** @return images uploaded */
    public List<Upload> images() {
        return List.copyOf(images);
    }

    /** @return files uploaded */
    public List<Upload> files() {
        return List.copyOf(files);
    }

    /**
     * Someone sends a file into a chat.
     *
     * @param chatId   the chat
     * @param fileName its name
     * @param bytes    its content
     * @return the file message's id, for a reply's {@code parent_id}
     */
    public String fileMessage(String chatId, String fileName, byte[] bytes) {
        String id = "om_file_" + ids.incrementAndGet();
        fileMessages.put(id, new FileMessage(chatId, "file_v3_in_" + ids.incrementAndGet(), fileName, bytes));
        return id;
    }

    /** @return the message ids whose downloads the client broke off before the whole file was sent */
    public List<String> abortedDownloads() {
        return List.copyOf(abortedDownloads);
    }

    /** @return the message ids whose files were downloaded, in order */
    public List<String> downloads() {
        return List.copyOf(downloads);
    }

    /** @return how often the bot's identity was read */
    public int botInfoRequests() {
        return botInfoRequests.get();
    }

    /** @return bodies of tenant token requests */
    public List<JsonNode> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    /** @return bodies of {@code /callback/ws/endpoint} requests */
    public List<JsonNode> endpointRequests() {
        return List.copyOf(endpointRequests);
    }

    /**
     * @param connection where {@code /callback/ws/endpoint} sends the client
     * @return this fake
     */
    public FakeFeishuServer longConnection(FakeFeishuLongConnection connection) {
        this.longConnection = connection;
        return this;
    }

    /**
     * @param count the ReconnectCount {@code /callback/ws/endpoint} hands out (5 unless set)
     * @return this fake
     */
    public FakeFeishuServer reconnectCount(int count) {
        this.reconnectCount = count;
        return this;
    }

    /**
     * The next {@code times} sends are refused as too frequent.
     *
     * @param times how many
     */
    public void throttleSends(int times) {
        throttleSends.set(times);
    }

    /** @return how many sends were refused as too frequent */
    public int throttled() {
        return throttled.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            if (path.equals("/open-apis/auth/v3/tenant_access_token/internal")) {
                tokenRequests.add(JSON.readTree(body));
                reply(exchange, 200, JSON.createObjectNode().put("code", 0).put("msg", "ok")
                        .put("tenant_access_token", TENANT_TOKEN).put("expire", 7200));
                return;
            }
            if (!("Bearer " + TENANT_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                reply(exchange, 401, JSON.createObjectNode().put("code", 99991663).put("msg", "Invalid access token"));
                return;
            }
            Matcher patch = PATCH.matcher(path);
            Matcher resource = RESOURCE.matcher(path);
            if (method.equals("GET") && path.equals("/open-apis/bot/v3/info")) {
                botInfoRequests.incrementAndGet();
                ObjectNode info = JSON.createObjectNode().put("code", 0).put("msg", "ok");
                info.putObject("bot").put("open_id", BOT_OPEN_ID).put("app_name", "Parley").put("activate_status", 2);
                reply(exchange, 200, info);
                return;
            }
            if (method.equals("POST") && path.equals("/open-apis/im/v1/messages")) {
                send(exchange, body);
            } else if (method.equals("GET") && resource.matches()) {
                resource(exchange, resource.group(1), resource.group(2));
            } else if (method.equals("GET") && patch.matches()) {
                message(exchange, patch.group(1));
            } else if (method.equals("PATCH") && patch.matches() && patch.group(1).startsWith("om_gone")) {
                reply(exchange, 400, JSON.createObjectNode().put("code", 230011).put("msg", "The message was withdrawn."));
            } else if (method.equals("PATCH") && patch.matches()) {
                JsonNode json = JSON.readTree(body);
                patched.add(new Patched(patch.group(1), json.path("content").asText()));
                reply(exchange, 200, JSON.createObjectNode().put("code", 0).put("msg", "success").set("data",
                        JSON.createObjectNode()));
            } else if (method.equals("POST") && path.equals("/open-apis/im/v1/images")) {
                Map<String, Part> parts = multipart(exchange, body);
                Upload image = new Upload("img_v2_" + ids.incrementAndGet(), parts.get("image").filename(),
                        parts.get("image_type").text(), parts.get("image").bytes());
                images.add(image);
                reply(exchange, 200, success().put("image_key", image.key()));
            } else if (method.equals("POST") && path.equals("/open-apis/im/v1/files")) {
                Map<String, Part> parts = multipart(exchange, body);
                Upload file = new Upload("file_v3_" + ids.incrementAndGet(), parts.get("file_name").text(),
                        parts.get("file_type").text(), parts.get("file").bytes());
                files.add(file);
                reply(exchange, 200, success().put("file_key", file.key()));
            } else {
                reply(exchange, 404, JSON.createObjectNode().put("code", 404).put("msg", "not found"));
            }
        }
    }

    private void endpoint(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            endpointRequests.add(JSON.readTree(body));
            if (longConnection == null) {
                reply(exchange, 200, JSON.createObjectNode().put("code", 514).put("msg", "auth failed"));
                return;
            }
            ObjectNode data = JSON.createObjectNode().put("URL", longConnection.url().toString());
            data.putObject("ClientConfig").put("ReconnectCount", reconnectCount).put("ReconnectInterval", 1).put("ReconnectNonce", 0)
                    .put("PingInterval", 120);
            reply(exchange, 200, JSON.createObjectNode().put("code", 0).put("msg", "ok").set("data", data));
        }
    }

    private void send(HttpExchange exchange, byte[] body) throws IOException {
        if (throttleSends.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throttled.incrementAndGet();
            exchange.getResponseHeaders().add("x-ogw-ratelimit-limit", "5");
            exchange.getResponseHeaders().add("x-ogw-ratelimit-reset", "1");
            reply(exchange, 429, JSON.createObjectNode().put("code", 99991400).put("msg", "request trigger frequency limit"));
            return;
        }
        if (!"chat_id".equals(query(exchange.getRequestURI(), "receive_id_type"))) {
            reply(exchange, 400, JSON.createObjectNode().put("code", 99992402).put("msg", "field validation failed"));
            return;
        }
        JsonNode json = JSON.readTree(body);
        String id = "om_" + ids.incrementAndGet();
        sent.add(new Sent(id, json.path("receive_id").asText(), json.path("msg_type").asText(), json.path("content").asText()));
        reply(exchange, 200, success().put("message_id", id).put("chat_id", json.path("receive_id").asText())
                .put("msg_type", json.path("msg_type").asText()));
    }

    private void message(HttpExchange exchange, String messageId) throws IOException {
        FileMessage file = fileMessages.get(messageId);
        if (file == null) {
            reply(exchange, 400, JSON.createObjectNode().put("code", 230001).put("msg", "message not found"));
            return;
        }
        ObjectNode data = success();
        ObjectNode item = data.putArray("items").addObject().put("message_id", messageId).put("msg_type", "file")
                .put("chat_id", file.chatId()).put("create_time", "1700000000000").put("deleted", false);
        item.putObject("body").put("content", JSON.createObjectNode().put("file_key", file.fileKey())
                .put("file_name", file.fileName()).toString());
        reply(exchange, 200, data);
    }

    private void resource(HttpExchange exchange, String messageId, String fileKey) throws IOException {
        FileMessage file = fileMessages.get(messageId);
        if (file == null || !file.fileKey().equals(fileKey) || !"file".equals(query(exchange.getRequestURI(), "type"))) {
            reply(exchange, 400, JSON.createObjectNode().put("code", 234003).put("msg", "File not in msg."));
            return;
        }
        downloads.add(messageId);
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.getResponseHeaders().set("Content-Disposition", "attachment; filename=\"" + fileKey + "\"");
        exchange.sendResponseHeaders(200, file.bytes().length == 0 ? -1 : file.bytes().length);
        try {
            exchange.getResponseBody().write(file.bytes());
            exchange.getResponseBody().flush();
        } catch (IOException e) {
            abortedDownloads.add(messageId); // the client stopped reading and hung up
        }
    }

    private static ObjectNode success() {
        ObjectNode reply = JSON.createObjectNode().put("code", 0).put("msg", "success");
        return reply.putObject("data");
    }

    private static void reply(HttpExchange exchange, int status, ObjectNode json) throws IOException {
        ObjectNode root = json;
        if (!json.has("code")) {
            root = JSON.createObjectNode().put("code", 0).put("msg", "success");
            root.set("data", json);
        }
        byte[] bytes = root.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    private static String query(URI uri, String name) {
        if (uri.getRawQuery() == null) {
            return null;
        }
        for (String pair : uri.getRawQuery().split("&")) {
            String[] kv = pair.split("=", 2);
            if (kv[0].equals(name)) {
                return kv.length > 1 ? kv[1] : "";
            }
        }
        return null;
    }

    /** One part of a multipart body. */
    private record Part(String filename, byte[] bytes) {
        String text() {
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static Map<String, Part> multipart(HttpExchange exchange, byte[] body) {
        String type = exchange.getRequestHeaders().getFirst("Content-Type");
        Matcher b = Pattern.compile("boundary=\"?([^\";]+)\"?").matcher(type == null ? "" : type);
        if (!b.find()) {
            throw new IllegalArgumentException("not multipart: " + type);
        }
        String all = new String(body, StandardCharsets.ISO_8859_1);
        Map<String, Part> parts = new HashMap<>();
        for (String chunk : all.split(Pattern.quote("--" + b.group(1)))) {
            int split = chunk.indexOf("\r\n\r\n");
            if (split < 0) {
                continue;
            }
            String headers = chunk.substring(0, split);
            String content = chunk.substring(split + 4);
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            }
            Matcher name = Pattern.compile("[; ]name=\"([^\"]*)\"").matcher(headers);
            Matcher filename = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
            if (name.find()) {
                parts.put(name.group(1), new Part(filename.find() ? filename.group(1) : null,
                        content.getBytes(StandardCharsets.ISO_8859_1)));
            }
        }
        return parts;
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
