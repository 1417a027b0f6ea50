package dev.parley.channel.feishu;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Keeps Parley under Feishu's frequency limits before Feishu has to refuse: at most 5 calls a second into
 * one chat (or onto one message, for card patches) and 50 a second for the whole app. Each call reserves
 * the next free slot and sleeps until it comes; nothing is dropped.
 */
final class SendPace {
    private static final int MAX_TRACKED = 1000;

    private final long perTargetGapNanos;
    private final long perAppGapNanos;
    private final Map<String, Long> nextPerTarget = new HashMap<>();
    private long nextForApp;

    /**
     * @param perTargetGap least time between two calls into one chat or onto one message
     * @param perAppGap    least time between two calls of the app
     */
    SendPace(Duration perTargetGap, Duration perAppGap) {
        this.perTargetGapNanos = perTargetGap.toNanos();
        this.perAppGapNanos = perAppGap.toNanos();
    }

    /** @return Feishu's published limits: 5 per second per chat, 50 per second per app */
    static SendPace feishuLimits() {
        return new SendPace(Duration.ofMillis(200), Duration.ofMillis(20));
    }

    /**
     * Waits for the next free slot for {@code target}.
     *
     * @param target a chat id, or a message id for patches
     * @throws InterruptedException when interrupted while waiting
     */
    void await(String target) throws InterruptedException {
        long waitNanos = reserve(target, System.nanoTime());
        if (waitNanos > 0) {
            Thread.sleep(Duration.ofNanos(waitNanos));
        }
    }

    private synchronized long reserve(String target, long now) {
        if (nextPerTarget.size() > MAX_TRACKED) {
            nextPerTarget.values().removeIf(next -> next - now < 0);
        }
        long at = Math.max(now, nextForApp);
        Long forTarget = nextPerTarget.get(target);
        if (forTarget != null && forTarget - at > 0) {
            at = forTarget;
        }
        nextForApp = at + perAppGapNanos;
        nextPerTarget.put(target, at + perTargetGapNanos);
        return at - now;
    }
}
