package dev.parley.ingest;

import java.util.function.IntSupplier;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The ingestion metrics named in DESIGN.md: stored, duplicate, commit latency, and the queue in front of it. */
public final class IngestMetrics {
    private final Counter ingested;
    private final Counter duplicates;
    private final Histogram commitSeconds;

    private IngestMetrics(PrometheusRegistry registry) {
        ingested = Counter.builder()
                .name("parley_messages_ingested_total")
                .help("Messages stored for the first time")
                .labelNames("platform")
                .register(registry);
        duplicates = Counter.builder()
                .name("parley_messages_duplicate_total")
                .help("Messages delivered again and skipped because they were already stored")
                .labelNames("platform")
                .register(registry);
        commitSeconds = Histogram.builder()
                .name("parley_ingest_commit_seconds")
                .help("Time to write and commit one group-commit batch")
                .classicUpperBounds(0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5)
                .register(registry);
    }

    /**
     * @param registry where to register
     * @return the metrics
     */
    public static IngestMetrics register(PrometheusRegistry registry) {
        return new IngestMetrics(registry);
    }

    /**
     * Exposes the number of messages waiting for a commit.
     *
     * @param registry where to register
     * @param depth    the current depth
     */
    static void registerQueueDepth(PrometheusRegistry registry, IntSupplier depth) {
        GaugeWithCallback.builder()
                .name("parley_ingest_queue_depth")
                .help("Messages received and waiting for their group commit")
                .callback(cb -> cb.call(depth.getAsInt()))
                .register(registry);
    }

    void stored(String platform, int count) {
        if (count > 0) {
            ingested.labelValues(platform).inc(count);
        }
    }

    void duplicates(String platform, int count) {
        if (count > 0) {
            duplicates.labelValues(platform).inc(count);
        }
    }

    void commitTook(long nanos) {
        commitSeconds.observe(nanos / 1e9);
    }
}
