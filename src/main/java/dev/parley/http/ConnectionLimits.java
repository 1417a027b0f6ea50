package dev.parley.http;

import java.time.Duration;

import io.helidon.config.Config;
import io.helidon.webserver.WebServerConfig;

/**
 * What clients may hold of the HTTP server: connections idle longer than {@code idle} are closed (checked every
 * {@code idleCheck}), and at most {@code max} connections are open at once. Without them idle connections pile up
 * until the process runs out of file descriptors.
 *
 * @param idle      {@code parley.http.idle.timeout.ms}, 60 s
 * @param idleCheck {@code parley.http.idle.check.ms}, 10 s
 * @param max       {@code parley.http.max.connections}, 10,000
 */
public record ConnectionLimits(Duration idle, Duration idleCheck, int max) {
    /**
     * @param http the {@code parley.http} node
     * @return the limits, defaults where none is set
     */
    public static ConnectionLimits read(Config http) {
        return new ConnectionLimits(millis(http, "idle.timeout.ms", 60_000), millis(http, "idle.check.ms", 10_000),
                Math.max(1, http.get("max.connections").asInt().orElse(10_000)));
    }

    private static Duration millis(Config node, String key, long otherwise) {
        return Duration.ofMillis(Math.max(1, node.get(key).asLong().orElse(otherwise)));
    }

    /**
     * @param server the server being configured
     * @return it, with these limits
     */
    public WebServerConfig.Builder applyTo(WebServerConfig.Builder server) {
        return server.idleConnectionTimeout(idle).idleConnectionPeriod(idleCheck).maxTcpConnections(max);
    }
}
