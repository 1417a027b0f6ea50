package dev.parley.deploy;

import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.parley.testing.TestDirs;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Keeps {@code deploy/} honest: Prometheus files pass promtool (syntax and the rule unit tests), every
 * YAML and JSON file parses, every {@code PARLEY_*} variable mentioned is one the service reads, and
 * every metric the rules and the dashboard query is one Parley exposes or plans to.
 */
class DeployFilesTest {
    /** Metric families of DESIGN.md plus the ones being added; rules and dashboards may use only these. */
    private static final Set<String> KNOWN_METRICS = Set.of(
            "parley_messages_ingested_total",
            "parley_messages_duplicate_total",
            "parley_ingest_commit_seconds",
            "parley_ingest_queue_depth",
            "parley_index_lag_seconds",
            "parley_index_documents",
            "parley_accounts",
            "parley_outbound_sent_total",
            "parley_outbound_queue_depth",
            "parley_commands_total",
            "parley_ai_tokens_total",
            "parley_ai_requests_total",
            "parley_approvals_pending",
            "parley_approval_latency_seconds",
            "parley_alerts_sent_total",
            "parley_webhook_requests_total",
            "parley_channel_deliveries_total");

    private static final Pattern ENV_VAR = Pattern.compile("\\bPARLEY_[A-Z0-9_]+");
    private static final String DASHBOARD_DATASOURCE = "${DS_PROMETHEUS}";

    // ---- promtool ------------------------------------------------------------------------------

    @Test
    void alertRulesPassPromtool() {
        promtool("check", "rules", "deploy/prometheus/rules.yml");
    }

    @Test
    void prometheusConfigPassesPromtool() {
        // rule_files are relative to the config file's directory, so this works from the repo root.
        promtool("check", "config", "deploy/prometheus/prometheus.yml");
    }

    @Test
    void alertRulesPassTheirUnitTests() {
        promtool("test", "rules", "deploy/prometheus/rules.test.yml");
    }

    /** Dashboard queries are PromQL too: check each as a recording rule, Grafana's variables filled in. */
    @Test
    void dashboardQueriesAreValidPromql() throws IOException {
        List<String> exprs = DeployFiles.dashboardExpressions();
        assertThat(exprs).isNotEmpty();
        StringBuilder rules = new StringBuilder("groups:\n  - name: dashboard\n    rules:\n");
        for (int i = 0; i < exprs.size(); i++) {
            String promql = exprs.get(i)
                    .replace("$__rate_interval", "5m")
                    .replace("$__interval", "1m")
                    .replace("$instance", ".*");
            assertThat(promql).as("unknown Grafana variable in %s", exprs.get(i)).doesNotContain("$");
            rules.append("      - record: dashboard:query").append(i).append('\n')
                    .append("        expr: '").append(promql.replace("'", "''")).append("'\n");
        }
        Path file = Files.createDirectories(TestDirs.root().resolve("deploy")).resolve("dashboard-queries.yml");
        Files.writeString(file, rules);
        promtool("check", "rules", file.toString());
    }

    // ---- syntax --------------------------------------------------------------------------------

