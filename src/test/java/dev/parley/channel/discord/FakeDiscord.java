package dev.parley.channel.discord;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.logging.Logger;

import dev.parley.testing.Await;

import io.helidon.http.HttpPrologue;
import io.helidon.http.Headers;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A local Discord that JDA 6 logs in to: the REST API under {@code /api/v10/} and the gateway WebSocket at
 * {@code /gateway} (JSON, uncompressed). The gateway says HELLO, answers IDENTIFY with READY and heartbeats with their
 * ACK, and pushes {@code INTERACTION_CREATE} dispatches the test asks for (slash commands and button presses in a
 * direct message channel). REST records what JDA sends — command registrations, interaction callbacks (JSON or
 * multipart with files), edits of an interaction's original message, channel messages and their edits — and unknown
 * routes are logged and answered 404 as Discord does.
 */
final class FakeDiscord implements AutoCloseable {
    static final String TOKEN = "fake-discord-token";
    static final String APPLICATION_ID = "1100000000000000001";
    static final String BOT_ID = APPLICATION_ID;
    private static final Logger LOG = Logger.getLogger(FakeDiscord.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One REST call: method, path below {@code /api/v10/}, its JSON (the {@code payload_json} part of a multipart), its file names. */
    record Call(String method, String path, JsonNode body, List<String> files) {
    }

    private final WebServer server;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<WsSession> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger sequence = new AtomicInteger();
    /** Discord ids are snowflakes: milliseconds since 2015 in the high bits (JDA reads an interaction's age from it). */
    private final AtomicLong ids = new AtomicLong((System.currentTimeMillis() - 1_420_070_400_000L) << 22);
    private volatile boolean identified;

    private FakeDiscord() {
        server = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .routing(r -> r.any("/api/v10/*", this::rest))
                .addRouting(WsRouting.builder().endpoint("/gateway", new Gateway()))
                .build().start();
    }

    static FakeDiscord start() {
        return new FakeDiscord();
    }

    /** @return the REST base, with its trailing slash */
    String apiUrl() {
        return "http://127.0.0.1:" + server.port() + "/api/v10/";
    }

    /** @return the gateway address */
    String gatewayUrl() {
        return "ws://127.0.0.1:" + server.port() + "/gateway";
    }

    List<Call> calls() {
        return calls;
    }

    boolean identified() {
        return identified;
    }

    /**
     * Pushes a slash command someone used in a direct message with the bot.
     *
     * @param userId  who
     * @param locale  their client's locale ({@code en-US}, {@code zh-CN})
     * @param name    the command's name
     * @param options the command's options as Discord sends them (an array of {@code {name,type,value}} or a
     *                subcommand with its own options), or {@code null}
     * @return the interaction id
     */
    String slashCommand(String userId, String locale, String name, ArrayNode options) {
        ObjectNode data = JSON.createObjectNode().put("id", next()).put("name", name).put("type", 1);
        data.set("options", options == null ? JSON.createArrayNode() : options);
        return interaction(2, userId, locale, data, null);
    }

    /**
     * Pushes a press of a button on one of the bot's messages in a direct message.
     *
     * @param userId    who pressed
     * @param locale    their client's locale
     * @param customId  the button's custom id
     * @param channelId the channel of the message
     * @param messageId the message
     * @return the interaction id
     */
    String buttonPress(String userId, String locale, String customId, String channelId, String messageId) {
        ObjectNode data = JSON.createObjectNode().put("custom_id", customId).put("component_type", 2);
        ObjectNode message = JSON.createObjectNode().put("id", messageId).put("channel_id", channelId)
                .put("type", 0).put("content", "").put("timestamp", "2026-12-07T10:00:00.000000+00:00")
                .put("edited_timestamp", (String) null).put("tts", false).put("mention_everyone", false)
                .put("pinned", false).put("flags", 0);
        message.set("author", user(BOT_ID, "parley").put("bot", true));
        message.putArray("mentions");
        message.putArray("mention_roles");
        message.putArray("attachments");
        message.putArray("embeds");
        message.putArray("components");
        return interaction(3, userId, locale, data, message);
    }

    /** @return the DM channel id the fake uses for a person */
    static String dmChannel(String userId) {
        return "9" + userId.substring(1);
    }

    private String interaction(int type, String userId, String locale, ObjectNode data, ObjectNode message) {
        String id = next();
        ObjectNode d = JSON.createObjectNode().put("id", id).put("application_id", APPLICATION_ID).put("type", type)
                .put("token", "itoken-" + id).put("version", 1).put("channel_id", dmChannel(userId))
                .put("locale", locale).put("app_permissions", "0").put("context", 1);
        ObjectNode channel = d.putObject("channel").put("id", dmChannel(userId)).put("type", 1);
        channel.putArray("recipients").add(user(userId, "ops-" + userId));
        d.set("user", user(userId, "ops-" + userId));
        d.set("data", data);
        d.putArray("entitlements");
        d.putObject("authorizing_integration_owners").put("1", userId);
        if (message != null) {
            d.set("message", message);
        }
        dispatch("INTERACTION_CREATE", d);
        return id;
    }

    /**
     * @param wanted what to wait for
     * @return the first REST call that matches, once there is one
     */
    Call await(Predicate<Call> wanted) {
        try {
            Await.until(() -> calls.stream().anyMatch(wanted), () -> "Discord receives the call; it received " + calls);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for a call to Discord", e);
        }
        return calls.stream().filter(wanted).findFirst().orElseThrow();
    }

    /**
     * @param interactionId an interaction
     * @return its callback, once JDA sent it
     */
    Call awaitCallback(String interactionId) {
        return await(c -> c.method().equals("POST") && c.path().startsWith("interactions/" + interactionId + "/"));
    }

    @Override
    public void close() {
        sockets.forEach(WsSession::terminate);
        server.stop();
    }

    private void dispatch(String event, ObjectNode d) {
        ObjectNode frame = JSON.createObjectNode().put("op", 0).put("t", event).put("s", sequence.incrementAndGet());
        frame.set("d", d);
        sockets.forEach(s -> s.send(frame.toString(), true));
    }

    private void rest(ServerRequest req, ServerResponse res) {
        String path = req.path().path().substring("/api/v10/".length());
        String method = req.prologue().method().text();
        byte[] raw = req.content().hasEntity() ? req.content().as(byte[].class) : new byte[0];
        String type = req.headers().contentType().map(Object::toString).orElse("");
        JsonNode body;
        List<String> files = new CopyOnWriteArrayList<>();
        try {
            body = type.startsWith("multipart/") ? multipart(raw, type, files)
                    : raw.length == 0 ? JSON.createObjectNode() : JSON.readTree(raw);
        } catch (IOException e) {
            res.status(400).send("{\"message\":\"bad json\",\"code\":50109}");
            return;
        }
        if (!("Bot " + TOKEN).equals(req.headers().first(io.helidon.http.HeaderNames.AUTHORIZATION).orElse(""))
                && !path.startsWith("interactions/") && !path.startsWith("webhooks/")) {
            res.status(401).send("{\"message\":\"401: Unauthorized\",\"code\":0}");
            return;
        }
        calls.add(new Call(method, path, body, List.copyOf(files)));
        res.header("Content-Type", "application/json");
        if (method.equals("GET") && path.equals("users/@me")) {
            res.send(user(BOT_ID, "parley").put("bot", true).put("verified", true).put("mfa_enabled", false)
                    .put("flags", 0).toString());
        } else if (method.equals("GET") && path.equals("oauth2/applications/@me")) {
            res.send(JSON.createObjectNode().put("id", APPLICATION_ID).put("name", "Parley").put("description", "")
                    .put("bot_public", false).put("bot_require_code_grant", false).put("flags", 0)
                    .put("icon", (String) null).set("owner", user("1000000000000000009", "owner")).toString());
        } else if (method.equals("PUT") && path.matches("applications/\\d+/(guilds/\\d+/)?commands")) {
            ArrayNode registered = JSON.createArrayNode();
            body.forEach(c -> registered.add(((ObjectNode) c.deepCopy()).put("id", next())
                    .put("application_id", APPLICATION_ID).put("version", next()).put("type", 1)));
            res.send(registered.toString());
        } else if (method.equals("POST") && path.matches("interactions/\\d+/[^/]+/callback")) {
            res.status(204).send();
        } else if (path.matches("webhooks/\\d+/[^/]+/messages/@original") || path.matches("webhooks/\\d+/[^/]+")
                || path.matches("channels/\\d+/messages(/\\d+)?")) {
            String channel = path.startsWith("channels/") ? path.split("/")[1] : "900";
            String messageId = path.matches("channels/\\d+/messages/\\d+") ? path.split("/")[3] : next();
            res.send(message(messageId, channel, body).toString());
        } else {
            LOG.warning("FakeDiscord: no route for " + method + " /api/v10/" + path);
            calls.remove(calls.size() - 1);
            res.status(404).send("{\"message\":\"404: Not Found\",\"code\":0}");
        }
    }

    private ObjectNode message(String id, String channelId, JsonNode sent) {
        ObjectNode m = JSON.createObjectNode().put("id", id).put("channel_id", channelId).put("type", 0)
                .put("content", sent.path("content").asText("")).put("timestamp", "2026-12-07T10:00:00.000000+00:00")
                .put("edited_timestamp", (String) null).put("tts", false).put("mention_everyone", false)
                .put("pinned", false).put("flags", 0);
        m.set("author", user(BOT_ID, "parley").put("bot", true));
        m.putArray("mentions");
        m.putArray("mention_roles");
        m.putArray("attachments");
        m.set("embeds", sent.has("embeds") ? sent.get("embeds") : JSON.createArrayNode());
        m.set("components", JSON.createArrayNode());
        return m;
    }

    private static ObjectNode user(String id, String name) {
        return JSON.createObjectNode().put("id", id).put("username", name).put("discriminator", "0")
                .put("global_name", name).put("avatar", (String) null);
    }

    private String next() {
        return Long.toString(Math.max(ids.incrementAndGet(), (System.currentTimeMillis() - 1_420_070_400_000L) << 22));
    }

    /** @return the {@code payload_json} part, noting the file names of the other parts */
    private static JsonNode multipart(byte[] raw, String contentType, List<String> files) throws IOException {
        String boundary = contentType.substring(contentType.indexOf("boundary=") + 9).replace("\"", "");
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        JsonNode payload = JSON.createObjectNode();
        for (String part : text.split("--" + java.util.regex.Pattern.quote(boundary))) {
            int headersEnd = part.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                continue;
            }
            String headers = part.substring(0, headersEnd);
            String content = part.substring(headersEnd + 4).replaceAll("\r\n$", "");
            if (headers.contains("name=\"payload_json\"")) {
                payload = JSON.readTree(new String(content.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
            } else {
                java.util.regex.Matcher file = java.util.regex.Pattern.compile("filename=\"([^\"]+)\"").matcher(headers);
                if (file.find()) {
                    files.add(file.group(1));
                }
            }
        }
        return payload;
    }

    /** The gateway: HELLO on open, READY after IDENTIFY, ACK for each heartbeat. */
    private final class Gateway implements WsListener {
        @Override
        public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
            return Optional.empty();
        }

        @Override
        public void onOpen(WsSession session) {
            sockets.add(session);
            session.send("{\"op\":10,\"d\":{\"heartbeat_interval\":41250}}", true);
        }

        @Override
        public void onMessage(WsSession session, String text, boolean last) {
            JsonNode frame;
            try {
                frame = JSON.readTree(text);
            } catch (IOException e) {
                return;
            }
            switch (frame.path("op").asInt(-1)) {
                case 1 -> session.send("{\"op\":11}", true);
                case 2 -> {
                    identified = true;
                    ObjectNode ready = JSON.createObjectNode().put("v", 10).put("session_id", "fake-session")
                            .put("resume_gateway_url", gatewayUrl());
                    ready.set("user", user(BOT_ID, "parley").put("bot", true).put("verified", true)
                            .put("mfa_enabled", false).put("flags", 0));
                    ready.putArray("guilds");
                    ready.putArray("private_channels");
                    ready.putObject("application").put("id", APPLICATION_ID).put("flags", 0);
                    ObjectNode out = JSON.createObjectNode().put("op", 0).put("t", "READY")
                            .put("s", sequence.incrementAndGet());
                    out.set("d", ready);
                    session.send(out.toString(), true);
                }
                default -> {
                }
            }
        }

        @Override
        public void onClose(WsSession session, int status, String reason) {
            sockets.remove(session);
        }

        @Override
        public void onError(WsSession session, Throwable t) {
            sockets.remove(session);
        }
    }
}
