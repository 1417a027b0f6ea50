package dev.parley.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import dev.parley.Parley;
import dev.parley.log.LogSetup;
import dev.parley.message.ChatType;
import dev.parley.message.Direction;
import dev.parley.search.SearchQuery;
import dev.parley.search.SearchService;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code ./parley bench}: measures the two numbers that matter on the machine at hand, each next to a
 * baseline taken in the same run on the same MariaDB (these machines are noisy, so only side-by-side
 * figures mean anything):
 * <ol>
 *   <li>ingestion through the real webhook path (HTTP, parsing, group commit, durable before the 200)
 *       with many concurrent senders, next to raw batched INSERTs into the same table (the ceiling);</li>
 *   <li>{@code /search} latency through the HTTP command channel over a million messages, next to SQL
 *       {@code LIKE '%…%'} doing the same job (count and newest ten);</li>
 *   <li>{@code /stats group … 365d} over a year of one group's history, from the daily aggregates, next to the same
 *       figures by GROUP BY over the raw tables ({@link StatsBench}).</li>
 * </ol>
 * It starts a complete Parley with an embedded MariaDB in a temporary directory and deletes it after.
 * Options: {@code --messages N} (webhook messages, default 100000), {@code --senders N} (default 64),
 * {@code --docs N} (messages to search over, default 1000000), {@code --queries N} (default 1000),
 * {@code --like N} (LIKE queries, default 20), {@code --stats-messages N} (default 1000000), {@code --stats-events N}
 * (membership events, default 100000), {@code --stats-queries N} (default 50), {@code --stats-only} (only the
 * statistics section), {@code --keep} (keep the data directory).
 */
public final class Bench {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "bench";
    private static final String TOKEN = "bench-token";
    /** Callbacks posted before measuring, so the JIT has compiled the hot paths. */
    private static final int WARMUP = 30_000;

    private final Map<String, Long> options;
    private final boolean keep;
    private final boolean statsOnly;
    private final StringBuilder report = new StringBuilder();

    private Bench(Map<String, Long> options, boolean keep, boolean statsOnly) {
        this.options = options;
        this.keep = keep;
        this.statsOnly = statsOnly;
    }

