package dev.parley.ops;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * {@code GET /health}: 200 with the state of the database, the index, connectors and channels when the
 * service can do its job, 503 when a part it cannot work without is down.
 */
public final class HealthService implements HttpService {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Supplier<Health>> parts;
    private final Set<String> required;

    private HealthService(Map<String, Supplier<Health>> parts, Set<String> required) {
        this.parts = parts;
        this.required = required;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::health);
    }

    /** @return the report and whether the service is ready */
    public Report report() {
        boolean ready = true;
        ObjectNode body = JSON.createObjectNode();
        for (Map.Entry<String, Supplier<Health>> part : parts.entrySet()) {
            Health health;
            try {
                health = part.getValue().get();
            } catch (RuntimeException e) {
                health = Health.down(Map.of("error", String.valueOf(e.getMessage())));
            }
            if (health.status() == Health.Status.DOWN && required.contains(part.getKey())) {
                ready = false;
            }
            ObjectNode node = body.putObject(part.getKey());
            node.put("status", health.status().name());
            health.details().forEach((k, v) -> node.set(k, JSON.valueToTree(v)));
        }
        ObjectNode json = JSON.createObjectNode().put("status", ready ? "UP" : "DOWN");
        json.setAll(body);
        return new Report(ready, json);
    }

    private void health(ServerRequest req, ServerResponse res) {
        Report report = report();
        res.status(report.ready() ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503);
        res.header(HeaderNames.CONTENT_TYPE, "application/json");
        res.header(HeaderNames.CACHE_CONTROL, "no-store");
        res.send(report.json().toString());
    }

    /**
     * A health report.
     *
     * @param ready whether every required part is up
     * @param json  the JSON body
     */
    public record Report(boolean ready, ObjectNode json) {
    }

    /** Collects the parts to report. */
    public static final class Builder {
        private final Map<String, Supplier<Health>> parts = new LinkedHashMap<>();
        private final Set<String> required = new HashSet<>();

        private Builder() {
        }

        /**
         * @param name  the part's key in the report, e.g. {@code db}
         * @param check computes its state on each request
         * @return this builder, with a part the service cannot be ready without
         */
        public Builder require(String name, Supplier<Health> check) {
            parts.put(name.toLowerCase(Locale.ROOT), check);
            required.add(name.toLowerCase(Locale.ROOT));
            return this;
        }

        /**
         * @param name  the part's key in the report
         * @param check computes its state on each request
         * @return this builder, with a part that is reported but does not decide readiness
         */
        public Builder report(String name, Supplier<Health> check) {
            parts.put(name.toLowerCase(Locale.ROOT), check);
            return this;
        }

        /** @return the service */
        public HealthService build() {
            return new HealthService(new LinkedHashMap<>(parts), Set.copyOf(required));
        }
    }
}
