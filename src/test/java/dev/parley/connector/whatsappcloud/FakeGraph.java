package dev.parley.connector.whatsappcloud;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import dev.parley.testing.Await;

/**
 * A Meta Graph API server for tests, on 127.0.0.1 at an ephemeral port, wire-compatible with the part of the
 * WhatsApp Business Cloud API Parley uses: business numbers and their quality, {@code /messages} sends recorded and
 * answered with {@code wamid}s, scripted send failures in Graph's error shape, paged message templates of a WABA,
 * and media metadata plus bearer-protected downloads. Every call must carry the {@code Authorization: Bearer} token
 * of the number (or WABA) it addresses. Client and connector tests run against it instead of
 * {@code graph.facebook.com}.
 *
 * <pre>{@code
 * try (FakeGraph graph = FakeGraph.start()) {
 *     graph.number("1061", "tok", "2041", "Acme", "+1 555-0100", "GREEN", "TIER_1K");
 *     graph.fail("1061", 400, 131047, "Re-engagement message", 1);
 *     // point the client at graph.baseUrl() and send twice
 *     assertThat(graph.attempts("1061")).isEqualTo(2);
 * }
 * }</pre>
 */
public final class FakeGraph implements AutoCloseable {

    /** The Graph API version every path is under. */
    public static final String VERSION = "v21.0";

    /**
     * One accepted {@code POST /<phoneId>/messages}.
     *
     * @param phoneId       the sending business number
     * @param authorization the {@code Authorization} header as sent
     * @param body          the request body
     */
    public record Recorded(String phoneId, String authorization, JsonNode body) {
    }

    private record Phone(String token, String wabaId, String verifiedName, String displayNumber, String quality,
                          String tier) {
    }

    private record Template(String id, String name, String language, String status, String category,
                            String bodyText) {
    }

    private record Media(String phoneId, byte[] bytes, String mimeType, String sha256) {
    }

    private record Failure(int httpStatus, int code, String message) {
    }

    /** A Graph error answer, thrown from deep in a handler. */
    private static final class GraphError extends Exception {
        private final int status;
        private final ObjectNode body;

        GraphError(int status, ObjectNode body) {
            super(null, null, false, false);
            this.status = status;
            this.body = body;
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LOOPBACK = "127.0.0.1";
    private static final String API = "/" + VERSION + "/";
    private static final String DOWNLOAD = "/media-download/";
    private static final int DEFAULT_PAGE = 25;

    private final HttpServer server;
    private final ExecutorService handlers;
    private final String root;
    private final Map<String, Phone> numbers = new ConcurrentHashMap<>();
    private final Map<String, List<Template>> templates = new ConcurrentHashMap<>();
    private final Map<String, Media> media = new ConcurrentHashMap<>();
    private final Map<String, Queue<Failure>> failures = new ConcurrentHashMap<>();
    private final List<Recorded> messages = new CopyOnWriteArrayList<>();
    private final List<String> sentIds = new CopyOnWriteArrayList<>();
    private final List<String> attempts = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();

    private FakeGraph() throws IOException {
        this.handlers = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("fake-graph-", 0).factory());
        this.server = HttpServer.create(new InetSocketAddress(LOOPBACK, 0), 0);
        this.root = "http://" + LOOPBACK + ":" + server.getAddress().getPort();
        server.setExecutor(handlers);
        server.createContext("/", this::handle);
        server.start();
    }

    /** @return a started fake with no numbers, templates or media */
    public static FakeGraph start() {
        try {
            return new FakeGraph();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start the fake Graph API", e);
        }
    }

    /** @return the API base to configure a client with, e.g. {@code http://127.0.0.1:41234/v21.0} */
    public String baseUrl() {
        return root + "/" + VERSION;
    }

    // ---- test data ---------------------------------------------------------------------------------