    /**
     * @param args see the class documentation
     * @throws Exception when the benchmark cannot run
     */
    public static void main(String[] args) throws Exception {
        Map<String, Long> options = new HashMap<>(Map.of("messages", 100_000L, "senders", 64L, "docs", 1_000_000L,
                "queries", 1000L, "like", 20L, "stats-messages", 1_000_000L, "stats-events", 100_000L, "stats-queries", 50L));
        boolean keep = false;
        boolean statsOnly = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--keep")) {
                keep = true;
            } else if (args[i].equals("--stats-only")) {
                statsOnly = true;
            } else if (args[i].startsWith("--") && i + 1 < args.length && options.containsKey(args[i].substring(2))) {
                options.put(args[i].substring(2), Long.parseLong(args[++i].replace("_", "")));
            } else {
                System.err.println("usage: ./parley bench [--messages N] [--senders N] [--docs N] [--queries N]"
                        + " [--like N] [--stats-messages N] [--stats-events N] [--stats-queries N] [--stats-only] [--keep]");
                System.exit(2);
            }
        }
        LogSetup.configure("WARNING");
        new Bench(options, keep, statsOnly).run();
    }

    private void run() throws Exception {
        Path data = Files.createTempDirectory("parley-bench-");
        line("Parley benchmark — %d cores, %s, Java %s, %s", Runtime.getRuntime().availableProcessors(),
                System.getProperty("os.arch"), Runtime.version(), Instant.now());
        line("data in %s (embedded MariaDB, durable: innodb_flush_log_at_trx_commit=1)", data);
        Map<String, String> settings = Map.of(
                "parley.port", "0",
                "parley.host", "127.0.0.1",
                "parley.data.dir", data.toString(),
                "parley.admin.token", TOKEN,
                "parley.gewe.webhook.secret", SECRET,
                "parley.db.embedded.buffer.pool", "1G",
                "parley.ingest.queue.max", "200000",
                "parley.commands.rate.burst", "1000000",
                "parley.commands.rate.per.minute", "1000000");
        Config config = Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .sources(ConfigSources.create(settings), ConfigSources.classpath("application.yaml")).build();
        try {
            try (Parley parley = Parley.start(config)) {
                if (!statsOnly) {
                    ingestion(parley);
                    search(parley);
                }
                new StatsBench(parley, TOKEN, this::line, Bench::progress).run(options.get("stats-messages"),
                        options.get("stats-events"), (int) (long) options.get("stats-queries"));
            }
            if (!statsOnly) {
                rebuild(config, data);
            }
        } finally {
            System.out.println();
            System.out.println(report);
            if (!keep) {
                deleteTree(data);
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- ingestion

    private void ingestion(Parley parley) throws Exception {
        int messages = (int) (long) options.get("messages");
        int senders = (int) (long) options.get("senders");
        SyntheticChat chat = SyntheticChat.builder().seed(7).accounts(4).build();
        progress("generating %,d webhook bodies", messages + WARMUP);
        List<byte[]> warmup = callbacks(chat.iterator(WARMUP), "warm");
        List<byte[]> bodies = callbacks(SyntheticChat.builder().seed(11).accounts(4).build().iterator(messages), "m");
        String webhook = "/webhooks/gewe/" + SECRET;
        progress("warming up");
        post(parley.port(), webhook, warmup, senders);
        progress("posting %,d callbacks from %d concurrent senders", messages, senders);
        Posted posted = post(parley.port(), webhook, bodies, senders);
        long stored = parley.db().jdbi().withHandle(h -> h.createQuery(
                "SELECT COUNT(*) FROM messages WHERE platform_msg_id LIKE 'm%'").mapTo(Long.class).one());

        progress("raw batched INSERT of %,d rows (baseline)", messages);
        double rawRate = rawInsert(parley, SyntheticChat.builder().seed(13).accounts(4).build().iterator(messages),
                "raw", messages);

        line("");
        line("Ingestion: %,d GeWe text callbacks after %,d to warm up; %d concurrent keep-alive HTTP/1.1 senders"
                + " in the same JVM", messages, WARMUP, senders);
        line("  %-42s %12s   %s", "path", "rate", "ack latency");
        line("  %-42s %,9.0f msg/s   p50 %.1f ms · p99 %.1f ms · max %.1f ms", "webhook, durable before 200 (Parley)",
                messages / posted.seconds, posted.percentile(50), posted.percentile(99), posted.percentile(100));
        line("  %-42s %,9.0f row/s   (the ceiling: same MariaDB, batches of 1,000)", "raw batched INSERT (baseline)",
                rawRate);
        line("  errors %d · stored %,d of %,d", posted.errors, stored, messages);
    }

    private List<byte[]> callbacks(Iterator<SyntheticMessage> source, String idPrefix) {
        List<byte[]> bodies = new ArrayList<>();
        int n = 0;
        while (source.hasNext()) {
            SyntheticMessage m = source.next();
            String appId = "wx_bench_" + m.account();
            String self = "wxid_bench_" + m.account();
            boolean group = m.chatType() == ChatType.GROUP;
            boolean out = m.direction() == Direction.OUT;
            String text = m.text() == null ? "[图片]" : m.text();
            ObjectNode data = JSON.createObjectNode();
            data.put("MsgId", n);
            data.putObject("FromUserName").put("string", out ? self : group ? m.chatId() : m.senderId());
            data.putObject("ToUserName").put("string", out ? m.chatId() : self);
            data.put("MsgType", 1);
            data.putObject("Content").put("string", group && !out ? m.senderId() + ":\n" + text : text);
            data.put("CreateTime", m.sentAt() / 1000);
            data.put("PushContent", m.senderName() + " : " + text);
            data.put("MsgSource", "<msgsource></msgsource>");
            data.put("NewMsgId", idPrefix + n++);
            ObjectNode envelope = JSON.createObjectNode().put("TypeName", "AddMsg").put("Appid", appId).put("Wxid", self);
            envelope.set("Data", data);
            bodies.add(envelope.toString().getBytes(StandardCharsets.UTF_8));
        }
        return bodies;
    }

    /**
     * Posts every body once, from {@code senders} virtual threads that each keep one HTTP/1.1 connection
     * open. A plain socket client, so the load generator takes little of the CPU it shares with the server.
     */
    private static Posted post(int port, String path, List<byte[]> bodies, int senders) throws InterruptedException {
        long[] latencies = new long[bodies.size()];
        AtomicInteger next = new AtomicInteger();
        AtomicLong errors = new AtomicLong();
        CountDownLatch done = new CountDownLatch(senders);
        long started = System.nanoTime();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int s = 0; s < senders; s++) {
                pool.execute(() -> {
                    try (KeepAliveClient client = new KeepAliveClient(port)) {
                        int i;
                        while ((i = next.getAndIncrement()) < bodies.size()) {
                            long t = System.nanoTime();
                            if (client.post(path, bodies.get(i)) != 200) {
                                errors.incrementAndGet();
                            }
                            latencies[i] = System.nanoTime() - t;
                        }
                    } catch (IOException e) {
                        errors.incrementAndGet();
                    } finally {
                        done.countDown();
                    }
                });
            }
            done.await();
        }
        return new Posted((System.nanoTime() - started) / 1e9, latencies, errors.get());
    }

    /** Inserts rows the fastest plain way: JDBC batches of 1,000, one commit per batch; returns rows/s. */
    private static double rawInsert(Parley parley, Iterator<SyntheticMessage> source, String idPrefix, long count)
            throws SQLException {
        long account = parley.db().jdbi().withHandle(h -> h.createUpdate("""
                        INSERT INTO accounts (platform, external_id, status, created_at) VALUES ('wechat', :ext, 'online', 0)
                        ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)""")
                .bind("ext", "wx_raw_" + idPrefix).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        long started = System.nanoTime();
        long n = 0;
        try (Connection c = parley.db().dataSource().getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement insert = c.prepareStatement("""
                    INSERT INTO messages (account_id, platform_msg_id, chat_id, chat_type, sender_id, sender_name,
                      direction, msg_type, text, raw, sent_at, received_at) VALUES (?,?,?,?,?,?,?,?,?,?,?,?)""")) {
                while (source.hasNext()) {
                    SyntheticMessage m = source.next();
                    insert.setLong(1, account);
                    insert.setString(2, idPrefix + n++);
                    insert.setString(3, m.chatId());
                    insert.setString(4, m.chatType().code());
                    insert.setString(5, m.senderId());
                    insert.setString(6, m.senderName());
                    insert.setString(7, m.direction().code());
                    insert.setString(8, m.type().code());
                    insert.setString(9, m.text());
                    insert.setString(10, "{\"MsgType\":1,\"Content\":{\"string\":\"" + (m.text() == null ? "" : "…") + "\"}}");
                    insert.setLong(11, m.sentAt());
                    insert.setLong(12, m.sentAt());
                    insert.addBatch();
                    if (n % 1000 == 0 || !source.hasNext()) {
                        insert.executeBatch();
                        c.commit();
                    }
                    if (n % 200_000 == 0) {
                        progress("  %,d of %,d rows", n, count);
                    }
                }
            }
        }
        return n / ((System.nanoTime() - started) / 1e9);
    }

    // ---------------------------------------------------------------------------------------------- search

    private void search(Parley parley) throws Exception {
        long docs = options.get("docs");
        long existing = parley.db().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM messages")
                .mapTo(Long.class).one());
        long toLoad = Math.max(0, docs - existing);
        progress("loading %,d more messages for search (raw batched INSERT)", toLoad);
        SyntheticChat corpus = SyntheticChat.builder().seed(17).accounts(4).build();
        double loadRate = rawInsert(parley, corpus.iterator(toLoad), "s", toLoad);
        long maxId = parley.db().jdbi().withHandle(h -> h.createQuery("SELECT MAX(id) FROM messages").mapTo(Long.class).one());
        long total = parley.db().jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM messages").mapTo(Long.class).one());
        progress("waiting for the index to catch up with %,d messages", total);
        long indexStart = System.nanoTime();
        parley.index().notifyCommitted(maxId);
        awaitIndexed(parley, maxId);
        double indexSeconds = (System.nanoTime() - indexStart) / 1e9;

        List<String> queries = queries(corpus, (int) (long) options.get("queries"));
        URI api = URI.create("http://127.0.0.1:" + parley.port() + "/api/commands");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        progress("warming up search");
        for (int i = 0; i < Math.min(200, queries.size()); i++) {
            searchOverHttp(http, api, queries.get(i));
        }
        progress("running %,d /search commands over HTTP", queries.size());
        long[] httpLatencies = new long[queries.size()];
        long hits = 0;
        for (int i = 0; i < queries.size(); i++) {
            long t = System.nanoTime();
            hits += searchOverHttp(http, api, queries.get(i));
            httpLatencies[i] = System.nanoTime() - t;
        }
        SearchService service = SearchService.create(parley.index(), parley.db().jdbi());
        long[] serviceLatencies = new long[queries.size()];
        for (int i = 0; i < queries.size(); i++) {
            long t = System.nanoTime();
            service.search(SearchQuery.of(queries.get(i)));
            serviceLatencies[i] = System.nanoTime() - t;
        }
        int likeCount = (int) (long) options.get("like");
        progress("running %d SQL LIKE queries (count + newest 10, like /search)", likeCount);
        long[] likeLatencies = new long[likeCount];
        for (int i = 0; i < likeCount; i++) {
            long t = System.nanoTime();
            like(parley, queries.get(i * queries.size() / likeCount));
            likeLatencies[i] = System.nanoTime() - t;
        }
        Posted httpSearch = new Posted(0, httpLatencies, 0);
        Posted inProcess = new Posted(0, serviceLatencies, 0);
        Posted likeSearch = new Posted(0, likeLatencies, 0);

        line("");
        line("Search over %,d messages (bulk-loaded at %,.0f rows/s; the index tailed the load and was caught up"
                + " %.1f s after the last insert)", total, loadRate, indexSeconds);
        line("  %-42s %s", "path", "latency per query (count + newest 10 with chat, sender, time, snippet)");
        line("  %-42s p50 %7.2f ms · p99 %7.2f ms  (%,d queries, %.1f hits on average)", "/search via POST /api/commands",
                httpSearch.percentile(50), httpSearch.percentile(99), queries.size(), hits / (double) queries.size());
        line("  %-42s p50 %7.2f ms · p99 %7.2f ms", "SearchService in process", inProcess.percentile(50),
                inProcess.percentile(99));
        line("  %-42s p50 %7.2f ms · p99 %7.2f ms  (%d queries)", "SQL LIKE '%…%' (baseline)",
                likeSearch.percentile(50), likeSearch.percentile(99), likeCount);
        line("  /search is %.0f× faster than LIKE at p50 and %.0f× at p99",
                likeSearch.percentile(50) / httpSearch.percentile(50), likeSearch.percentile(99) / httpSearch.percentile(99));
    }

    /** Deletes the index and restarts: how long a rebuild from MariaDB takes (the index is derived data). */
    private void rebuild(Config config, Path data) throws Exception {
        deleteTree(data.resolve("index"));
        progress("index deleted; restarting to rebuild it from MariaDB");
        long started = System.nanoTime();
        try (Parley parley = Parley.start(config)) {
            double startSeconds = (System.nanoTime() - started) / 1e9;
            long maxId = parley.db().jdbi().withHandle(h -> h.createQuery("SELECT MAX(id) FROM messages")
                    .mapTo(Long.class).one());
            long docs = parley.index().status().total();
            awaitIndexed(parley, maxId);
            double seconds = (System.nanoTime() - started) / 1e9;
            line("");
            line("Index rebuild after deleting data/index: %,d messages searchable again %.1f s after the restart"
                    + " began (service up after %.1f s; %,.0f messages/s, restart included)", docs, seconds, startSeconds,
                    docs / seconds);
        }
    }

    private static void awaitIndexed(Parley parley, long maxId) throws InterruptedException {
        if (!parley.index().awaitIndexed(maxId, Duration.ofMinutes(30))) {
            throw new IllegalStateException("index did not catch up within 30 minutes: " + parley.index().status());
        }
    }

    private static List<String> queries(SyntheticChat corpus, int count) {
        List<String> sample = new ArrayList<>();
        corpus.messages(20_000).map(SyntheticMessage::text).filter(t -> t != null).forEach(sample::add);
        List<String> queries = new ArrayList<>(SyntheticChat.occurringSubstrings(sample, count * 3 / 4, 2, 4, new Random(5)));
        Random random = new Random(9);
        while (queries.size() < count) {
            queries.add(SyntheticChat.randomPair(random));
        }
        return queries;
    }

    private static long searchOverHttp(HttpClient http, URI api, String query) throws IOException, InterruptedException {
        String body = JSON.createObjectNode().put("text", "/search " + query).put("locale", "en").toString();
        HttpRequest request = HttpRequest.newBuilder(api).header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("\"result\":\"ok\"")) {
            throw new IllegalStateException("search failed: " + response.statusCode() + " " + response.body());
        }
        return JSON.readTree(response.body()).path("card").path("fields").size();
    }

    private static void like(Parley parley, String query) throws SQLException {
        String pattern = "%" + query.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%";
        try (Connection c = parley.db().dataSource().getConnection();
             PreparedStatement count = c.prepareStatement("SELECT COUNT(*) FROM messages WHERE text LIKE ?");
             PreparedStatement top = c.prepareStatement(
                     "SELECT id, chat_id, sender_id, text, sent_at FROM messages WHERE text LIKE ?"
                             + " ORDER BY sent_at DESC, id DESC LIMIT 10")) {
            count.setString(1, pattern);
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
            }
            top.setString(1, pattern);
            try (ResultSet rs = top.executeQuery()) {
                while (rs.next()) {
                    rs.getString(4);
                }
            }
        }
    }

    // ---------------------------------------------------------------------------------------------- output

    private void line(String format, Object... args) {
        report.append(String.format(Locale.ROOT, format, args)).append('\n');
    }

    private void line(String text) {
        report.append(text).append('\n');
    }

    private static void progress(String format, Object... args) {
        System.err.println("bench: " + String.format(Locale.ROOT, format, args));
    }

    private static void progress(String text) {
        System.err.println("bench: " + text);
    }

    private static void deleteTree(Path root) throws IOException {
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    /** A minimal HTTP/1.1 client on one kept-alive socket: enough for POSTs with a Content-Length answer. */
    private static final class KeepAliveClient implements AutoCloseable {
        private final java.net.Socket socket;
        private final java.io.OutputStream out;
        private final java.io.BufferedInputStream in;

        KeepAliveClient(int port) throws IOException {
            socket = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port);
            socket.setTcpNoDelay(true);
            out = new java.io.BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
            in = new java.io.BufferedInputStream(socket.getInputStream(), 16 * 1024);
        }

        int post(String path, byte[] body) throws IOException {
            out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                    + "Content-Length: " + body.length + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.write(body);
            out.flush();
            String status = readLine();
            int code = Integer.parseInt(status.substring(9, 12));
            int length = 0;
            String header;
            while (!(header = readLine()).isEmpty()) {
                if (header.regionMatches(true, 0, "content-length:", 0, 15)) {
                    length = Integer.parseInt(header.substring(15).trim());
                }
            }
            in.readNBytes(length);
            return code;
        }

        private String readLine() throws IOException {
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) != '\n') {
                if (c == -1) {
                    throw new IOException("connection closed");
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Latencies of one run. */
    private record Posted(double seconds, long[] latencies, long errors) {
        double percentile(int p) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            int index = Math.min(sorted.length - 1, Math.max(0, (int) Math.ceil(p / 100.0 * sorted.length) - 1));
            return sorted[index] / 1e6;
        }
    }
}
