package dev.parley.channel.telegram;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback server speaking enough of the Telegram Bot API for the real SDK: {@code getMe},
 * {@code deleteWebhook}, {@code setWebhook}, {@code setMyCommands}, a held {@code getUpdates} long poll with
 * offset semantics, {@code sendMessage}, {@code sendPhoto} and {@code sendDocument} (multipart; the bytes are
 * kept), {@code editMessageText}, {@code editMessageCaption}, {@code editMessageMedia} and
 * {@code answerCallbackQuery}, and documents people send: {@code getFile} and the file download at
 * {@code /file/bot<token>/<file_path>} (recorded as the call {@code download} with the field {@code file_path}).
 * Every call is recorded; a method can be made to answer 429 with a retry-after.
 * Method names are matched case-insensitively, as the SDK spells some in camel case and some in lower case.
 */
public final class FakeTelegramServer implements AutoCloseable {
    /** The bot's user name, as {@code getMe} answers. */
    public static final String BOT_USERNAME = "parley_bot";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern PATH = Pattern.compile("/bot([^/]+)/([A-Za-z]+)");
    private static final Pattern FILE_PATH = Pattern.compile("/file/bot([^/]+)/(.+)");
    private static final Duration LONGEST_HOLD = Duration.ofSeconds(1);

    private final HttpServer server;
    private final ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor();
    private final String token;
    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final List<ObjectNode> updates = new ArrayList<>();
    private final Map<String, Integer> tooManyRequests = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> answeredBeforeTooMany = new ConcurrentHashMap<>();
    private final AtomicInteger messageIds = new AtomicInteger(100);
    private final AtomicInteger updateIds = new AtomicInteger(1);
    private final AtomicInteger callbackIds = new AtomicInteger(1);
    private final AtomicInteger fileIds = new AtomicInteger(1);
    private final Map<String, byte[]> documents = new ConcurrentHashMap<>();

    private FakeTelegramServer(String token) throws IOException {
        this.token = token;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
        server.setExecutor(threads);
        server.createContext("/", this::handle);
        server.start();
    }