    /**
     * Registers (or replaces) a business number, so {@code GET /<phoneId>} and sends from it work with its token.
     *
     * @param phoneId       the phone number id
     * @param token         the access token that may use it (and read its WABA's templates)
     * @param wabaId        the WhatsApp Business Account owning it
     * @param verifiedName  its verified business name
     * @param displayNumber its number as Meta displays it, e.g. {@code +1 555-0100}
     * @param quality       its quality rating, e.g. {@code GREEN}
     * @param tier          its messaging limit tier, e.g. {@code TIER_1K}
     */
    public void number(String phoneId, String token, String wabaId, String verifiedName, String displayNumber,
                       String quality, String tier) {
        numbers.put(Objects.requireNonNull(phoneId, "phoneId"), new Phone(Objects.requireNonNull(token, "token"),
                Objects.requireNonNull(wabaId, "wabaId"), verifiedName, displayNumber, quality, tier));
    }

    /**
     * Changes a number's quality, as Meta does after complaints or growth.
     *
     * @param phoneId a registered number
     * @param quality its new quality rating
     * @param tier    its new messaging limit tier
     */
    public void quality(String phoneId, String quality, String tier) {
        Phone changed = numbers.computeIfPresent(phoneId, (id, n) ->
                new Phone(n.token(), n.wabaId(), n.verifiedName(), n.displayNumber(), quality, tier));
        if (changed == null) {
            throw new IllegalArgumentException("No number " + phoneId);
        }
    }

    /**
     * Adds an approved-or-not message template to a WABA's list, after those added before.
     *
     * @param wabaId   the WABA
     * @param name     the template name
     * @param language its language code, e.g. {@code en_US}
     * @param status   e.g. {@code APPROVED}
     * @param category e.g. {@code UTILITY}
     * @param bodyText the BODY component's text, with {@code {{1}}} placeholders as Meta keeps them
     */
    public void template(String wabaId, String name, String language, String status, String category,
                         String bodyText) {
        templates.computeIfAbsent(Objects.requireNonNull(wabaId, "wabaId"), w -> new CopyOnWriteArrayList<>())
                .add(new Template(Long.toString(900_000_000_000_000L + sequence.incrementAndGet()), name, language,
                        status, category, bodyText));
    }

    /**
     * Stores a file as if a user had sent it to the number, for {@code GET /<mediaId>} and its download URL.
     *
     * @param phoneId  the registered number whose token may fetch it
     * @param bytes    the file
     * @param mimeType its type, e.g. {@code image/jpeg}
     * @return its media id, digits
     */
    public String media(String phoneId, byte[] bytes, String mimeType) {
        if (!numbers.containsKey(phoneId)) {
            throw new IllegalArgumentException("No number " + phoneId);
        }
        String id = Long.toString(1_000_000_000_000_000L + sequence.incrementAndGet());
        byte[] copy = bytes.clone();
        media.put(id, new Media(phoneId, copy, Objects.requireNonNull(mimeType, "mimeType"), sha256Hex(copy)));
        return id;
    }

    // ---- failures ----------------------------------------------------------------------------------

    /**
     * Makes the next {@code times} sends from a number fail as Meta fails them, in Graph's error shape; earlier
     * scripted failures apply first.
     *
     * @param phoneId    the sending number
     * @param httpStatus the HTTP status, e.g. 400
     * @param code       the Graph error code, e.g. 131047
     * @param message    the error text, e.g. {@code Re-engagement message}
     * @param times      how many sends fail
     */
    public void fail(String phoneId, int httpStatus, int code, String message, int times) {
        if (times < 1) {
            throw new IllegalArgumentException("times must be at least 1: " + times);
        }
        Queue<Failure> queue = failures.computeIfAbsent(phoneId, p -> new ConcurrentLinkedQueue<>());
        for (int i = 0; i < times; i++) {
            queue.add(new Failure(httpStatus, code, message));
        }
    }

    // ---- what it saw -------------------------------------------------------------------------------

    /** @return the sends answered 200, in order */
    public List<Recorded> messages() {
        return List.copyOf(messages);
    }

    /** @return the {@code wamid}s handed out, in order */
    public List<String> sentIds() {
        return List.copyOf(sentIds);
    }

    /**
     * @param phoneId a number
     * @return how many {@code POST /<phoneId>/messages} arrived, whatever they were answered
     */
    public int attempts(String phoneId) {
        return (int) attempts.stream().filter(phoneId::equals).count();
    }

