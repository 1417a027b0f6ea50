package dev.parley.command;

import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per caller: bursts up to {@code capacity} commands, then {@code perMinute} a minute.
 * Keeps one person's runaway script from drowning the service and everyone else's commands.
 */
final class RateLimiter {
    private final InstantSource clock;
    private final double capacity;
    private final double perMilli;
    private final Map<String, double[]> buckets = new ConcurrentHashMap<>();

    RateLimiter(InstantSource clock, int capacity, int perMinute) {
        this.clock = clock;
        this.capacity = capacity;
        this.perMilli = perMinute / 60_000.0;
    }

    /**
     * @param caller who
     * @return whether they may run a command now (and a token was taken)
     */
    boolean tryAcquire(String caller) {
        long now = clock.millis();
        boolean[] allowed = new boolean[1];
        buckets.compute(caller, (k, bucket) -> {
            double[] b = bucket == null ? new double[] {capacity, now} : bucket;
            b[0] = Math.min(capacity, b[0] + (now - b[1]) * perMilli);
            b[1] = now;
            if (b[0] >= 1) {
                b[0] -= 1;
                allowed[0] = true;
            }
            return b;
        });
        if (buckets.size() > 10_000) {
            buckets.entrySet().removeIf(e -> e.getValue()[0] >= capacity);
        }
        return allowed[0];
    }
}
