package dev.parley.connector.whatsapp;

import java.util.Set;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Gauge;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The WhatsApp bridge's metrics: {@code parley_whatsapp_bridge_up}, {@code parley_whatsapp_bridge_restarts_total} and
 * {@code parley_whatsapp_bridge_events_total{event}} (Baileys's event names; anything else counts as {@code other}, so
 * a bridge cannot grow the label set).
 */
final class BridgeMetrics {
    private static final Set<String> EVENTS = Set.of("connection.update", "creds.update", "keys.set", "messages.upsert",
            "messages.update", "messages.reaction", "messages.delete", "message-receipt.update",
            "group-participants.update", "groups.upsert", "groups.update", "contacts.upsert", "contacts.update",
            "chats.upsert", "chats.update", "chats.delete", "messaging-history.set", "presence.update",
            "lid-mapping.update", "call", "blocklist.set", "blocklist.update", "labels.edit", "labels.association");

    private final Gauge up;
    private final Counter restarts;
    private final Counter events;

    private BridgeMetrics(PrometheusRegistry registry) {
        up = Gauge.builder().name("parley_whatsapp_bridge_up")
                .help("1 while the WhatsApp bridge process runs and has said it is ready, else 0")
                .register(registry);
        restarts = Counter.builder().name("parley_whatsapp_bridge_restarts_total")
                .help("Times the WhatsApp bridge process ended unasked and was started again")
                .register(registry);
        events = Counter.builder().name("parley_whatsapp_bridge_events_total")
                .help("Events the WhatsApp bridge passed on from Baileys, by event name")
                .labelNames("event")
                .register(registry);
    }

    /**
     * @param registry where to register
     * @return the metrics
     */
    static BridgeMetrics register(PrometheusRegistry registry) {
        return new BridgeMetrics(registry);
    }

    void up(boolean running) {
        up.set(running ? 1 : 0);
    }

    void restarted() {
        restarts.inc();
    }

    void event(String name) {
        events.labelValues(EVENTS.contains(name) ? name : "other").inc();
    }
}
