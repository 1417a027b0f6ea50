package dev.parley.connector;

import java.nio.file.Path;
import java.time.InstantSource;
import java.util.Objects;

import dev.parley.config.Sealer;
import dev.parley.http.WebhookMetrics;
import dev.parley.i18n.Messages;

import io.helidon.config.Config;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.jdbi.v3.core.Jdbi;

/**
 * What the service gives every connector it builds: the platform's own configuration node, the intake to hand
 * reports to, and the shared parts a webhook or a session store needs. Each adapter's {@code create(ConnectorContext)}
 * takes one, so wiring a platform is one line.
 *
 * @param config         the platform's configuration node ({@code parley.gewe}, {@code parley.whatsapp}…)
 * @param intake         where the platform's reports go
 * @param dataDir        the data directory (generated secrets)
 * @param publicUrl      where platforms reach this server, without a trailing slash; empty when not set
 * @param jdbi           the database, for connectors that keep state of their own (sessions)
 * @param sealer         encrypts what a connector keeps at rest (credentials)
 * @param messages       localized texts (webhook errors)
 * @param webhookMetrics counters of webhook requests
 * @param maxBodyBytes   the largest webhook body accepted
 * @param ackTimeoutMs   how long a webhook waits for its messages' commit before answering 503
 * @param registry       where connector metrics go
 * @param clock          the present
 */
public record ConnectorContext(Config config, AccountIntake intake, Path dataDir, String publicUrl, Jdbi jdbi,
                               Sealer sealer, Messages messages, WebhookMetrics webhookMetrics, int maxBodyBytes,
                               long ackTimeoutMs, PrometheusRegistry registry, InstantSource clock) {
    /** Rejects missing parts. */
    public ConnectorContext {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(intake, "intake");
        Objects.requireNonNull(dataDir, "dataDir");
        Objects.requireNonNull(publicUrl, "publicUrl");
        Objects.requireNonNull(jdbi, "jdbi");
        Objects.requireNonNull(sealer, "sealer");
        Objects.requireNonNull(messages, "messages");
        Objects.requireNonNull(webhookMetrics, "webhookMetrics");
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param platformConfig another platform's node
     * @return the same context for that platform
     */
    public ConnectorContext forConfig(Config platformConfig) {
        return new ConnectorContext(platformConfig, intake, dataDir, publicUrl, jdbi, sealer, messages, webhookMetrics,
                maxBodyBytes, ackTimeoutMs, registry, clock);
    }
}
