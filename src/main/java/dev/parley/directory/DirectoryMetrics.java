package dev.parley.directory;

import java.util.function.LongSupplier;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * What operators watch of the directory: platform calls by operation and result (retries and offline answers
 * show a struggling account), running syncs and the calls they still have to make, group events by kind.
 * No label names an account or a group.
 */
public final class DirectoryMetrics {
    private final PrometheusRegistry registry;
    private final Counter calls;
    private final Counter events;

    private DirectoryMetrics(PrometheusRegistry registry, Counter calls, Counter events) {
        this.registry = registry;
        this.calls = calls;
        this.events = events;
    }

    /**
     * Registers the counters; {@link #watch} adds the gauges of running syncs.
     *
     * @param registry where to register
     * @return the metrics
     */
    public static DirectoryMetrics register(PrometheusRegistry registry) {
        Counter calls = Counter.builder()
                .name("parley_directory_calls_total")
                .help("Platform reads of contacts and groups by operation (contacts, profiles, group) and result"
                        + " (ok, retried, failed, offline)")
                .labelNames("operation", "result")
                .register(registry);
        Counter events = Counter.builder()
                .name("parley_group_events_total")
                .help("Group events recorded by kind (join, leave, kick, removed, invited, rename, owner, dismiss)")
                .labelNames("kind")
                .register(registry);
        return new DirectoryMetrics(registry, calls, events);
    }

    /**
     * @param running   syncs running now
     * @param remaining platform calls the running syncs still plan to make
     */
    void watch(LongSupplier running, LongSupplier remaining) {
        GaugeWithCallback.builder()
                .name("parley_directory_syncs_running")
                .help("Contact and group syncs running now")
                .callback(cb -> cb.call(running.getAsLong()))
                .register(registry);
        GaugeWithCallback.builder()
                .name("parley_directory_sync_remaining_calls")
                .help("Platform calls the running syncs still plan to make")
                .callback(cb -> cb.call(remaining.getAsLong()))
                .register(registry);
    }

    void call(String operation, String result) {
        calls.labelValues(operation, result).inc();
    }

    void event(EventKind kind) {
        events.labelValues(kind.code()).inc();
    }
}
