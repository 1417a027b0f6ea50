package dev.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import dev.parley.Parley;
import dev.parley.console.CommandClient;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The whole service for end-to-end tests: real HTTP server on a random port, a fresh database on the
 * test JVM's embedded MariaDB, a real index in a temporary data directory. Restartable on the same
 * database and data directory, to test what survives a restart.
 */
public final class TestParley implements AutoCloseable {
    public static final String TOKEN = "test-admin-token";
    public static final String GEWE_SECRET = "gewe-test-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, String> settings;
    private final Path dataDir;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private Parley parley;

    private TestParley(Map<String, String> settings, Path dataDir) {
        this.settings = settings;
        this.dataDir = dataDir;
    }

    /**
     * @param purpose names the database and the data directory
     * @param extra   more {@code parley.*} settings (keys without the {@code parley.} prefix)
     * @return a started service
     */
    public static TestParley start(String purpose, Map<String, String> extra) {
        try {
            Path dataDir = Files.createTempDirectory(TestDirs.root(), purpose + "-");
            Map<String, String> settings = new HashMap<>();
            settings.put("parley.port", "0");
            settings.put("parley.host", "127.0.0.1");
            settings.put("parley.data.dir", dataDir.toString());
            settings.put("parley.db.url", TestDatabase.createUrl(purpose));
            settings.put("parley.db.user", "root");
            settings.put("parley.admin.token", TOKEN);
            settings.put("parley.gewe.webhook.secret", GEWE_SECRET);
            settings.put("parley.timezone", "Asia/Shanghai");
            settings.put("parley.commands.rate.burst", "100000"); // tests poll; people don't
            settings.put("parley.commands.rate.per.minute", "100000");
            extra.forEach((k, v) -> settings.put("parley." + k, v));
            TestParley app = new TestParley(settings, dataDir);
            app.restart();
            return app;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * @param purpose names the database and the data directory
     * @return a started service with default settings
     */
    public static TestParley start(String purpose) {
        return start(purpose, Map.of());
    }

    /** Stops the service if running and starts it again on the same database and data directory. */
    public void restart() {
        if (parley != null) {
            parley.close();
        }
        Config config = Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .sources(ConfigSources.create(settings), ConfigSources.classpath("application.yaml"))
                .build();
        parley = Parley.start(config);
    }

    /** @return the running service */
    public Parley parley() {
        return parley;
    }

    /** @return the data directory */
    public Path dataDir() {
        return dataDir;
    }

    /** @return the base URI of the HTTP server */
    public URI uri() {
        return URI.create("http://127.0.0.1:" + parley.port());
    }

    /** @return a client of the HTTP command channel */
    public CommandClient commands() {
        return new CommandClient(uri(), TOKEN);
    }

    /**
     * Runs a command as {@code http:admin} (the first owner).
     *
     * @param text   the command
     * @param locale the locale
     * @return the answer
     */
    public CommandClient.Response run(String text, String locale) {
        try {
            return commands().run(text, locale, "admin");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Posts a GeWe callback to the webhook.
     *
     * @param body the callback JSON
     * @return status and body
     */
    public Reply postGewe(String body) {
        return post("/webhooks/gewe/" + GEWE_SECRET, body.getBytes(StandardCharsets.UTF_8), Map.of());
    }

    /**
     * @param path    a path on the server
     * @param body    the body
     * @param headers extra headers
     * @return status and body
     */
    public Reply post(String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri().resolve(path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request.build());
    }

    /**
     * @param path a path on the server
     * @return status and body
     */
    public Reply get(String path) {
        return send(HttpRequest.newBuilder(uri().resolve(path)).timeout(Duration.ofSeconds(30)).GET().build());
    }

    private Reply send(HttpRequest request) {
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Reply(response.statusCode(), response.body(), response.headers().firstValue("content-type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param sql a query returning one number
     * @return its value
     */
    public long count(String sql) {
        return parley.db().jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    @Override
    public void close() {
        if (parley != null) {
            parley.close();
        }
    }

    /**
     * An HTTP answer.
     *
     * @param status      the status
     * @param body        the body
     * @param contentType the content type
     */
    public record Reply(int status, String body, String contentType) {
        /** @return the body as JSON */
        public JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
