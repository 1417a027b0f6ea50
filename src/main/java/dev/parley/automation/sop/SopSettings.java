package dev.parley.automation.sop;

import java.time.Duration;
import java.time.ZoneId;

import io.helidon.config.Config;

/**
 * The settings of broadcasts.
 *
 * @param throttle      quiet hours ({@code parley.quiet.hours}, default 22:00-08:00) and the daily cap per account
 *                      ({@code parley.broadcast.daily.cap}, default 200)
 * @param poll          how often due sends are looked for ({@code parley.broadcast.poll.ms}, 1 s)
 * @param inFlight      how many of an account's broadcast messages wait in its outbound queue at once
 *                      ({@code parley.broadcast.in.flight}, 3): a person's {@code /send} never waits behind a whole
 *                      broadcast, and a pause takes effect after at most these
 * @param progressEvery least time between two versions of a task's live card ({@code parley.broadcast.progress.ms},
 *                      2 s)
 * @param logEvery      least time between two progress lines of a task in the log ({@code parley.broadcast.log.ms},
 *                      30 s)
 * @param maxRecipients most chats one task may go to ({@code parley.broadcast.max.recipients}, 20,000)
 */
record SopSettings(Throttle throttle, Duration poll, int inFlight, Duration progressEvery, Duration logEvery,
                   int maxRecipients) {
    /**
     * @param parley the {@code parley} node
     * @param zone   the zone quiet hours and days are in
     * @return the settings, defaults where none is set
     * @throws IllegalArgumentException when a setting cannot be used
     */
    static SopSettings read(Config parley, ZoneId zone) {
        Config b = parley.get("broadcast");
        Throttle throttle = Throttle.of(parley.get("quiet.hours").asString().orElse("22:00-08:00"),
                b.get("daily.cap").asInt().orElse(200), zone);
        return new SopSettings(throttle, millis(b, "poll.ms", 1000), Math.max(1, b.get("in.flight").asInt().orElse(3)),
                millis(b, "progress.ms", 2000), millis(b, "log.ms", 30_000),
                Math.max(1, b.get("max.recipients").asInt().orElse(20_000)));
    }

    private static Duration millis(Config node, String key, long otherwise) {
        return Duration.ofMillis(Math.max(0, node.get(key).asLong().orElse(otherwise)));
    }
}