    @Test
    void everyYamlFileParses() throws IOException {
        List<Path> files = DeployFiles.files(".yaml", ".yml");
        assertThat(files).extracting(p -> p.getFileName().toString())
                .contains("compose.yaml", "rules.yml", "prometheus.yml", "statefulset.yaml");
        for (Path file : files) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                int documents = 0;
                for (Object doc : new Yaml().loadAll(in)) {
                    documents += doc == null ? 0 : 1;
                }
                assertThat(documents).as("YAML documents in %s", file).isPositive();
            } catch (RuntimeException e) {
                fail("%s is not valid YAML: %s", file, e.getMessage());
            }
        }
    }

    @Test
    void everyJsonFileParses() {
        List<Path> files = DeployFiles.files(".json");
        assertThat(files).extracting(p -> p.getFileName().toString()).contains("parley.json");
        ObjectMapper strict = new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        for (Path file : files) {
            try {
                strict.readTree(file.toFile());
            } catch (IOException e) {
                fail("%s is not valid JSON: %s", file, e.getMessage());
            }
        }
    }

    @Test
    void dashboardUsesOneDatasourceVariable() {
        JsonNode dashboard = DeployFiles.readJson(DeployFiles.dashboardFile());
        assertThat(dashboard.path("schemaVersion").asInt()).isGreaterThanOrEqualTo(36);
        assertThat(dashboard.path("templating").path("list").findValuesAsText("name")).contains("DS_PROMETHEUS");
        Set<Integer> ids = new TreeSet<>();
        for (JsonNode panel : dashboard.path("panels")) {
            assertThat(ids.add(panel.path("id").asInt())).as("panel id %s is unique", panel.path("id")).isTrue();
            if (panel.path("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.path("datasource").path("uid").asText()).as("datasource of %s", panel.path("title"))
                    .isEqualTo(DASHBOARD_DATASOURCE);
            for (JsonNode target : panel.path("targets")) {
                assertThat(target.path("datasource").path("uid").asText()).as("datasource of a query in %s",
                        panel.path("title")).isEqualTo(DASHBOARD_DATASOURCE);
            }
        }
    }

    /** Files the compose file mounts or builds from exist, so a moved file cannot break it silently. */
    @Test
    @SuppressWarnings("unchecked")
    void composeReferencesExistingFiles() {
        Path compose = DeployFiles.deployDir().resolve("compose/compose.yaml");
        Path dir = compose.getParent();
        Map<String, Object> doc = (Map<String, Object>) DeployFiles.loadYaml(compose);
        Map<String, Object> services = (Map<String, Object>) doc.get("services");
        List<Path> referenced = new ArrayList<>();
        for (Object value : services.values()) {
            Map<String, Object> service = (Map<String, Object>) value;
            if (service.get("build") instanceof Map<?, ?> build) {
                Path context = dir.resolve(String.valueOf(build.get("context")));
                referenced.add(context.resolve(String.valueOf(build.get("dockerfile"))));
            }
            for (Object volume : (List<Object>) service.getOrDefault("volumes", List.of())) {
                String source = String.valueOf(volume).split(":")[0];
                if (source.startsWith(".")) {
                    referenced.add(dir.resolve(source));
                }
            }
        }
        assertThat(referenced).isNotEmpty().allSatisfy(p -> assertThat(p.normalize()).exists());
    }

    // ---- contracts with the service ------------------------------------------------------------

    /** A deploy file must never document a variable the service ignores. */
    @Test
    void everyParleyVariableIsAConfigurationKey() throws IOException {
        Map<String, Object> parley = parleyConfig();
        Map<String, Set<String>> unknown = new TreeMap<>();
        int seen = 0;
        for (Path file : DeployFiles.files()) {
            Matcher m = ENV_VAR.matcher(Files.readString(file, StandardCharsets.UTF_8));
            while (m.find()) {
                seen++;
                if (!isLeafKey(parley, m.group())) {
                    unknown.computeIfAbsent(m.group(), k -> new TreeSet<>())
                            .add(DeployFiles.repoRoot().relativize(file).toString());
                }
            }
        }
        assertThat(seen).isPositive();
        assertThat(unknown)
                .as("PARLEY_* variables in deploy/ without a key in src/main/resources/application.yaml "
                        + "(PARLEY_DB_URL -> parley.db.url); add the key or drop the variable")
                .isEmpty();
    }

    /** The reference list of settings for operators is complete. */
    @Test
    void envExampleListsEverySetting() throws IOException {
        String example = Files.readString(DeployFiles.deployDir().resolve("compose/.env.example"), StandardCharsets.UTF_8);
        Set<String> missing = new TreeSet<>();
        for (String key : leafKeys(parleyConfig(), "parley")) {
            String variable = key.toUpperCase(Locale.ROOT).replace('.', '_');
            if (!Pattern.compile("\\b" + variable + "=").matcher(example).find()) {
                missing.add(variable);
            }
        }
        assertThat(missing).as("settings of application.yaml not documented in deploy/compose/.env.example").isEmpty();
    }

    @Test
    void rulesAndDashboardUseKnownMetrics() {
        Set<String> names = DeployFiles.referencedMetricNames();
        assertThat(names).contains("parley_ingest_commit_seconds", "parley_accounts", "parley_webhook_requests_total");
        assertThat(names).as("metrics queried by rules.yml or parley.json that Parley does not define")
                .isSubsetOf(KNOWN_METRICS);
    }

    @Test
    void metricNamesAreReducedToTheirFamily() {
        assertThat(DeployFiles.metricNamesIn(
                "histogram_quantile(0.99, sum by (le) (rate(parley_ingest_commit_seconds_bucket{job=\"parley\"}[5m])))"
                        + " / parley_ingest_commit_seconds_count + parley_messages_ingested_total"))
                .containsExactly("parley_ingest_commit_seconds", "parley_messages_ingested_total");
        assertThat(DeployFiles.configKey("PARLEY_GEWE_WEBHOOK_SECRET")).isEqualTo("parley.gewe.webhook.secret");
    }

    // ---- helpers -------------------------------------------------------------------------------

    @SuppressWarnings("unchecked")
    private static Map<String, Object> parleyConfig() {
        Map<String, Object> doc = (Map<String, Object>) DeployFiles.loadYaml(
                DeployFiles.repoRoot().resolve("src/main/resources/application.yaml"));
        return (Map<String, Object>) doc.get("parley");
    }

    /** PARLEY_DB_URL names a setting when parley: db: url: exists and is a value, not a section. */
    @SuppressWarnings("unchecked")
    private static boolean isLeafKey(Map<String, Object> parley, String variable) {
        String[] path = DeployFiles.configKey(variable).split("\\.", -1);
        Object node = parley;
        for (int i = 1; i < path.length; i++) { // path[0] is "parley"
            if (!(node instanceof Map<?, ?> map) || !map.containsKey(path[i])) {
                return false;
            }
            node = ((Map<String, Object>) map).get(path[i]);
        }
        return path.length > 1 && !(node instanceof Map);
    }

    @SuppressWarnings("unchecked")
    private static List<String> leafKeys(Map<String, Object> section, String prefix) {
        List<String> keys = new ArrayList<>();
        section.forEach((k, v) -> {
            if (v instanceof Map) {
                keys.addAll(leafKeys((Map<String, Object>) v, prefix + "." + k));
            } else {
                keys.add(prefix + "." + k);
            }
        });
        return keys;
    }

    /** Runs promtool from the repository root and fails with its output unless it exits 0. */
    private static void promtool(String... args) {
        Path promtool = findOnPath("promtool");
        if (promtool == null) {
            if ("1".equals(System.getenv("PARLEY_REQUIRE_PROMTOOL"))) {
                fail("promtool is not on PATH but PARLEY_REQUIRE_PROMTOOL=1; install the Debian package "
                        + "'prometheus' (apt-get install prometheus)");
            }
            assumeTrue(false, "promtool not on PATH (Debian package 'prometheus'); skipped");
        }
        List<String> command = new ArrayList<>();
        command.add(promtool.toString());
        command.addAll(List.of(args));
        try {
            Path output = Files.createTempFile(Files.createDirectories(TestDirs.root().resolve("deploy")), "promtool", ".out");
            Process process = new ProcessBuilder(command)
                    .directory(DeployFiles.repoRoot().toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(output.toFile())
                    .start();
            if (!process.waitFor(2, TimeUnit.MINUTES)) {
                process.destroyForcibly();
                fail("%s did not finish within 2 minutes", String.join(" ", command));
            }
            String text = Files.readString(output, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("%s exited with:%n%s", String.join(" ", command), text).isZero();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path findOnPath(String program) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path candidate = Path.of(dir, program);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }
}
