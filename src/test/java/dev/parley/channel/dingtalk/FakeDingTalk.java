package dev.parley.channel.dingtalk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.helidon.common.tls.Tls;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import io.helidon.websocket.WsUpgradeException;

/**
 * DingTalk for tests: a Helidon WebServer on 127.0.0.1 at an ephemeral port speaking the wire format of the APIs
 * {@link DingTalkOpenApi} calls, and a second, TLS-only server for the Stream gateway's WebSocket (the SDK 1.3.12
 * dials {@code wss} only; its certificate, for 127.0.0.1, is {@code dingtalk/fake-gateway.p12}, trusted through
 * {@link #trustStore()}).
 * <ul>
 *   <li>{@code POST /v1.0/oauth2/accessToken} hands out {@code token-1}, {@code token-2}, … for the configured app,
 *       living {@link #tokenLifetime} seconds; {@link #revokeTokens()} makes the ones handed out so far answer 401;</li>
 *   <li>{@code oToMessages/batchSend}, {@code groupMessages/send}, card {@code createAndDeliver} and the card
 *       {@code PUT} check {@code x-acs-dingtalk-access-token} (401 otherwise) and are recorded with the decoded
 *       {@code msgParam}; {@link #throttle} makes the next sends answer 429 with a {@code Retry-After};</li>
 *   <li>legacy {@code GET /gettoken} and {@code POST /media/upload} (multipart field {@code media}, recorded);</li>
 *   <li>{@code POST /session/{id}}: a session webhook (recorded); {@link #expireSession} makes it refuse;</li>
 *   <li>{@code POST /robot/send}: a custom robot that checks {@code timestamp} and {@code sign} against
 *       {@link #ROBOT_SECRET};</li>
 *   <li>{@code POST /v1.0/gateway/connections/open} and the WebSocket at {@code /connect?ticket=…}: frames pushed
 *       with {@link #pushBotMessage} and {@link #pushCardCallback}, the client's acks recorded.</li>
 * </ul>
 */
public final class FakeDingTalk implements AutoCloseable {
    /** The app's Client ID (and robot code). */
    public static final String CLIENT_ID = "dingfakeclient";
    /** The app's Client Secret. */
    public static final String CLIENT_SECRET = "fake-client-secret-" + UUID.randomUUID();
    /** The signing secret of the custom robot at {@code /robot/send}. */
    public static final String ROBOT_SECRET = "SECfake" + UUID.randomUUID().toString().replace("-", "");
    /** The access_token of the custom robot at {@code /robot/send}. */
    public static final String ROBOT_TOKEN = "robot-access-token";
    /** Password of the test key and trust stores. */
    static final String STORE_PASSWORD = "fake-pass";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A robot message sent through the OpenAPI; {@code to} is the userId or openConversationId. */
    public record Sent(String route, String to, boolean group, String robotCode, String msgKey, JsonNode msgParam) {
    }

    /** A card created or updated. */
    public record CardCall(String method, JsonNode body) {
    }

    /** A media upload. */
    public record Upload(String type, String fileName, byte[] bytes, String mediaId) {
    }

    /** A post to a session webhook or the custom robot. */
    public record Post(String target, JsonNode body) {
    }

    private final WebServer http;
    private final WebServer gateway;
    private final Set<String> validTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> validLegacyTokens = ConcurrentHashMap.newKeySet();
    private final Set<String> tickets = ConcurrentHashMap.newKeySet();
    private final Set<String> expiredSessions = ConcurrentHashMap.newKeySet();
    private final List<JsonNode> tokenRequests = new CopyOnWriteArrayList<>();
    private final List<Sent> sent = new CopyOnWriteArrayList<>();
    private final List<CardCall> cards = new CopyOnWriteArrayList<>();
    private final List<Upload> uploads = new CopyOnWriteArrayList<>();
    private final List<Post> posts = new CopyOnWriteArrayList<>();
    private final List<JsonNode> openRequests = new CopyOnWriteArrayList<>();
    private final List<JsonNode> acks = new CopyOnWriteArrayList<>();
    private final List<WsSession> sockets = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger legacyTokenRequests = new AtomicInteger();
    private final AtomicInteger throttled = new AtomicInteger();
    private volatile int throttleSeconds;
    private volatile long tokenLifetime = 7200;

