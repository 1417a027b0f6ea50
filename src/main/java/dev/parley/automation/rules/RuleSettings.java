package dev.parley.automation.rules;

import java.time.Duration;

import io.helidon.config.Config;

/**
 * The settings of rules, {@code parley.rules.*}.
 *
 * @param cooldown     a rule's cooldown per chat when {@code /rule add} gives none ({@code cooldown.ms}, 10 min)
 * @param chatFloor    the least time between two rule replies in one chat, whatever rules ({@code chat.floor.ms},
 *                     30 s): a flood of keywords, or two bots answering each other, gets one reply per floor
 * @param maxAge       messages sent longer ago than this are not answered ({@code max.age.ms}, 10 min): history a
 *                     platform delivers late is not replied to
 * @param regexTimeout how long one rule's regular expression may run on one message ({@code regex.timeout.ms},
 *                     50 ms)
 * @param poll         how often group joins are looked for besides each commit ({@code poll.ms}, 1 s)
 * @param delay        how long a reply waits to look typed by a person
 */
public record RuleSettings(Duration cooldown, Duration chatFloor, Duration maxAge, Duration regexTimeout,
                           Duration poll, ReplyDelay delay) {
    /**
     * @param rules the {@code parley.rules} node
     * @return the settings, defaults where none is set
     */
    public static RuleSettings read(Config rules) {
        return new RuleSettings(millis(rules, "cooldown.ms", 600_000), millis(rules, "chat.floor.ms", 30_000),
                millis(rules, "max.age.ms", 600_000), millis(rules, "regex.timeout.ms", 50),
                millis(rules, "poll.ms", 1000),
                new ReplyDelay(millis(rules, "delay.base.ms", 1500), millis(rules, "delay.per.char.ms", 120),
                        millis(rules, "delay.jitter.ms", 2000), millis(rules, "delay.max.ms", 12_000)));
    }

    private static Duration millis(Config node, String key, long otherwise) {
        return Duration.ofMillis(Math.max(0, node.get(key).asLong().orElse(otherwise)));
    }
}
