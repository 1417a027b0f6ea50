package dev.parley.channel.feishu;

import java.time.Duration;
import java.time.InstantSource;

import org.jdbi.v3.core.Jdbi;

/**
 * The Feishu events already taken on, by {@code header.event_id}, kept in MariaDB so a re-push changes
 * nothing even after a restart. Feishu re-pushes for about 7 hours; rows are kept for {@code retention}
 * (longer than that) and purged as new events arrive, at most once an hour.
 */
final class SeenEvents {
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final Jdbi jdbi;
    private final InstantSource clock;
    private final Duration retention;
    private volatile long nextPurge;

    /**
     * @param jdbi      the database
     * @param clock     source of receive times
     * @param retention how long an event id is remembered
     */
    SeenEvents(Jdbi jdbi, InstantSource clock, Duration retention) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * Records an event id.
     *
     * @param eventId the event's id
     * @return whether it is new (false: a re-push to ignore)
     */
    boolean firstTime(String eventId) {
        long now = clock.millis();
        purgeIfDue(now);
        return jdbi.withHandle(h -> h.createUpdate(
                        "INSERT IGNORE INTO feishu_events (event_id, received_at) VALUES (:id, :now)")
                .bind("id", eventId).bind("now", now).execute()) == 1;
    }

    /**
     * Forgets an event id taken on but not handled (Parley was too busy), so Feishu's re-push is handled.
     *
     * @param eventId the event's id
     */
    void forget(String eventId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM feishu_events WHERE event_id = :id").bind("id", eventId).execute());
    }

    private void purgeIfDue(long now) {
        if (now < nextPurge) {
            return;
        }
        nextPurge = now + PURGE_EVERY.toMillis();
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM feishu_events WHERE received_at < :before")
                .bind("before", now - retention.toMillis()).execute());
    }
}
