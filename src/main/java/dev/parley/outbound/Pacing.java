package dev.parley.outbound;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How fast one account may send, so it looks like a person typing (WeChat and WhatsApp flag accounts that do not): at
 * most {@code limit} messages per {@code window}, at least {@code gap} between two messages, a random pause between
 * {@code groupGapMin} and {@code groupGapMax} before a message to another group than the previous one, a lower limit
 * while an account is new to Parley (warm-up); and how transient failures are retried.
 *
 * @param limit       most messages in any {@code window}
 * @param window      the window {@code limit} counts in (a minute)
 * @param gap         least time between two messages of the account (private chats)
 * @param groupGapMin least pause before switching to a different group
 * @param groupGapMax most pause before switching to a different group
 * @param maxAttempts platform calls per message before a transient error makes it fail
 * @param retryBase   wait after the first transient failure; doubles with each further one
 * @param retryMax    longest wait between two attempts
 * @param warmup      how long after Parley first saw an account its sends count against {@code warmupLimit} instead
 * @param warmupLimit most messages in any {@code window} during the warm-up
 */
public record Pacing(int limit, Duration window, Duration gap, Duration groupGapMin, Duration groupGapMax,
                     int maxAttempts, Duration retryBase, Duration retryMax, Duration warmup, int warmupLimit) {

    /** Rejects settings that would stop or flood the queue. */
    public Pacing {
        if (limit < 1 || maxAttempts < 1 || warmupLimit < 1 || warmup.isNegative()) {
            throw new IllegalArgumentException("outbound limit and attempts must be at least 1");
        }
        if (window.isNegative() || window.isZero() || gap.isNegative() || groupGapMin.isNegative()
                || groupGapMax.compareTo(groupGapMin) < 0 || retryBase.isNegative() || retryBase.isZero()
                || retryMax.compareTo(retryBase) < 0) {
            throw new IllegalArgumentException("outbound pacing: window > 0, gaps >= 0, group gap min <= max,"
                    + " 0 < retry base <= retry max");
        }
    }

    /**
     * A pace without warm-up.
     *
     * @param limit       most messages in any {@code window}
     * @param window      the window {@code limit} counts in
     * @param gap         least time between two messages
     * @param groupGapMin least pause before switching to a different group
     * @param groupGapMax most pause before switching to a different group
     * @param maxAttempts platform calls per message before a transient error makes it fail
     * @param retryBase   wait after the first transient failure
     * @param retryMax    longest wait between two attempts
     */
    public Pacing(int limit, Duration window, Duration gap, Duration groupGapMin, Duration groupGapMax, int maxAttempts,
                  Duration retryBase, Duration retryMax) {
        this(limit, window, gap, groupGapMin, groupGapMax, maxAttempts, retryBase, retryMax, Duration.ZERO, limit);
    }

    /** @return GeWe's guidance: 40 a minute, 1 s apart, 2–5 s before another group; 10 attempts from 2 s to 5 min */
    public static Pacing defaults() {
        return new Pacing(40, Duration.ofMinutes(1), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 10, Duration.ofSeconds(2), Duration.ofMinutes(5));
    }

    /**
     * @return WhatsApp's stricter pace: 15 a minute, 3 s apart, 5–12 s before another group, and 5 a minute during the
     *     first 3 days an account runs in Parley; 10 attempts from 2 s to 5 min. WhatsApp bans numbers, new ones first,
     *     whose sends come in bursts or at a machine's rhythm.
     */
    public static Pacing whatsappDefaults() {
        return new Pacing(15, Duration.ofMinutes(1), Duration.ofSeconds(3), Duration.ofSeconds(5),
                Duration.ofSeconds(12), 10, Duration.ofSeconds(2), Duration.ofMinutes(5), Duration.ofDays(3), 5);
    }

    /**
     * @return the Cloud API's pace: 600 a minute, 100 ms apart, no warm-up; 10 attempts from 2 s to 5 min. Meta
     *     allows a business number 80 messages a second and limits new numbers by the people they reach a day (its
     *     messaging tiers), not by bursts; sending to one person faster than every 6 s is refused (error 131056) and
     *     retried after that wait.
     */
    public static Pacing whatsappCloudDefaults() {
        return new Pacing(600, Duration.ofMinutes(1), Duration.ofMillis(100), Duration.ZERO, Duration.ZERO, 10,
                Duration.ofSeconds(2), Duration.ofMinutes(5));
    }

    /**
     * @param at         when a send would go, epoch ms
     * @param warmupEnds when the account's warm-up ends, epoch ms
     * @return the limit that applies then
     */
    int limitAt(long at, long warmupEnds) {
        return at < warmupEnds ? Math.min(limit, warmupLimit) : limit;
    }

    /**
     * @param random the source of randomness
     * @return a pause before another group, uniformly between the two bounds
     */
    long groupGapMillis(RandomGenerator random) {
        long min = groupGapMin.toMillis();
        long max = groupGapMax.toMillis();
        return max == min ? min : random.nextLong(min, max + 1);
    }

    /** @return the expected pause before another group, for estimates */
    long meanGroupGapMillis() {
        return (groupGapMin.toMillis() + groupGapMax.toMillis()) / 2;
    }

    /**
     * Exponential back-off with jitter: after failed attempt {@code n}, somewhere between half and all of
     * {@code retryBase × 2^(n-1)}, capped at {@code retryMax}.
     *
     * @param attempts attempts made so far, at least 1
     * @param random   the source of jitter
     * @return how long to wait before the next attempt, in ms
     */
    long backoffMillis(int attempts, RandomGenerator random) {
        long base = retryBase.toMillis();
        long ceiling = retryMax.toMillis();
        int doublings = Math.min(Math.max(attempts - 1, 0), 30);
        long full = base > ceiling >> doublings ? ceiling : Math.min(ceiling, base << doublings);
        long half = Math.max(1, full / 2);
        return half + random.nextLong(full - half + 1);
    }
}
