package dev.parley.connector.gewe;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.parley.connector.gewe.FakeGeweEnvelope.Refusal;

/**
 * A GeWe API server for tests, on 127.0.0.1 at an ephemeral port, that speaks the wire format of
 * {@code reference/gewe.md} §9: every call a {@code POST} of JSON under a prefix, the
 * {@code X-GEWE-TOKEN} header checked, the QR login walked by the test, sends recorded and answered with
 * ids above 2^63, contacts and groups from test data, failures injected per path, and callbacks posted
 * to a webhook. Client and scenario tests run against it instead of the real service.
 *
 * <pre>{@code
 * try (FakeGeweServer fake = FakeGeweServer.start()) {
 *     GeweClient gewe = GeweClient.builder().baseUrl(fake.baseUrl()).token(fake.token()).build();
 *     LoginQrCode qr = gewe.getLoginQrCode("", "ipad", "320000", null);
 *     fake.scan(qr.appId(), "Alice");
 *     fake.confirm(qr.appId(), "wxid_alice");
 *     fake.on("/message/postText").times(1).httpStatus(502);
 *     fake.callbacks(webhook).privateText(qr.appId(), "wxid_bob", "hi");
 * }
 * }</pre>
 */
public final class FakeGeweServer implements AutoCloseable {

    /** The path prefix of the paid GeWe API. */
    public static final String DEFAULT_PREFIX = "/gewe/v2/api";
    /** The first {@code newMsgId} the fake hands out; later ones count up from it. */
    public static final BigInteger FIRST_NEW_MSG_ID = new BigInteger("14216284872728580667");

    /** One API endpoint: a request body in, a reply envelope out. */
    @FunctionalInterface
    interface Endpoint {
        ObjectNode handle(String path, JsonNode body) throws Refusal;
    }

    /** Which of the two member-list shapes of {@code reference/gewe.md} §5 the fake answers. */
    public enum MemberListShape {
        /** {@code {memberList, chatroomOwner, adminWxid}}, as documented. */
        DOCUMENTED,
        /** {@code {chatRoomOwner, chatroomMembers}}, as gewe-rs models it. */
        GEWE_RS
    }

    /**
     * A member of a fake group.
     *
     * @param wxid            the member's wxid
     * @param nickName        the member's nickname
     * @param displayName     the in-group name, or {@code null}
     * @param inviterUserName who invited the member, or {@code null}
     */
    public record Member(String wxid, String nickName, String displayName, String inviterUserName) {
        /** Requires the wxid and the nickname. */
        public Member {
            Objects.requireNonNull(wxid, "wxid");
            Objects.requireNonNull(nickName, "nickName");
        }

        /**
         * @param name the in-group name
         * @return this member with that name
         */
        public Member displayName(String name) {
            return new Member(wxid, nickName, name, inviterUserName);
        }

        /**
         * @param inviter the inviter's wxid
         * @return this member, invited by {@code inviter}
         */
        public Member invitedBy(String inviter) {
            return new Member(wxid, nickName, displayName, inviter);
        }
    }

    private static final String PING_TEXT = "验证回调地址是否可用";
    private static final String LOOPBACK = "127.0.0.1";

    private final String token;
    private final String prefix;
    private final HttpServer server;
    private final ExecutorService handlers;
    private final HttpClient outbound;
    private final URI root;
    private final FakeGeweLogin login;
    private final FakeGeweDirectory directory;
    private final FakeGeweMessages messages;
    private final Map<String, Endpoint> routes = new HashMap<>();
    private final List<FakeGeweRequest> requests = new CopyOnWriteArrayList<>();
    private final FakeGeweFaults faults = new FakeGeweFaults();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile String callbackUrl;