    /**
     * @param pathPrefix the start of a request path, e.g. {@code /v21.0/1061/messages} or {@code /media-download/}
     * @return how many requests of any method had a path starting with it
     */
    public int calls(String pathPrefix) {
        return (int) paths.stream().filter(p -> p.startsWith(pathPrefix)).count();
    }

    /**
     * Waits up to 20 s for an accepted send whose body matches.
     *
     * @param match what the body must satisfy
     * @return the first matching send
     * @throws AssertionError if none arrives in time (or the wait is interrupted)
     */
    public Recorded awaitMessage(Predicate<JsonNode> match) {
        try {
            Await.until(() -> find(match) != null, () -> "a matching message was sent; sent were "
                    + messages.stream().map(r -> r.body().toString()).toList());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for a message", e);
        }
        return find(match);
    }

    /** Stops listening and ends its threads; calling it again does nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        server.stop(0);
        handlers.shutdownNow();
        try {
            handlers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Recorded find(Predicate<JsonNode> match) {
        return messages.stream().filter(r -> match.test(r.body())).findFirst().orElse(null);
    }

    // ---- HTTP --------------------------------------------------------------------------------------

    private void handle(HttpExchange exchange) {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            paths.add(path);
            byte[] requestBody = exchange.getRequestBody().readAllBytes();
            try {
                if (path.startsWith(DOWNLOAD)) {
                    download(exchange, path.substring(DOWNLOAD.length()));
                    return;
                }
                if (!path.startsWith(API)) {
                    throw unknownPath(path);
                }
                ObjectNode answer = api(exchange, path.substring(API.length()).split("/", -1), requestBody);
                respond(exchange, 200, "application/json", bytes(answer));
            } catch (GraphError e) {
                if (e.status == 401) {
                    exchange.getResponseHeaders().set("WWW-Authenticate",
                            "OAuth \"Facebook Platform\" \"invalid_token\" \"" + e.body.at("/error/message").asText()
                                    + "\"");
                }
                respond(exchange, e.status, "application/json", bytes(e.body));
            }
        } catch (IOException clientGone) {
            // the client gave up (e.g. its timeout); nothing to answer
        }
    }

    private ObjectNode api(HttpExchange exchange, String[] segments, byte[] requestBody) throws GraphError {
        String id = segments[0];
        String edge = segments.length == 1 ? "" : segments[1];
        if (id.isEmpty() || segments.length > 2 || !List.of("", "messages", "message_templates").contains(edge)) {
            throw unknownPath(exchange.getRequestURI().getPath());
        }
        String method = exchange.getRequestMethod();
        String bearer = bearer(exchange);
        if (edge.equals("messages") && method.equals("POST")) {
            attempts.add(id);
            return send(exchange, id, bearer, requestBody);
        }
        if (edge.equals("message_templates") && method.equals("GET")) {
            return templates(exchange, id, bearer);
        }
        if (edge.isEmpty() && method.equals("GET")) {
            Phone number = numbers.get(id);
            if (number != null) {
                requireToken(bearer, number.token());
                return phone(id, number);
            }
            Media file = media.get(id);
            if (file != null) {
                requireToken(bearer, numbers.get(file.phoneId()).token());
                return mediaInfo(id, file);
            }
        }
        requireKnownToken(bearer);
        throw unknownObject(method, id);
    }

    private ObjectNode phone(String phoneId, Phone number) {
        return JSON.createObjectNode()
                .put("verified_name", number.verifiedName())
                .put("display_phone_number", number.displayNumber())
                .put("quality_rating", number.quality())
                .put("messaging_limit_tier", number.tier())
                .put("id", phoneId);
    }

    private ObjectNode send(HttpExchange exchange, String phoneId, String bearer, byte[] requestBody)
            throws GraphError {
        Phone number = numbers.get(phoneId);
        if (number == null) {
            requireKnownToken(bearer);
            throw unknownObject("POST", phoneId);
        }
        requireToken(bearer, number.token());
        Queue<Failure> scripted = failures.get(phoneId);
        Failure failure = scripted == null ? null : scripted.poll();
        if (failure != null) {
            throw scriptedError(failure);
        }
        JsonNode body = parse(requestBody);
        for (String field : List.of("messaging_product", "to", "type")) {
            if (!body.hasNonNull(field) || body.get(field).asText().isEmpty()) {
                throw new GraphError(400, error("(#100) The parameter " + field + " is required.", "OAuthException",
                        100));
            }
        }
        String to = body.get("to").asText();
        String wamid = "wamid." + Base64.getEncoder().encodeToString(
                String.format("HBgLFAKEGRAPH%018d", sequence.incrementAndGet()).getBytes(StandardCharsets.US_ASCII));
        messages.add(new Recorded(phoneId, exchange.getRequestHeaders().getFirst("Authorization"), body));
        sentIds.add(wamid);
        ObjectNode answer = JSON.createObjectNode().put("messaging_product", "whatsapp");
        answer.putArray("contacts").addObject().put("input", to).put("wa_id", to.replaceAll("\\D", ""));
        answer.putArray("messages").addObject().put("id", wamid);
        return answer;
    }

    private ObjectNode templates(HttpExchange exchange, String wabaId, String bearer) throws GraphError {
        List<String> owners = numbers.values().stream().filter(n -> n.wabaId().equals(wabaId)).map(Phone::token)
                .toList();
        if (owners.isEmpty() && !templates.containsKey(wabaId)) {
            requireKnownToken(bearer);
            throw unknownObject("GET", wabaId);
        }
        if (bearer == null || !owners.contains(bearer)) {
            throw badToken();
        }
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        int limit = positive(query.getOrDefault("limit", Integer.toString(DEFAULT_PAGE)), "limit");
        int from = query.containsKey("after") ? position(query.get("after")) + 1 : 0;
        List<Template> all = List.copyOf(templates.getOrDefault(wabaId, List.of()));
        List<Template> page = all.subList(Math.min(from, all.size()), (int) Math.min((long) from + limit, all.size()));
        ObjectNode answer = JSON.createObjectNode();
        ArrayNode data = answer.putArray("data");
        for (Template t : page) {
            ObjectNode item = data.addObject()
                    .put("name", t.name())
                    .put("language", t.language())
                    .put("status", t.status())
                    .put("category", t.category())
                    .put("id", t.id());
            ArrayNode components = item.putArray("components");
            components.addObject().put("type", "HEADER").put("format", "TEXT").put("text", "Update");
            components.addObject().put("type", "BODY").put("text", t.bodyText());
        }
        if (page.isEmpty()) {
            return answer;
        }
        String after = cursor(from + page.size() - 1);
        ObjectNode paging = answer.putObject("paging");
        paging.putObject("cursors").put("before", cursor(from)).put("after", after);
        if (from + page.size() < all.size()) {
            query.put("after", after);
            StringBuilder next = new StringBuilder(baseUrl()).append('/').append(wabaId).append("/message_templates");
            char separator = '?';
            for (Map.Entry<String, String> p : query.entrySet()) {
                next.append(separator).append(URLEncoder.encode(p.getKey(), StandardCharsets.UTF_8)).append('=')
                        .append(URLEncoder.encode(p.getValue(), StandardCharsets.UTF_8));
                separator = '&';
            }
            paging.put("next", next.toString());
        }
        return answer;
    }

    private ObjectNode mediaInfo(String mediaId, Media file) {
        return JSON.createObjectNode()
                .put("messaging_product", "whatsapp")
                .put("url", root + DOWNLOAD + mediaId + "?ext=1")
                .put("mime_type", file.mimeType())
                .put("sha256", file.sha256())
                .put("file_size", file.bytes().length)
                .put("id", mediaId);
    }

    private void download(HttpExchange exchange, String mediaId) throws IOException, GraphError {
        Media file = media.get(mediaId);
        if (file == null || !exchange.getRequestMethod().equals("GET")) {
            throw new GraphError(404, error("Media not found", "GraphMethodException", 100));
        }
        requireToken(bearer(exchange), numbers.get(file.phoneId()).token());
        respond(exchange, 200, file.mimeType(), file.bytes());
    }

    // ---- tokens and errors -------------------------------------------------------------------------

    private static String bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        return header != null && header.startsWith("Bearer ") ? header.substring("Bearer ".length()).trim() : null;
    }

    private static void requireToken(String bearer, String expected) throws GraphError {
        if (!expected.equals(bearer)) {
            throw badToken();
        }
    }

    /** An unknown id is reported as unknown only to a caller holding some valid token, as Graph does. */
    private void requireKnownToken(String bearer) throws GraphError {
        if (bearer == null || numbers.values().stream().noneMatch(n -> n.token().equals(bearer))) {
            throw badToken();
        }
    }

