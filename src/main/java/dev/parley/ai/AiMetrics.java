package dev.parley.ai;

import java.util.function.LongSupplier;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * The AI metrics: tokens by model and kind, provider calls by result, drafts waiting for a human, and how long
 * humans take to send a draft.
 */
public final class AiMetrics {
    private final Counter tokens;
    private final Counter requests;
    private final Histogram approvalLatency;

    /**
     * @param registry where to register
     * @param pending  how many drafts wait for a human now
     */
    public AiMetrics(PrometheusRegistry registry, LongSupplier pending) {
        tokens = Counter.builder().name("parley_ai_tokens_total")
                .help("Tokens used by AI providers, by model and kind (in, out)")
                .labelNames("model", "kind").register(registry);
        requests = Counter.builder().name("parley_ai_requests_total")
                .help("AI provider calls by result (ok, error)")
                .labelNames("result").register(registry);
        approvalLatency = Histogram.builder().name("parley_approval_latency_seconds")
                .help("Time from an AI draft appearing to a human sending it")
                .classicUpperBounds(5, 15, 30, 60, 120, 300, 900, 1800, 3600)
                .register(registry);
        GaugeWithCallback.builder().name("parley_approvals_pending")
                .help("AI drafts waiting for a human")
                .callback(cb -> cb.call(pending.getAsLong()))
                .register(registry);
    }

    /**
     * @param model     the model
     * @param tokensIn  prompt tokens
     * @param tokensOut completion tokens
     * @param ok        whether the call gave a reply
     */
    public void call(String model, int tokensIn, int tokensOut, boolean ok) {
        tokens.labelValues(model, "in").inc(tokensIn);
        tokens.labelValues(model, "out").inc(tokensOut);
        requests.labelValues(ok ? "ok" : "error").inc();
    }

    /**
     * @param millis how long the draft waited before Send
     */
    public void approved(long millis) {
        approvalLatency.observe(Math.max(0, millis) / 1000.0);
    }
}
