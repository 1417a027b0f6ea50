package dev.parley.outbound;

import java.util.Locale;

import dev.parley.account.Platform;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * {@code parley_outbound_sent_total{platform,result}} (one count per platform call, by outcome) and
 * {@code parley_outbound_queue_depth{platform}} (messages queued or being sent, read from the table at each scrape).
 * Never a label per account: a fleet has hundreds.
 */
final class OutboundMetrics {
    private final Counter sent;

    OutboundMetrics(PrometheusRegistry registry, OutboundStore store) {
        this.sent = Counter.builder()
                .name("parley_outbound_sent_total")
                .help("Outbound send attempts by platform and result (sent, retried, failed, unknown, offline)")
                .labelNames("platform", "result")
                .register(registry);
        GaugeWithCallback.builder()
                .name("parley_outbound_queue_depth")
                .help("Outbound messages queued or being sent, by platform")
                .labelNames("platform")
                .callback(cb -> store.depthByPlatform().forEach((platform, depth) -> cb.call(depth, platform.code())))
                .register(registry);
    }

    void count(Platform platform, Result result) {
        sent.labelValues(platform.code(), result.name().toLowerCase(Locale.ROOT)).inc();
    }

    /** What became of one platform call. */
    enum Result {
        SENT, RETRIED, FAILED, UNKNOWN, OFFLINE
    }
}