    private static GraphError badToken() {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error")
                .put("message", "Invalid OAuth access token - Cannot parse access token")
                .put("type", "OAuthException")
                .put("code", 190)
                .put("fbtrace_id", "AbCdEf123");
        return new GraphError(401, body);
    }

    private GraphError unknownObject(String method, String id) {
        ObjectNode body = error("Unsupported " + method.toLowerCase(Locale.ROOT)
                + " request. Object with ID '" + id + "' does not exist, cannot be loaded due to missing "
                + "permissions, or does not support this operation. Please read the Graph API documentation at "
                + "https://developers.facebook.com/docs/graph-api", "GraphMethodException", 100);
        ((ObjectNode) body.get("error")).put("error_subcode", 33);
        return new GraphError(400, body);
    }

    private GraphError unknownPath(String path) {
        return new GraphError(400, error("Unknown path components: " + path, "OAuthException", 2500));
    }

    private GraphError scriptedError(Failure failure) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode error = body.putObject("error")
                .put("message", "(#" + failure.code() + ") " + failure.message())
                .put("type", "OAuthException")
                .put("code", failure.code());
        error.putObject("error_data").put("messaging_product", "whatsapp").put("details", failure.message());
        error.put("fbtrace_id", traceId());
        return new GraphError(failure.httpStatus(), body);
    }

