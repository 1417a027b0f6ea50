package dev.parley.automation.rules;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * How long a rule's reply waits before it may go out, so it does not arrive faster than a person could type it: a
 * base, plus time per character, plus random jitter, at most a maximum. The account's outbound pace applies on top.
 *
 * @param base    always waited ({@code parley.rules.delay.base.ms}, 1.5 s)
 * @param perChar per character of the reply ({@code delay.per.char.ms}, 120 ms)
 * @param jitter  up to this much more, at random ({@code delay.jitter.ms}, 2 s)
 * @param max     never more than this ({@code delay.max.ms}, 12 s)
 */
public record ReplyDelay(Duration base, Duration perChar, Duration jitter, Duration max) {
    /**
     * @param reply  the reply
     * @param random picks the jitter
     * @return how long it waits
     */
    Duration of(String reply, RandomGenerator random) {
        long ms = base.toMillis() + perChar.toMillis() * reply.codePointCount(0, reply.length());
        if (jitter.toMillis() > 0) {
            ms += random.nextLong(jitter.toMillis() + 1);
        }
        return Duration.ofMillis(Math.min(ms, max.toMillis()));
    }
}