    /**
     * @param token the only bot token accepted
     * @return a started server
     */
    public static FakeTelegramServer start(String token) {
        try {
            return new FakeTelegramServer(token);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** @return the Bot API base URL to configure */
    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * One Bot API call.
     *
     * @param method the method, lower case
     * @param fields the request's fields (JSON values as text; nested objects as JSON)
     * @param files  uploaded files by part name
     * @param at     when it arrived ({@link System#nanoTime()})
     */
    public record Call(String method, Map<String, String> fields, Map<String, Upload> files, long at) {
        /**
         * @param name a field
         * @return its value, or {@code null}
         */
        public String field(String name) {
            return fields.get(name);
        }

        /**
         * @param name a file field such as {@code photo}, sent as the file itself or as {@code attach://<part>}
         * @return the uploaded file
         */
        public Upload upload(String name) {
            String value = fields.get(name);
            return value != null && value.startsWith("attach://") ? files.get(value.substring(9)) : files.get(name);
        }

        /**
         * @param name a field holding JSON
         * @return the field as JSON
         */
        public JsonNode json(String name) {
            try {
                return JSON.readTree(fields.get(name));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }

        /** @return the callback data of the inline keyboard's buttons, row after row */
        public List<String> buttons() {
            List<String> data = new ArrayList<>();
            if (fields.get("reply_markup") != null) {
                json("reply_markup").path("inline_keyboard").forEach(row -> row.forEach(b -> data.add(b.path("callback_data").asText())));
            }
            return data;
        }

        /** @return the labels of the inline keyboard's buttons */
        public List<String> buttonLabels() {
            List<String> labels = new ArrayList<>();
            if (fields.get("reply_markup") != null) {
                json("reply_markup").path("inline_keyboard").forEach(row -> row.forEach(b -> labels.add(b.path("text").asText())));
            }
            return labels;
        }
    }

    /**
     * An uploaded file.
     *
     * @param filename its name
     * @param bytes    its content
     */
    public record Upload(String filename, byte[] bytes) {
    }

    /** @return every call so far */
    public List<Call> calls() {
        return List.copyOf(calls);
    }

    /**
     * @param method a method name, any case
     * @return its calls so far
     */
    public List<Call> calls(String method) {
        String m = method.toLowerCase(Locale.ROOT);
        return calls.stream().filter(c -> c.method().equals(m)).toList();
    }

    /**
     * Waits for a call.
     *
     * @param method a method name, any case
     * @param match  what the call must satisfy
     * @return the first matching call
     */
    public Call await(String method, Predicate<Call> match) {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            for (Call call : calls(method)) {
                if (match.test(call)) {
                    return call;
                }
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        throw new AssertionError("no " + method + " call matched; calls: " + calls.stream().map(c -> c.method() + c.fields()).toList());
    }

    /**
     * The next {@code times} calls of a method answer 429.
     *
     * @param method     the method, any case
     * @param retryAfter the seconds Telegram asks to wait
     */
    public void tooManyRequests(String method, int retryAfter) {
        tooManyRequests(method, retryAfter, 0);
    }

    /**
     * The call of a method after the next {@code answered} ones answers 429.
     *
     * @param method     the method, any case
     * @param retryAfter the seconds Telegram asks to wait
     * @param answered   how many calls are answered first
     */
    public void tooManyRequests(String method, int retryAfter, int answered) {
        answeredBeforeTooMany.put(method.toLowerCase(Locale.ROOT), new AtomicInteger(answered));
        tooManyRequests.put(method.toLowerCase(Locale.ROOT), retryAfter);
    }

    /**
     * Someone sends a text message.
     *
     * @param userId       who
     * @param chatId       where (negative: a group)
     * @param text         what
     * @param languageCode their client's language, or {@code null}
     */
    public void typed(long userId, long chatId, String text, String languageCode) {
        ObjectNode message = message(messageIds.incrementAndGet(), chatId, user(userId, languageCode));
        message.put("text", text);
        if (text.startsWith("/")) {
            int end = text.indexOf(' ') < 0 ? text.length() : text.indexOf(' ');
            message.putArray("entities").addObject().put("type", "bot_command").put("offset", 0).put("length", end);
        }
        queue("message", message);
    }

    /**
     * Someone replies to a message the bot posted.
     *
     * @param userId       who
     * @param to           the call that posted the message replied to
     * @param text         what they wrote
     * @param languageCode their client's language, or {@code null}
     */
    public void replied(long userId, Call to, String text, String languageCode) {
        long chatId = Long.parseLong(to.field("chat_id"));
        ObjectNode message = message(messageIds.incrementAndGet(), chatId, user(userId, languageCode));
        message.put("text", text);
        ObjectNode original = message(Integer.parseInt(to.field("_message_id")), chatId, user(42, null).put("is_bot", true));
        original.put("text", "card");
        message.set("reply_to_message", original);
        queue("message", message);
    }

    /**
     * Someone sends a document.
     *
     * @param userId       who
     * @param chatId       where (negative: a group)
     * @param fileName     its name
     * @param mimeType     its MIME type, or {@code null}
     * @param bytes        its content, served by {@code getFile} and the download
     * @param caption      its caption, or {@code null}
     * @param languageCode their client's language, or {@code null}
     * @return the message as Telegram sends it, to reply to
     */
    public ObjectNode document(long userId, long chatId, String fileName, String mimeType, byte[] bytes, String caption,
                               String languageCode) {
        String fileId = "DOC" + fileIds.getAndIncrement();
        documents.put(fileId, bytes);
        ObjectNode message = message(messageIds.incrementAndGet(), chatId, user(userId, languageCode));
        ObjectNode document = message.putObject("document").put("file_id", fileId).put("file_unique_id", "U" + fileId)
                .put("file_name", fileName).put("file_size", bytes.length);
        if (mimeType != null) {
            document.put("mime_type", mimeType);
        }
        if (caption != null) {
            message.put("caption", caption);
            if (caption.startsWith("/")) {
                message.putArray("caption_entities").addObject().put("type", "bot_command").put("offset", 0)
                        .put("length", caption.indexOf(' ') < 0 ? caption.length() : caption.indexOf(' '));
            }
        }
        queue("message", message);
        return message;
    }

    /**
     * Someone sends a text message replying to another message.
     *
     * @param userId       who
     * @param replyTo      the message replied to, as {@link #document} returned it
     * @param text         what
     * @param languageCode their client's language, or {@code null}
     */
    public void reply(long userId, ObjectNode replyTo, String text, String languageCode) {
        ObjectNode message = message(messageIds.incrementAndGet(), replyTo.path("chat").path("id").asLong(),
                user(userId, languageCode));
        message.put("text", text);
        message.set("reply_to_message", replyTo);
        queue("message", message);
    }

    /**
     * @param message a document message, as {@link #document} returned it
     * @return the {@code getFile} and {@code download} calls made for its file so far
     */
    public List<Call> fetches(ObjectNode message) {
        String fileId = message.path("document").path("file_id").asText();
        return calls.stream().filter(c -> (c.method().equals("getfile") && fileId.equals(c.field("file_id")))
                || (c.method().equals("download") && c.field("file_path").equals(filePath(fileId)))).toList();
    }

    private static String filePath(String fileId) {
        return "documents/" + fileId + ".bin";
    }

    /**
     * Someone presses an inline button.
     *
     * @param userId       who
     * @param on           the call that posted (or last edited) the message with the button
     * @param data         the button's callback data
     * @param languageCode their client's language, or {@code null}
     * @return the callback query's id
     */
    public String press(long userId, Call on, String data, String languageCode) {
        String id = "cbq" + callbackIds.getAndIncrement();
        long chatId = Long.parseLong(on.field("chat_id"));
        int messageId = Integer.parseInt(on.field("message_id") != null ? on.field("message_id") : on.field("_message_id"));
        ObjectNode message = message(messageId, chatId, user(42, null).put("is_bot", true));
        if (on.method().equals("sendphoto") || on.method().equals("editmessagemedia")) {
            addPhoto(message);
        } else {
            message.put("text", "card");
        }
        ObjectNode query = JSON.createObjectNode().put("id", id).put("chat_instance", "ci").put("data", data);
        query.set("from", user(userId, languageCode));
        query.set("message", message);
        queue("callback_query", query);
        return id;
    }

    private void queue(String kind, ObjectNode payload) {
        ObjectNode update = JSON.createObjectNode().put("update_id", updateIds.getAndIncrement());
        update.set(kind, payload);
        synchronized (updates) {
            updates.add(update);
            updates.notifyAll();
        }
    }

    /**
     * @param userId who typed
     * @param chatId where
     * @param text   what
     * @return a message update as Telegram posts it to a webhook
     */
    public static String webhookUpdate(long userId, long chatId, String text) {
        ObjectNode message = JSON.createObjectNode().put("message_id", 1).put("date", 1_700_000_000).put("text", text);
        message.set("from", user(userId, "en"));
        message.set("chat", chat(chatId));
        ObjectNode update = JSON.createObjectNode().put("update_id", 900_000);
        update.set("message", message);
        return update.toString();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher file = FILE_PATH.matcher(exchange.getRequestURI().getPath());
            if (file.matches()) {
                download(exchange, file.group(1), file.group(2));
                return;
            }
            Matcher path = PATH.matcher(exchange.getRequestURI().getPath());
            if (!path.matches() || !path.group(1).equals(token)) {
                reply(exchange, 401, error(401, "Unauthorized"));
                return;
            }
            String method = path.group(2).toLowerCase(Locale.ROOT);
            byte[] body = exchange.getRequestBody().readAllBytes();
            Map<String, String> fields = new HashMap<>();
            Map<String, Upload> files = new HashMap<>();
            String type = exchange.getRequestHeaders().getFirst("Content-Type");
            if (type != null && type.startsWith("multipart/form-data")) {
                multipart(body, type.substring(type.indexOf("boundary=") + 9), fields, files);
            } else if (body.length > 0) {
                JSON.readTree(body).properties().forEach(e -> fields.put(e.getKey(),
                        e.getValue().isValueNode() ? e.getValue().asText() : e.getValue().toString()));
            }
            AtomicInteger before = answeredBeforeTooMany.get(method);
            Integer retryAfter = before != null && before.getAndDecrement() > 0 ? null : tooManyRequests.remove(method);
            if (retryAfter != null) {
                calls.add(new Call(method + "#429", fields, files, System.nanoTime()));
                ObjectNode error = error(429, "Too Many Requests: retry after " + retryAfter);
                error.putObject("parameters").put("retry_after", retryAfter);
                reply(exchange, 429, error);
                return;
            }
            JsonNode result = answer(method, fields);
            if (!method.equals("getupdates")) {
                if (result.has("message_id")) {
                    fields.put("_message_id", result.get("message_id").asText());
                }
                calls.add(new Call(method, fields, files, System.nanoTime()));
            }
            ObjectNode ok = JSON.createObjectNode().put("ok", true);
            ok.set("result", result);
            reply(exchange, 200, ok);
        } catch (RuntimeException | InterruptedException e) {
            reply(exchange, 500, error(500, "fake failed: " + e));
        }
    }

    private JsonNode answer(String method, Map<String, String> fields) throws InterruptedException {
        return switch (method) {
            case "getme" -> user(42, null).put("is_bot", true).put("username", BOT_USERNAME).put("first_name", "Parley");
            case "getupdates" -> updates(fields);
            case "getfile" -> {
                byte[] bytes = documents.get(fields.get("file_id"));
                if (bytes == null) {
                    throw new IllegalArgumentException("no file " + fields.get("file_id"));
                }
                yield JSON.createObjectNode().put("file_id", fields.get("file_id"))
                        .put("file_unique_id", "U" + fields.get("file_id")).put("file_size", bytes.length)
                        .put("file_path", filePath(fields.get("file_id")));
            }
            case "sendmessage" -> message(messageIds.incrementAndGet(), chatOf(fields), null).put("text", fields.get("text"));
            case "sendphoto" -> addPhoto(message(messageIds.incrementAndGet(), chatOf(fields), null));
            case "senddocument" -> {
                ObjectNode m = message(messageIds.incrementAndGet(), chatOf(fields), null);
                m.putObject("document").put("file_id", "D1").put("file_unique_id", "UD1");
                yield m;
            }
            case "editmessagetext" -> message(Integer.parseInt(fields.get("message_id")), chatOf(fields), null)
                    .put("text", fields.get("text"));
            case "editmessagecaption", "editmessagemedia" ->
                    addPhoto(message(Integer.parseInt(fields.get("message_id")), chatOf(fields), null));
            default -> JSON.getNodeFactory().booleanNode(true);
        };
    }

    private void download(HttpExchange exchange, String token, String filePath) throws IOException {
        calls.add(new Call("download", Map.of("file_path", filePath), Map.of(), System.nanoTime()));
        String fileId = filePath.startsWith("documents/") && filePath.endsWith(".bin")
                ? filePath.substring("documents/".length(), filePath.length() - ".bin".length()) : "";
        byte[] bytes = documents.get(fileId);
        if (!token.equals(this.token) || bytes == null) {
            exchange.sendResponseHeaders(404, -1);
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private ArrayNode updates(Map<String, String> fields) throws InterruptedException {
        long offset = fields.containsKey("offset") ? Long.parseLong(fields.get("offset")) : 0;
        long hold = Math.min(LONGEST_HOLD.toMillis(), 1000L * Long.parseLong(fields.getOrDefault("timeout", "0")));
        long deadline = System.currentTimeMillis() + hold;
        ArrayNode result = JSON.createArrayNode();
        synchronized (updates) {
            while (true) {
                for (Iterator<ObjectNode> it = updates.iterator(); it.hasNext(); ) {
                    ObjectNode u = it.next();
                    if (u.get("update_id").asLong() < offset) {
                        it.remove(); // confirmed by the offset, as Telegram forgets them
                    } else {
                        result.add(u);
                    }
                }
                long left = deadline - System.currentTimeMillis();
                if (!result.isEmpty() || left <= 0) {
                    return result;
                }
                updates.wait(left);
            }
        }
    }

    private static long chatOf(Map<String, String> fields) {
        return Long.parseLong(fields.get("chat_id"));
    }

    private static ObjectNode message(int id, long chatId, ObjectNode from) {
        ObjectNode m = JSON.createObjectNode().put("message_id", id).put("date", 1_700_000_000);
        m.set("from", from != null ? from : user(42, null).put("is_bot", true));
        m.set("chat", chat(chatId));
        return m;
    }

    private static ObjectNode chat(long chatId) {
        return JSON.createObjectNode().put("id", chatId).put("type", chatId < 0 ? "supergroup" : "private");
    }

    private static ObjectNode addPhoto(ObjectNode message) {
        message.putArray("photo").addObject().put("file_id", "F1").put("file_unique_id", "U1").put("width", 300)
                .put("height", 300).put("file_size", 1000);
        return message;
    }

    private static ObjectNode user(long id, String languageCode) {
        ObjectNode user = JSON.createObjectNode().put("id", id).put("is_bot", false).put("first_name", "U" + id);
        if (languageCode != null) {
            user.put("language_code", languageCode);
        }
        return user;
    }

    private static ObjectNode error(int code, String description) {
        return JSON.createObjectNode().put("ok", false).put("error_code", code).put("description", description);
    }

    private static void reply(HttpExchange exchange, int status, JsonNode body) throws IOException {
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Splits a multipart body into text fields and files, byte for byte. */
    private static void multipart(byte[] body, String boundary, Map<String, String> fields, Map<String, Upload> files) {
        String raw = new String(body, StandardCharsets.ISO_8859_1);
        for (String part : raw.split("--" + Pattern.quote(boundary.replace("\"", "")))) {
            int headersEnd = part.indexOf("\r\n\r\n");
            if (headersEnd < 0) {
                continue;
            }
            String headers = part.substring(0, headersEnd);
            String content = part.substring(headersEnd + 4);
            if (content.endsWith("\r\n")) {
                content = content.substring(0, content.length() - 2);
            }
            Matcher name = Pattern.compile("name=\"([^\"]*)\"").matcher(headers);
            if (!name.find()) {
                continue;
            }
            Matcher filename = Pattern.compile("filename=\"([^\"]*)\"").matcher(headers);
            byte[] bytes = content.getBytes(StandardCharsets.ISO_8859_1);
            if (filename.find()) {
                files.put(name.group(1), new Upload(filename.group(1), bytes));
            } else {
                fields.put(name.group(1), new String(bytes, StandardCharsets.UTF_8));
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