    private ObjectNode error(String message, String type, int code) {
        ObjectNode body = JSON.createObjectNode();
        body.putObject("error").put("message", message).put("type", type).put("code", code)
                .put("fbtrace_id", traceId());
        return body;
    }

    private String traceId() {
        return "AFake" + Long.toString(sequence.incrementAndGet(), 36) + "Trace";
    }

    // ---- helpers -----------------------------------------------------------------------------------

    private static String cursor(int position) {
        return Base64.getEncoder().encodeToString(("tpl:" + position).getBytes(StandardCharsets.US_ASCII));
    }

    private GraphError badParameter(String name) {
        return new GraphError(400, error("(#100) Invalid parameter " + name, "OAuthException", 100));
    }

    private int position(String cursor) throws GraphError {
        try {
            String decoded = new String(Base64.getDecoder().decode(cursor), StandardCharsets.US_ASCII);
            if (decoded.startsWith("tpl:")) {
                int position = Integer.parseInt(decoded.substring(4));
                if (position >= 0 && position < Integer.MAX_VALUE) {
                    return position;
                }
            }
        } catch (IllegalArgumentException notOurs) {
            // falls through to the refusal
        }
        throw badParameter("after");
    }

    private int positive(String value, String name) throws GraphError {
        try {
            int n = Integer.parseInt(value);
            if (n > 0) {
                return n;
            }
        } catch (NumberFormatException notNumber) {
            // falls through to the refusal
        }
        throw badParameter(name);
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new LinkedHashMap<>();
        if (raw == null || raw.isEmpty()) {
            return params;
        }
        for (String pair : raw.split("&")) {
            int eq = pair.indexOf('=');
            String key = eq < 0 ? pair : pair.substring(0, eq);
            String value = eq < 0 ? "" : pair.substring(eq + 1);
            params.put(URLDecoder.decode(key, StandardCharsets.UTF_8),
                    URLDecoder.decode(value, StandardCharsets.UTF_8));
        }
        return params;
    }

    private static JsonNode parse(byte[] body) {
        try {
            JsonNode node = JSON.readTree(body);
            return node != null && node.isObject() ? node : JSON.createObjectNode();
        } catch (IOException notJson) {
            return JSON.createObjectNode();
        }
    }

    private static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
            throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            exchange.getResponseBody().write(body);
        }
    }
}
