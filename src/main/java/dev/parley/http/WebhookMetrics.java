package dev.parley.http;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** {@code parley_webhook_requests_total{source,result}}: every webhook request and how it ended. */
public final class WebhookMetrics {
    private final Counter requests;

    private WebhookMetrics(PrometheusRegistry registry) {
        requests = Counter.builder()
                .name("parley_webhook_requests_total")
                .help("Webhook requests by source (gewe, feishu, ...) and result (ok, duplicate, ignored, bad_request, ...)")
                .labelNames("source", "result")
                .register(registry);
    }

    /**
     * @param registry where to register
     * @return the metrics
     */
    public static WebhookMetrics register(PrometheusRegistry registry) {
        return new WebhookMetrics(registry);
    }

    /**
     * @param source the webhook, e.g. {@code gewe}
     * @param result how it ended
     */
    public void count(String source, String result) {
        requests.labelValues(source, result).inc();
    }
}
