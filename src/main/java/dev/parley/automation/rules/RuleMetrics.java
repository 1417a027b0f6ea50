package dev.parley.automation.rules;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * {@code parley_rule_firings_total{rule}}: how often each rule acted. The rule's id is the label; rules are added by
 * admins, so the label stays bounded.
 */
final class RuleMetrics {
    private final Counter firings;

    RuleMetrics(PrometheusRegistry registry) {
        this.firings = Counter.builder().name("parley_rule_firings_total")
                .help("Times a keyword or join rule replied, handed a message to AI or tagged a contact")
                .labelNames("rule").register(registry);
    }

    void fired(long ruleId) {
        firings.labelValues(Long.toString(ruleId)).inc();
    }
}
