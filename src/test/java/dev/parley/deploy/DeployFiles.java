package dev.parley.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.yaml.snakeyaml.Yaml;

/**
 * Reads the operator files under {@code deploy/}: where they are, and which Parley metrics the alert
 * rules and the Grafana dashboard query. Tests that scrape a running server use
 * {@link #referencedMetricNames()} to assert that every metric operators depend on is exposed.
 */
public final class DeployFiles {
    private static final Pattern METRIC = Pattern.compile("\\bparley_[a-z_]+");
    private static final List<String> SERIES_SUFFIXES = List.of("_bucket", "_sum", "_count", "_created");

    private DeployFiles() {
    }

    /** @return the repository root: the nearest directory upwards from the working directory with pom.xml and deploy/ */
    public static Path repoRoot() {
        Path dir = Path.of("").toAbsolutePath();
        for (Path d = dir; d != null; d = d.getParent()) {
            if (Files.isRegularFile(d.resolve("pom.xml")) && Files.isDirectory(d.resolve("deploy"))) {
                return d;
            }
        }
        throw new IllegalStateException("no directory with pom.xml and deploy/ at or above " + dir);
    }

    /** @return {@code deploy/} */
    public static Path deployDir() {
        return repoRoot().resolve("deploy");
    }

    /** @return {@code deploy/prometheus/rules.yml} */
    public static Path rulesFile() {
        return deployDir().resolve("prometheus/rules.yml");
    }

    /** @return the Grafana dashboard */
    public static Path dashboardFile() {
        return deployDir().resolve("grafana/dashboards/parley.json");
    }

    /**
     * @param suffixes file name endings, e.g. {@code .yaml}; none for every file
     * @return the regular files under {@code deploy/} whose names end with one of them, sorted
     */
    public static List<Path> files(String... suffixes) {
        try (Stream<Path> all = Files.walk(deployDir())) {
            return all.filter(Files::isRegularFile)
                    .filter(p -> suffixes.length == 0 || Stream.of(suffixes).anyMatch(s -> p.getFileName().toString().endsWith(s)))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The Parley metrics that the alert rules and the dashboard query, each as the family name that
     * appears in a {@code # TYPE} line of the text format: series suffixes ({@code _bucket}, {@code _sum},
     * {@code _count}, {@code _created}) are stripped, {@code _total} of counters is kept.
     *
     * @return the names, sorted
     */
    public static Set<String> referencedMetricNames() {
        Set<String> names = new TreeSet<>();
        for (String expr : ruleExpressions()) {
            names.addAll(metricNamesIn(expr));
        }
        for (String expr : dashboardExpressions()) {
            names.addAll(metricNamesIn(expr));
        }
        return names;
    }

    /** @return the {@code expr} of every rule in {@code rules.yml} */
    @SuppressWarnings("unchecked")
    static List<String> ruleExpressions() {
        Map<String, Object> doc = (Map<String, Object>) loadYaml(rulesFile());
        List<String> exprs = new ArrayList<>();
        for (Object group : (List<Object>) doc.get("groups")) {
            for (Object rule : (List<Object>) ((Map<String, Object>) group).get("rules")) {
                exprs.add(String.valueOf(((Map<String, Object>) rule).get("expr")));
            }
        }
        return exprs;
    }

    /** @return the {@code expr} of every query in the dashboard, panels nested in rows included */
    static List<String> dashboardExpressions() {
        List<String> exprs = new ArrayList<>();
        collectExprs(readJson(dashboardFile()), exprs);
        return exprs;
    }

    /**
     * @param expr a PromQL expression
     * @return the Parley metric family names it mentions
     */
    static Set<String> metricNamesIn(String expr) {
        Set<String> names = new TreeSet<>();
        Matcher m = METRIC.matcher(expr);
        while (m.find()) {
            names.add(familyName(m.group()));
        }
        return names;
    }

    static String familyName(String series) {
        for (String suffix : SERIES_SUFFIXES) {
            if (series.endsWith(suffix)) {
                return series.substring(0, series.length() - suffix.length());
            }
        }
        return series;
    }

    static Object loadYaml(Path file) {
        try {
            return new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode readJson(Path file) {
        try {
            return new ObjectMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void collectExprs(JsonNode node, List<String> into) {
        if (node.isObject()) {
            JsonNode expr = node.get("expr");
            if (expr != null && expr.isTextual()) {
                into.add(expr.asText());
            }
            node.forEach(child -> collectExprs(child, into));
        } else if (node.isArray()) {
            node.forEach(child -> collectExprs(child, into));
        }
    }

    /**
     * @param variable an environment variable, e.g. {@code PARLEY_DB_URL}
     * @return the configuration key it overrides, e.g. {@code parley.db.url}
     */
    static String configKey(String variable) {
        return variable.toLowerCase(Locale.ROOT).replace('_', '.');
    }
}
