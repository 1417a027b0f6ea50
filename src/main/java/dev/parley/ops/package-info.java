/**
 * What operators check: {@link dev.parley.ops.HealthService} ({@code GET /health}: the {@link dev.parley.ops.Health}
 * of each part it was given, 503 when a required one is down), {@link dev.parley.ops.MetricsService}
 * ({@code GET /metrics} in the Prometheus format) and {@link dev.parley.ops.StatusCommand} ({@code /status}).
 *
 * <p>It only reads the state it reports. It must not import a channel or connector adapter, nor any platform SDK:
 * connectors and channels are seen through their ports' statuses, other parts as suppliers of {@code Health}.
 */
package dev.parley.ops;
