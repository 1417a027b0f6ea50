package dev.parley.search;

import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** The index's gauges, read at scrape time and removed again when the index closes. */
final class IndexMetrics implements AutoCloseable {
    private final PrometheusRegistry registry;
    private final GaugeWithCallback lag;
    private final GaugeWithCallback documents;

    private IndexMetrics(PrometheusRegistry registry, GaugeWithCallback lag, GaugeWithCallback documents) {
        this.registry = registry;
        this.lag = lag;
        this.documents = documents;
    }

    /**
     * @param registry       where to register
     * @param lagSeconds     the current lag
     * @param documentCount  the current number of searchable documents
     * @return the registered gauges
     */
    static IndexMetrics register(PrometheusRegistry registry, DoubleSupplier lagSeconds, LongSupplier documentCount) {
        GaugeWithCallback lag = GaugeWithCallback.builder()
                .name("parley_index_lag_seconds")
                .help("Age of the oldest message committed to MariaDB that search cannot see yet, counted from"
                        + " when the index learned of the commit; 0 when every committed message is searchable")
                .callback(cb -> cb.call(lagSeconds.getAsDouble()))
                .build();
        GaugeWithCallback documents = GaugeWithCallback.builder()
                .name("parley_index_documents")
                .help("Messages that full-text search sees")
                .callback(cb -> cb.call(documentCount.getAsLong()))
                .build();
        registry.register(lag);
        try {
            registry.register(documents);
        } catch (RuntimeException e) {
            registry.unregister(lag);
            throw e;
        }
        return new IndexMetrics(registry, lag, documents);
    }

    /** Unregisters the gauges. */
    @Override
    public void close() {
        registry.unregister(lag);
        registry.unregister(documents);
    }
}