    private FakeDingTalk() {
        this.http = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .routing(r -> r
                        .post("/v1.0/oauth2/accessToken", this::accessToken)
                        .post("/v1.0/robot/oToMessages/batchSend", (req, res) -> robotSend(req, res, false))
                        .post("/v1.0/robot/groupMessages/send", (req, res) -> robotSend(req, res, true))
                        .post("/v1.0/card/instances/createAndDeliver", (req, res) -> card(req, res, "createAndDeliver"))
                        .put("/v1.0/card/instances", (req, res) -> card(req, res, "update"))
                        .get("/gettoken", this::legacyToken)
                        .post("/media/upload", this::upload)
                        .post("/session/{id}", this::session)
                        .post("/robot/send", this::robot)
                        .post("/v1.0/gateway/connections/open", this::openConnection))
                .build().start();
        this.gateway = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false)
                .tls(Tls.builder().sslContext(serverContext()).build())
                .addRouting(WsRouting.builder().endpoint("/connect", new Gateway()))
                .build().start();
    }

    /** @return a started fake */
    public static FakeDingTalk start() {
        return new FakeDingTalk();
    }

    /** @return the OpenAPI base, for {@code api.url} (the Stream gateway is opened there too) */
    public String apiUrl() {
        return "http://127.0.0.1:" + http.port();
    }

    /** @return the legacy API base, for {@code oapi.url} */
    public String oapiUrl() {
        return apiUrl();
    }

    /**
     * @param id a session id
     * @return the session webhook URL of a message in that session
     */
    public URI sessionWebhook(String id) {
        return URI.create(apiUrl() + "/session/" + id);
    }

    /** @return the custom robot's webhook URL, unsigned */
    public URI robotWebhook() {
        return URI.create(apiUrl() + "/robot/send?access_token=" + ROBOT_TOKEN);
    }

    /** @return the path of a PKCS12 trust store holding the gateway's certificate (password {@link #STORE_PASSWORD}) */
    public static String trustStore() {
        return resourcePath("dingtalk/fake-gateway-trust.p12");
    }

    /**
     * @param seconds how long tokens handed out from now on live ({@code expireIn})
     * @return this fake
     */
    public FakeDingTalk tokenLifetime(long seconds) {
        this.tokenLifetime = seconds;
        return this;
    }

    /** Makes every token handed out so far answer 401, as when DingTalk invalidates them. */
    public void revokeTokens() {
        validTokens.clear();
        validLegacyTokens.clear();
    }

    /**
     * @param sends             how many next robot sends answer 429
     * @param retryAfterSeconds the {@code Retry-After} they carry
     */
    public void throttle(int sends, int retryAfterSeconds) {
        throttleSeconds = retryAfterSeconds;
        throttled.set(sends);
    }

    /** @param id a session id whose webhook from now on refuses, as after its expiry */
    public void expireSession(String id) {
        expiredSessions.add(id);
    }

    /** @return bodies of v1.0 access token requests */
    public List<JsonNode> tokenRequests() {
        return List.copyOf(tokenRequests);
    }

    /** @return how often the legacy token was asked for */
    public int legacyTokenRequests() {
        return legacyTokenRequests.get();
    }

    /** @return robot messages sent, oldest first */
    public List<Sent> sent() {
        return List.copyOf(sent);
    }

    /** @return cards created and updated, oldest first */
    public List<CardCall> cards() {
        return List.copyOf(cards);
    }

    /** @return media uploaded */
    public List<Upload> uploads() {
        return List.copyOf(uploads);
    }

    /** @return posts to session webhooks ({@code session/<id>}) and the robot ({@code robot}) that were taken */
    public List<Post> posts() {
        return List.copyOf(posts);
    }

    /** @return bodies of {@code /v1.0/gateway/connections/open} requests */
    public List<JsonNode> openRequests() {
        return List.copyOf(openRequests);
    }

    /** @return frames the Stream client sent back (acks), oldest first */
    public List<JsonNode> acks() {
        return List.copyOf(acks);
    }

    /** @return WebSocket connections currently open */
    public int openSockets() {
        return sockets.size();
    }

    /**
     * Pushes a robot message over every open Stream connection, as a {@code CALLBACK} frame.
     *
     * @param messageJson the robot message JSON (the frame's {@code data})
     * @return the frame's {@code messageId}, which the ack must carry
     */
    public String pushBotMessage(String messageJson) {
        return push("/v1.0/im/bot/messages/get", messageJson);
    }

    /**
     * @param callbackJson a card callback JSON (the frame's {@code data})
     * @return the frame's {@code messageId}
     */
    public String pushCardCallback(String callbackJson) {
        return push("/v1.0/card/instances/callback", callbackJson);
    }

    private String push(String topic, String data) {
        String messageId = "msg-" + ids.incrementAndGet();
        ObjectNode frame = JSON.createObjectNode().put("specVersion", "1.0").put("type", "CALLBACK");
        frame.putObject("headers").put("appId", CLIENT_ID).put("contentType", "application/json")
                .put("messageId", messageId).put("time", Long.toString(System.currentTimeMillis()))
                .put("topic", topic);
        frame.put("data", data);
        for (WsSession socket : sockets) {
            socket.send(frame.toString(), true);
        }
        return messageId;
    }

    /**
     * @param messageId a pushed frame's id
     * @return the client's ack of it, or {@code null} while there is none
     */
    public JsonNode ackOf(String messageId) {
        return acks.stream().filter(a -> a.path("headers").path("messageId").asText().equals(messageId)).findFirst()
                .orElse(null);
    }

    @Override
    public void close() {
        sockets.forEach(WsSession::terminate);
        gateway.stop();
        http.stop();
    }

    // ---- routes ----

    private void accessToken(ServerRequest req, ServerResponse res) {
        JsonNode body = json(req);
        tokenRequests.add(body);
        if (!CLIENT_ID.equals(body.path("appKey").asText()) || !CLIENT_SECRET.equals(body.path("appSecret").asText())) {
            error(res, 400, "invalidClientIdOrSecret", "无效的clientId或者clientSecret");
            return;
        }
        String token = "token-" + ids.incrementAndGet();
        validTokens.add(token);
        res.send(JSON.createObjectNode().put("accessToken", token).put("expireIn", tokenLifetime).toString());
    }

    private boolean authorized(ServerRequest req, ServerResponse res) {
        String token = req.headers().first(HeaderNames.create(DingTalkOpenApi.TOKEN_HEADER)).orElse("");
        if (!validTokens.contains(token)) {
            error(res, 401, "InvalidAuthentication", "不合法的access_token");
            return false;
        }
        return true;
    }

    private void robotSend(ServerRequest req, ServerResponse res, boolean group) {
        JsonNode body = json(req);
        if (!authorized(req, res)) {
            return;
        }
        if (throttled.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            res.header(HeaderNames.RETRY_AFTER, Integer.toString(throttleSeconds));
            error(res, 429, "Throttling", "请求被流控");
            return;
        }
        JsonNode msgParam;
        try {
            msgParam = JSON.readTree(body.path("msgParam").asText());
        } catch (IOException e) {
            error(res, 400, "invalidParameter.msgParam", "msgParam is not JSON");
            return;
        }
        String to = group ? body.path("openConversationId").asText() : body.path("userIds").path(0).asText();
        sent.add(new Sent(group ? "groupMessages/send" : "oToMessages/batchSend", to, group,
                body.path("robotCode").asText(), body.path("msgKey").asText(), msgParam));
        ObjectNode answer = JSON.createObjectNode().put("processQueryKey", "pqk-" + ids.incrementAndGet());
        if (!group) {
            answer.putArray("invalidStaffIdList");
            answer.putArray("flowControlledStaffIdList");
        }
        res.send(answer.toString());
    }

    private void card(ServerRequest req, ServerResponse res, String method) {
        JsonNode body = json(req);
        if (!authorized(req, res)) {
            return;
        }
        cards.add(new CardCall(method, body));
        ObjectNode answer = JSON.createObjectNode().put("success", true);
        if (method.equals("createAndDeliver")) {
            answer.putObject("result").put("outTrackId", body.path("outTrackId").asText());
        } else {
            answer.put("result", true);
        }
        res.send(answer.toString());
    }

    private void legacyToken(ServerRequest req, ServerResponse res) {
        legacyTokenRequests.incrementAndGet();
        if (!CLIENT_ID.equals(req.query().first("appkey").orElse(""))
                || !CLIENT_SECRET.equals(req.query().first("appsecret").orElse(""))) {
            legacyError(res, 40089, "不合法的corpid或corpsecret");
            return;
        }
        String token = "legacy-" + ids.incrementAndGet();
        validLegacyTokens.add(token);
        res.send(JSON.createObjectNode().put("errcode", 0).put("errmsg", "ok").put("access_token", token)
                .put("expires_in", tokenLifetime).toString());
    }

    private void upload(ServerRequest req, ServerResponse res) {
        byte[] body = req.content().as(byte[].class);
        if (!validLegacyTokens.contains(req.query().first("access_token").orElse(""))) {
            legacyError(res, 40014, "不合法的access_token");
            return;
        }
        String type = req.query().first("type").orElse("");
        String contentType = req.headers().first(HeaderNames.CONTENT_TYPE).orElse("");
        String boundary = contentType.replaceFirst(".*boundary=", "");
        String raw = new String(body, StandardCharsets.ISO_8859_1);
        int nameAt = raw.indexOf("name=\"media\"");
        int start = raw.indexOf("\r\n\r\n");
        int end = raw.lastIndexOf("\r\n--" + boundary + "--");
        if (nameAt < 0 || start < 0 || end < start) {
            legacyError(res, 40004, "不合法的媒体文件类型");
            return;
        }
        String fileName = raw.substring(nameAt).replaceFirst("(?s)^.*?filename=\"([^\"]*)\".*$", "$1");
        byte[] bytes = raw.substring(start + 4, end).getBytes(StandardCharsets.ISO_8859_1);
        String mediaId = "@media-" + ids.incrementAndGet();
        uploads.add(new Upload(type, new String(fileName.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8),
                bytes, mediaId));
        res.send(JSON.createObjectNode().put("errcode", 0).put("errmsg", "ok").put("media_id", mediaId)
                .put("type", type).put("created_at", System.currentTimeMillis()).toString());
    }

    private void session(ServerRequest req, ServerResponse res) {
        JsonNode body = json(req);
        String id = req.path().pathParameters().get("id");
        if (expiredSessions.contains(id)) {
            legacyError(res, 300001, "session过期");
            return;
        }
        posts.add(new Post("session/" + id, body));
        res.send(JSON.createObjectNode().put("errcode", 0).put("errmsg", "ok").toString());
    }

    private void robot(ServerRequest req, ServerResponse res) {
        JsonNode body = json(req);
        String timestamp = req.query().first("timestamp").orElse("");
        String sign = req.query().first("sign").orElse("");
        boolean fresh;
        try {
            fresh = Math.abs(System.currentTimeMillis() - Long.parseLong(timestamp)) <= Duration.ofHours(1).toMillis();
        } catch (NumberFormatException e) {
            fresh = false;
        }
        // the query comes decoded: a sign sent without URL-encoding has lost its '+' and fails, as at DingTalk
        String expected = Base64.getEncoder().encodeToString(CallbackSignature.hmac(ROBOT_SECRET, timestamp));
        if (!ROBOT_TOKEN.equals(req.query().first("access_token").orElse("")) || !fresh
                || !expected.equals(sign)) {
            legacyError(res, 310000, "sign not match");
            return;
        }
        posts.add(new Post("robot", body));
        res.send(JSON.createObjectNode().put("errcode", 0).put("errmsg", "ok").toString());
    }

    private void openConnection(ServerRequest req, ServerResponse res) {
        JsonNode body = json(req);
        openRequests.add(body);
        if (!CLIENT_ID.equals(body.path("clientId").asText())
                || !CLIENT_SECRET.equals(body.path("clientSecret").asText())) {
            error(res, 400, "invalidClientIdOrSecret", "无效的clientId或者clientSecret");
            return;
        }
        String ticket = "ticket-" + UUID.randomUUID();
        tickets.add(ticket);
        res.send(JSON.createObjectNode().put("endpoint", "wss://127.0.0.1:" + gateway.port() + "/connect")
                .put("ticket", ticket).toString());
    }

    /** The gateway side of a Stream connection: tickets are single-use; text frames from the client are acks. */
    private final class Gateway implements WsListener {
        @Override
        public Optional<Headers> onHttpUpgrade(HttpPrologue prologue, Headers headers) {
            String ticket = prologue.query().first("ticket").orElse("");
            if (!tickets.remove(ticket)) {
                throw new WsUpgradeException("unknown or used ticket");
            }
            return Optional.empty();
        }

        @Override
        public void onOpen(WsSession session) {
            sockets.add(session);
        }

        @Override
        public void onMessage(WsSession session, String text, boolean last) {
            try {
                acks.add(JSON.readTree(text));
            } catch (IOException e) {
                acks.add(JSON.createObjectNode().put("unparsable", text));
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

    // ---- helpers ----

    private static JsonNode json(ServerRequest req) {
        try {
            String text = req.content().as(String.class);
            return text.isBlank() ? JSON.createObjectNode() : JSON.readTree(text);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }

    private static void error(ServerResponse res, int status, String code, String message) {
        res.status(status).send(JSON.createObjectNode().put("code", code).put("message", message)
                .put("requestid", UUID.randomUUID().toString()).toString());
    }

    private static void legacyError(ServerResponse res, int errcode, String errmsg) {
        res.send(JSON.createObjectNode().put("errcode", errcode).put("errmsg", errmsg).toString());
    }

    private static SSLContext serverContext() {
        try (InputStream in = FakeDingTalk.class.getClassLoader().getResourceAsStream("dingtalk/fake-gateway.p12")) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(in, STORE_PASSWORD.toCharArray());
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, STORE_PASSWORD.toCharArray());
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), null, null);
            return context;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String resourcePath(String resource) {
        try {
            return Path.of(FakeDingTalk.class.getClassLoader().getResource(resource).toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** @return the tokens the fake would accept now, for tests that check none leaks into a message */
    List<String> tokensHandedOut() {
        List<String> all = new ArrayList<>(validTokens);
        all.addAll(validLegacyTokens);
        return all;
    }
}
