package dev.parley.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.parley.connector.gewe.GeweCallbackFixtures;
import dev.parley.deploy.DeployFiles;
import dev.parley.testing.TestParley;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code /health} and {@code /metrics} of a running server, checked the way operators' tools read them. */
class OperationsTest {
    private static TestParley app;

    @BeforeAll
    static void start() {
        app = TestParley.start("ops");
        app.postGewe(GeweCallbackFixtures.privateText("wx_ops", "wxid_ops", "wxid_c", "hi", "1", 1_763_800_000L));
        app.postGewe(GeweCallbackFixtures.privateText("wx_ops", "wxid_ops", "wxid_c", "hi", "1", 1_763_800_000L));
        app.run("/whoami", "en");
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void healthReportsEveryPart() {
        TestParley.Reply health = app.get("/health");
        assertThat(health.status()).isEqualTo(200);
        JsonNode json = health.json();
        assertThat(json.get("status").asText()).isEqualTo("UP");
        for (String part : new String[] {"db", "index", "connectors", "channels"}) {
            assertThat(json.has(part)).as(part).isTrue();
            assertThat(json.get(part).get("status").asText()).as(part).isIn("UP", "DEGRADED");
        }
    }

    @Test
    void metricsUseTheCoreNamesAndCoverEveryNameTheDeployFilesQueryThatExistsYet() throws Exception {
        TestParley.Reply metrics = app.get("/metrics");
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.contentType()).startsWith("text/plain");
        Set<String> names = typeNames(metrics.body());
        assertThat(names).contains("parley_messages_ingested_total", "parley_messages_duplicate_total",
                "parley_ingest_commit_seconds", "parley_index_lag_seconds", "parley_accounts",
                "parley_commands_total", "parley_webhook_requests_total", "jvm_memory_used_bytes");
        assertThat(metrics.body()).contains("parley_messages_ingested_total{platform=\"wechat\"} 1.0")
                .contains("parley_messages_duplicate_total{platform=\"wechat\"} 1.0")
                .contains("parley_commands_total{channel=\"http\",result=\"ok\"}");
        // names the alert rules and the dashboard use, for features that exist, must be exposed
        // labelled families appear in a scrape only once they have a sample; this scenario sends nothing, binds no
        // chat and raises no alert, and AI drafts do not exist yet
        Set<String> later = Set.of("parley_outbound_sent_total", "parley_outbound_queue_depth", "parley_ai_tokens_total",
                "parley_approvals_pending", "parley_alerts_sent_total", "parley_channel_deliveries_total");
        Set<String> referenced = new TreeSet<>(DeployFiles.referencedMetricNames());
        referenced.removeAll(later);
        assertThat(names).containsAll(referenced);
    }

    @Test
    void metricsPassPromtool() throws Exception {
        Path promtool = findPromtool();
        Path file = Files.createTempFile("metrics", ".txt");
        Files.writeString(file, app.get("/metrics").body(), StandardCharsets.UTF_8);
        Process check = new ProcessBuilder(promtool.toString(), "check", "metrics").redirectInput(file.toFile())
                .redirectErrorStream(true).start();
        String output = new String(check.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(check.waitFor()).as(output).isZero();
    }

    private static Set<String> typeNames(String exposition) {
        Set<String> names = new TreeSet<>();
        Matcher m = Pattern.compile("^# TYPE (\\S+) (\\S+)$", Pattern.MULTILINE).matcher(exposition);
        while (m.find()) {
            names.add(m.group(2).equals("counter") && !m.group(1).endsWith("_total") ? m.group(1) + "_total" : m.group(1));
        }
        return names;
    }

    private static Path findPromtool() throws IOException {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
            Path candidate = Path.of(dir, "promtool");
            if (Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        if ("1".equals(System.getenv("PARLEY_REQUIRE_PROMTOOL"))) {
            throw new IOException("promtool is required (PARLEY_REQUIRE_PROMTOOL=1) but not on PATH;"
                    + " install the Debian package 'prometheus'");
        }
        Assumptions.abort("promtool not installed (Debian package 'prometheus'); metrics format not checked");
        return null;
    }
}
