package dev.parley.directory;

import java.time.Duration;
import java.util.Objects;

/**
 * How the directory talks to a platform. Every read of an account's contacts and groups waits a random
 * {@code paceMin}–{@code paceMax} after the previous one of that account: a sync of 300 groups is 300+
 * calls, and WeChat's risk control flags accounts whose traffic comes in machine-like bursts (GeWe's own
 * advice, {@code reference/gewe.md} §7, is one queue per account and random gaps, "act like a human"); bans
 * are what users fear most, so a sync may take minutes. Transient failures are retried {@code attempts}
 * times in all, waiting {@code backoff}, then twice as long each time up to {@code maxBackoff}.
 *
 * @param paceMin       shortest gap between two platform calls of one account
 * @param paceMax       longest gap
 * @param attempts      tries of one call when it fails transiently, at least 1
 * @param backoff       wait before the first retry
 * @param maxBackoff    longest wait between retries
 * @param debounce      quiet time after a group's last change notification before its member list is re-read
 * @param progressEvery shortest time between two edits of a sync's progress card (chat platforms limit edits)
 * @param logEvery      shortest time between two progress lines in the log
 */
public record SyncSettings(Duration paceMin, Duration paceMax, int attempts, Duration backoff, Duration maxBackoff,
                           Duration debounce, Duration progressEvery, Duration logEvery) {

    /** Rejects settings that cannot work. */
    public SyncSettings {
        Objects.requireNonNull(paceMin, "paceMin");
        Objects.requireNonNull(paceMax, "paceMax");
        if (paceMin.isNegative() || paceMax.compareTo(paceMin) < 0) {
            throw new IllegalArgumentException("sync pace must be 0 <= min <= max: " + paceMin + ", " + paceMax);
        }
        if (attempts < 1) {
            throw new IllegalArgumentException("sync retry attempts must be at least 1: " + attempts);
        }
        if (backoff.isNegative() || maxBackoff.compareTo(backoff) < 0) {
            throw new IllegalArgumentException("sync back-off must be 0 <= first <= max: " + backoff + ", " + maxBackoff);
        }
        if (debounce.isNegative() || progressEvery.isNegative() || logEvery.isNegative()) {
            throw new IllegalArgumentException("sync debounce and progress intervals must not be negative");
        }
    }

    /** @return 1–3 s between calls, 4 attempts from 5 s up to 60 s apart, 15 s debounce, card edits every 3 s */
    public static SyncSettings defaults() {
        return new SyncSettings(Duration.ofSeconds(1), Duration.ofSeconds(3), 4, Duration.ofSeconds(5),
                Duration.ofSeconds(60), Duration.ofSeconds(15), Duration.ofSeconds(3), Duration.ofSeconds(30));
    }
}