    private FakeGeweServer(Builder b) throws IOException {
        this.token = b.token;
        this.prefix = b.prefix;
        this.handlers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fake-gewe-", 0).factory());
        this.server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        this.root = URI.create("http://" + LOOPBACK + ":" + server.getAddress().getPort());
        this.outbound = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(2))
                .build();
        this.login = new FakeGeweLogin(b.qrLifetime);
        this.directory = new FakeGeweDirectory(login);
        this.messages = new FakeGeweMessages(login, this::nextNewMsgId, root + FakeGeweMessages.FILES_PATH);
        login.register(routes);
        directory.register(routes);
        messages.register(routes);
        routes.put("/login/setCallback", this::setCallback);
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return a started fake with a random token and the paid API's prefix */
    public static FakeGeweServer start() {
        return builder().start();
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * @param wxid     the member's wxid
     * @param nickName the member's nickname
     * @return a group member for {@link #room}
     */
    public static Member member(String wxid, String nickName) {
        return new Member(wxid, nickName, null, null);
    }

    // ---- where -------------------------------------------------------------------------------------

    /** @return the API base to configure a client with, e.g. {@code http://127.0.0.1:41234/gewe/v2/api} */
    public URI baseUrl() {
        return URI.create(root + prefix);
    }

    /** @return the token the fake accepts */
    public String token() {
        return token;
    }

    /** @return the port it listens on */
    public int port() {
        return root.getPort();
    }

    // ---- login -------------------------------------------------------------------------------------

    /**
     * The phone scans the device's current QR code: {@code checkLogin} answers status 1.
     *
     * @param appId    a device waiting for a scan
     * @param nickName the scanning account's nickname
     */
    public void scan(String appId, String nickName) {
        login.scan(appId, nickName);
    }

    /**
     * The phone confirms the login (after {@link #scan}, or directly for a dialog login):
     * {@code checkLogin} answers status 2 and the device is online.
     *
     * @param appId a device with a live QR code or dialog
     * @param wxid  the account logging in
     */
    public void confirm(String appId, String wxid) {
        login.confirm(appId, wxid);
    }

    /**
     * The device's current QR code expires: {@code checkLogin} answers status 0 without
     * {@code expiredTime}.
     *
     * @param appId a device with a live QR code
     */
    public void expire(String appId) {
        login.expire(appId);
    }

    /**
     * @param wxid     the account
     * @param nickName its nickname
     * @return the appId of a new device already logged in as that account
     */
    public String onlineDevice(String wxid, String nickName) {
        return login.onlineDevice(wxid, nickName);
    }

    /**
     * The account drops offline: {@code checkOnline} answers false and account calls answer
     * {@code 微信已离线}.
     *
     * @param appId         an online device
     * @param reconnectable whether {@code reconnection} brings it back; otherwise only a new login does
     */
    public void goOffline(String appId, boolean reconnectable) {
        login.goOffline(appId, reconnectable);
    }

    /**
     * @param appId a device
     * @return whether it is online
     */
    public boolean isOnline(String appId) {
        return login.state(appId) == FakeGeweLogin.State.ONLINE;
    }

    /** @return the URL of the last successful {@code setCallback}, or {@code null} */
    public String callbackUrl() {
        return callbackUrl;
    }

    // ---- contacts and groups -----------------------------------------------------------------------

    /**
     * @param wxid     a friend of every device
     * @param nickName the friend's nickname
     * @return this fake
     */
    public FakeGeweServer friend(String wxid, String nickName) {
        return friend(wxid, nickName, null);
    }

    /**
     * @param wxid     a friend of every device
     * @param nickName the friend's nickname
     * @param remark   the remark the account gave, or {@code null}
     * @return this fake
     */
    public FakeGeweServer friend(String wxid, String nickName, String remark) {
        directory.friend(wxid, nickName, remark);
        return this;
    }

    /**
     * @param wxid a friend no device lists any more (deleted, or who deleted them)
     * @return this fake
     */
    public FakeGeweServer unfriend(String wxid) {
        directory.unfriend(wxid);
        return this;
    }

    /**
     * @param ghId an official account every device follows, {@code gh_…}
     * @return this fake
     */
    public FakeGeweServer officialAccount(String ghId) {
        directory.gh(ghId);
        return this;
    }

    /**
     * Adds or replaces a group saved in every device's address book.
     *
     * @param roomId  the group, {@code …@chatroom}
     * @param name    its name
     * @param owner   the owner's wxid
     * @param members its members
     * @return this fake
     */
    public FakeGeweServer room(String roomId, String name, String owner, Member... members) {
        directory.room(roomId, name, owner, List.of(members));
        return this;
    }

    /**
     * @param roomId a group
     * @param wxids  its administrators
     * @return this fake
     */
    public FakeGeweServer admins(String roomId, String... wxids) {
        directory.admins(roomId, List.of(wxids));
        return this;
    }

    /**
     * @param roomId a group
     * @param member who joins it
     */
    public void addMember(String roomId, Member member) {
        directory.addMember(roomId, member);
    }

    /**
     * @param roomId a group
     * @param wxid   the member who leaves it
     */
    public void removeMember(String roomId, String wxid) {
        directory.removeMember(roomId, wxid);
    }

    /**
     * @param roomId a group
     * @param name   its new name
     */
    public void renameRoom(String roomId, String name) {
        directory.renameRoom(roomId, name);
    }

    /** @param shape the shape {@code getChatroomMemberList} answers in from now on */
    public void memberListShape(MemberListShape shape) {
        directory.shape(Objects.requireNonNull(shape, "shape"));
    }

    /**
     * @param xml   a received message's content
     * @param bytes what downloading that message serves
     */
    public void media(String xml, byte[] bytes) {
        messages.media(xml, bytes);
    }

    // ---- what it saw -------------------------------------------------------------------------------

    /** @return every API request received, in order, faults included */
    public List<FakeGeweRequest> requests() {
        return List.copyOf(requests);
    }

    /**
     * @param path an API path, e.g. {@code /login/checkLogin}
     * @return the requests to that path, in order
     */
    public List<FakeGeweRequest> requests(String path) {
        return requests.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** @return the messages sent ({@code /message/post*} answered {@code ret: 200}), in order */
    public List<FakeGeweRequest> sent() {
        return requests.stream().filter(r -> r.path().startsWith("/message/post") && r.succeeded()).toList();
    }

    /** @return the messages revoked, in order */
    public List<FakeGeweRequest> revoked() {
        return requests.stream().filter(r -> r.path().equals("/message/revokeMsg") && r.succeeded()).toList();
    }

    // ---- failures ----------------------------------------------------------------------------------

    /**
     * @param path an API path, e.g. {@code /message/postText}
     * @return a builder of a failure of that path, in force until cleared unless limited by
     *     {@link FakeGeweFaults.Builder#times}; earlier failures of a path apply first
     */
    public FakeGeweFaults.Builder on(String path) {
        return faults.on(Objects.requireNonNull(path, "path"));
    }

    /** @return a builder of a failure of every API path ("GeWe is down") */
    public FakeGeweFaults.Builder onAnyPath() {
        return faults.on(null);
    }

    /** Removes every injected failure. */
    public void clearFaults() {
        faults.clear();
    }

    // ---- callbacks ---------------------------------------------------------------------------------

    /**
     * @param target a webhook on this machine
     * @return an emitter of callbacks to it
     * @throws IllegalArgumentException if the target is not a loopback address
     */
    public FakeGeweCallbacks callbacks(URI target) {
        return new FakeGeweCallbacks(this, requireLoopback(target));
    }

    /**
     * @return an emitter of callbacks to the URL registered by the last {@code setCallback}
     * @throws IllegalStateException if none was registered
     */
    public FakeGeweCallbacks callbacks() {
        String url = callbackUrl;
        if (url == null) {
            throw new IllegalStateException("No callback URL was set");
        }
        return callbacks(URI.create(url));
    }

    /** Stops listening and ends its threads; calling it again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        handlers.shutdownNow();
        outbound.shutdownNow();
        try {
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    // ---- package-private, for the callback emitter -------------------------------------------------

    FakeGeweLogin login() {
        return login;
    }

    FakeGeweDirectory directory() {
        return directory;
    }

    BigInteger nextNewMsgId() {
        return FIRST_NEW_MSG_ID.add(BigInteger.valueOf(sequence.getAndIncrement()));
    }

    /**
     * @return the HTTP status of posting {@code json} to {@code target}
     * @throws UncheckedIOException if the target does not answer
     */
    int post(URI target, String json) {
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8))
                .build();
        try {
            return outbound.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            throw new UncheckedIOException("Callback to " + target + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new InterruptedIOException("Callback to " + target + " interrupted"));
        }
    }

    // ---- HTTP --------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String uriPath = exchange.getRequestURI().getPath();
            if (uriPath.startsWith(FakeGeweMessages.FILES_PATH)) {
                serveFile(exchange, uriPath.substring(FakeGeweMessages.FILES_PATH.length()));
                return;
            }
            if (!uriPath.startsWith(prefix + "/")) {
                respond(exchange, 404, "text/plain", "Not Found".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = uriPath.substring(prefix.length());
            Instant receivedAt = Instant.now();
            JsonNode body = parse(exchange.getRequestBody().readAllBytes());
            FakeGeweFaults.Fault fault = faults.take(path, body == null ? null : body.path("appId").asText(null));
            if (fault != null && fault.delay() != null) {
                Thread.sleep(fault.delay());
            }
            if (fault != null && fault.status() != 0) {
                requests.add(new FakeGeweRequest(path, body, receivedAt, null));
                respond(exchange, fault.status(), fault.contentType(), fault.body().getBytes(StandardCharsets.UTF_8));
                return;
            }
            Endpoint endpoint = routes.get(path);
            if (!exchange.getRequestMethod().equals("POST") || endpoint == null) {
                requests.add(new FakeGeweRequest(path, body, receivedAt, null));
                int status = endpoint == null ? 404 : 405;
                respond(exchange, status, "text/plain", ("HTTP " + status).getBytes(StandardCharsets.UTF_8));
                return;
            }
            ObjectNode reply = answer(exchange, endpoint, path, body);
            requests.add(new FakeGeweRequest(path, body, receivedAt, reply));
            respond(exchange, 200, "application/json", reply.toString().getBytes(StandardCharsets.UTF_8));
        } catch (IOException clientGone) {
            // the client gave up (e.g. its timeout); nothing to answer
        } catch (InterruptedException closing) {
            Thread.currentThread().interrupt();
        }
    }

    private ObjectNode answer(HttpExchange exchange, Endpoint endpoint, String path, JsonNode body) {
        String given = exchange.getRequestHeaders().getFirst("X-GEWE-TOKEN");
        if (given == null || given.isBlank()) {
            return FakeGeweEnvelope.error(FakeGeweEnvelope.TOKEN_MISSING);
        }
        if (!given.equals(token)) {
            return FakeGeweEnvelope.error(FakeGeweEnvelope.TOKEN_INVALID);
        }
        if (body == null || !body.isObject()) {
            return FakeGeweEnvelope.error(FakeGeweEnvelope.BAD_REQUEST);
        }
        try {
            return endpoint.handle(path, body);
        } catch (Refusal refusal) {
            return refusal.envelope();
        }
    }

    private ObjectNode setCallback(String path, JsonNode body) throws Refusal {
        String callbackToken = FakeGeweEnvelope.required(body, "token");
        String url = FakeGeweEnvelope.required(body, "callbackUrl");
        ObjectNode failed = FakeGeweEnvelope.error("设置回调地址失败", "-1", "回调地址不可用");
        URI target;
        try {
            target = requireLoopback(URI.create(url));
        } catch (IllegalArgumentException notLocal) {
            throw new Refusal(failed);
        }
        ObjectNode ping = FakeGeweEnvelope.JSON.createObjectNode().put("testMsg", PING_TEXT).put("token", callbackToken);
        try {
            if (post(target, ping.toString()) / 100 != 2) {
                throw new Refusal(failed);
            }
        } catch (UncheckedIOException unreachable) {
            throw new Refusal(failed);
        }
        callbackUrl = url;
        return FakeGeweEnvelope.ok();
    }

    private void serveFile(HttpExchange exchange, String name) throws IOException {
        byte[] bytes = messages.file(name);
        if (bytes == null || !exchange.getRequestMethod().equals("GET")) {
            respond(exchange, 404, "text/plain", "Not Found".getBytes(StandardCharsets.UTF_8));
        } else {
            respond(exchange, 200, "application/octet-stream", bytes);
        }
    }

    private static JsonNode parse(byte[] body) {
        try {
            return GeweHttp.JSON.readTree(body);
        } catch (IOException notJson) {
            return null;
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType + "; charset=utf-8");
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }

    private static URI requireLoopback(URI target) {
        String host = target.getHost();
        try {
            if (host == null || !InetAddress.getByName(host).isLoopbackAddress()) {
                throw new IllegalArgumentException("The fake posts only to this machine, not to " + target);
            }
        } catch (UnknownHostException unknown) {
            throw new IllegalArgumentException("Unknown host in " + target, unknown);
        }
        return target;
    }

    /** Configures a {@link FakeGeweServer}. */
    public static final class Builder {
        private String token = "fake-gewe-" + HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextLong());
        private String prefix = DEFAULT_PREFIX;
        private Duration qrLifetime = Duration.ofSeconds(150);

        private Builder() {
        }

        /**
         * @param token the token to accept
         * @return this builder
         */
        public Builder token(String token) {
            this.token = Objects.requireNonNull(token, "token");
            return this;
        }

        /**
         * @param prefix the path prefix, e.g. {@code /v2/api} for self-hosted Gewechat
         * @return this builder
         */
        public Builder prefix(String prefix) {
            if (!prefix.startsWith("/") || prefix.endsWith("/")) {
                throw new IllegalArgumentException("A prefix starts with / and does not end with one: " + prefix);
            }
            this.prefix = prefix;
            return this;
        }

        /**
         * @param lifetime how long a QR code stays valid (GeWe: about 150 s)
         * @return this builder
         */
        public Builder qrLifetime(Duration lifetime) {
            this.qrLifetime = Objects.requireNonNull(lifetime, "lifetime");
            return this;
        }

        /** @return the started fake */
        public FakeGeweServer start() {
            try {
                return new FakeGeweServer(this);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot start the fake GeWe server", e);
            }
        }
    }
}
