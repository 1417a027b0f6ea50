package dev.parley.channel;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Keeps Parley inside a chat platform's published send limits before the platform has to refuse: one token bucket
 * for the whole bot and one per target (a chat, or a message for edits), each shaped by the platform's figures
 * (Telegram: about 1 a second per private chat, 20 a minute per group, 30 a second overall; Feishu: 5 a second per
 * chat, 50 a second per app). A send waits for its tokens; when the wait would be longer than {@code longestWait} it
 * fails at once as transient with that wait, so background deliveries retry later instead of holding a thread. A
 * 429 empties the target's bucket for the time the platform asked.
 */
public final class SendPacer {
    private static final int MAX_TARGETS = 10_000;

    private final Bucket overall;
    private final Function<String, Rate> perTarget;
    private final Duration longestWait;
    private final String platform;
    private final Map<String, Bucket> targets = new ConcurrentHashMap<>();

    private SendPacer(String platform, Rate overall, Function<String, Rate> perTarget, Duration longestWait) {
        this.platform = platform;
        this.overall = new Bucket(overall);
        this.perTarget = perTarget;
        this.longestWait = longestWait;
    }

    /**
     * @param platform    the platform's name, for the failure's message
     * @param overall     the limit of the whole bot
     * @param perTarget   the limit of each target, by its id
     * @param longestWait the longest a send waits here
     * @return a pacer
     */
    public static SendPacer of(String platform, Rate overall, Function<String, Rate> perTarget, Duration longestWait) {
        return new SendPacer(platform, Objects.requireNonNull(overall), Objects.requireNonNull(perTarget), longestWait);
    }

    /**
     * Waits until one more call may go to the target.
     *
     * @param target a chat id, or a message id for edits
     * @throws ChannelException when the wait would be longer than allowed (transient, with the wait)
     */
    public void await(String target) throws ChannelException {
        if (targets.size() > MAX_TARGETS) {
            targets.values().removeIf(Bucket::idle);
        }
        Bucket bucket = targets.computeIfAbsent(target, id -> new Bucket(perTarget.apply(id)));
        long targetWait = bucket.reserve(longestWait);
        long waitNanos = targetWait < 0 ? targetWait : Math.max(targetWait, overall.reserve(longestWait));
        if (waitNanos < 0) {
            throw ChannelException.retryable(platform + " send limit of " + target, null, Duration.ofNanos(-waitNanos));
        }
        if (waitNanos > 0) {
            try {
                Thread.sleep(Duration.ofNanos(waitNanos));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw ChannelException.retryable("interrupted while keeping to " + platform + "'s send limits", e, null);
            }
        }
    }

    /**
     * The platform answered 429 for a target: nothing more goes there until {@code after} has passed.
     *
     * @param target the chat or message
     * @param after  how long the platform asked to wait
     */
    public void throttled(String target, Duration after) {
        Bucket bucket = targets.get(target);
        if (bucket != null) {
            bucket.block(after);
        }
    }

    /**
     * A limit as a token bucket.
     *
     * @param burst     calls that may go at once
     * @param perSecond calls a second in the long run
     */
    public record Rate(double burst, double perSecond) {
        /**
         * @param calls  calls allowed
         * @param window in this window
         * @param burst  of which may go at once
         * @return the rate
         */
        public static Rate of(int calls, Duration window, int burst) {
            return new Rate(burst, calls * 1e9 / window.toNanos());
        }
    }

    /** A token bucket that hands out reservations. */
    private static final class Bucket {
        private final double capacity;
        private final double perSecond;
        private double tokens;
        private long updated = System.nanoTime();

        Bucket(Rate rate) {
            this.capacity = rate.burst();
            this.perSecond = rate.perSecond();
            this.tokens = capacity;
        }

        /** @return nanoseconds to wait for a token (taken), or minus the wait when it is too long (not taken) */
        synchronized long reserve(Duration longest) {
            refill();
            long wait = tokens >= 1 ? 0 : (long) ((1 - tokens) / perSecond * 1e9);
            if (wait > longest.toNanos()) {
                return -wait;
            }
            tokens -= 1;
            return wait;
        }

        synchronized void block(Duration after) {
            refill();
            tokens = Math.min(tokens, 1 - after.toNanos() / 1e9 * perSecond); // the next token comes after `after`
        }

        synchronized boolean idle() {
            refill();
            return tokens >= capacity;
        }

        private void refill() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - updated) / 1e9 * perSecond);
            updated = now;
        }
    }
}
