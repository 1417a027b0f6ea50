package dev.parley.channel;

import java.time.Duration;
import java.time.InstantSource;

import org.jdbi.v3.core.Jdbi;

/**
 * The events a channel already took on, by the platform's own id (Feishu's {@code header.event_id}, DingTalk's
 * {@code msgId}), kept in MariaDB so a redelivery changes nothing even after a restart. Platforms deliver again for
 * hours (Feishu for about 7); rows are kept for {@code retention} (longer than that) and purged as new events arrive,
 * at most once an hour.
 */
public final class SeenEvents {
    private static final Duration PURGE_EVERY = Duration.ofHours(1);

    private final Jdbi jdbi;
    private final String channel;
    private final InstantSource clock;
    private final Duration retention;
    private volatile long nextPurge;

    /**
     * @param jdbi      the database
     * @param channel   the channel's name
     * @param clock     source of receive times
     * @param retention how long an event id is remembered
     */
    public SeenEvents(Jdbi jdbi, String channel, InstantSource clock, Duration retention) {
        this.jdbi = jdbi;
        this.channel = channel;
        this.clock = clock;
        this.retention = retention;
    }

    /**
     * Records an event id.
     *
     * @param eventId the event's id
     * @return whether it is new (false: a re-push to ignore)
     */
    public boolean firstTime(String eventId) {
        long now = clock.millis();
        purgeIfDue(now);
        return jdbi.withHandle(h -> h.createUpdate(
                        "INSERT IGNORE INTO channel_events (channel, event_id, received_at) VALUES (:channel, :id, :now)")
                .bind("channel", channel).bind("id", eventId).bind("now", now).execute()) == 1;
    }

    /**
     * Forgets an event id taken on but not handled (Parley was too busy), so the platform's redelivery is handled.
     *
     * @param eventId the event's id
     */
    public void forget(String eventId) {
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM channel_events WHERE channel = :channel AND event_id = :id")
                .bind("channel", channel).bind("id", eventId).execute());
    }

    private void purgeIfDue(long now) {
        if (now < nextPurge) {
            return;
        }
        nextPurge = now + PURGE_EVERY.toMillis();
        jdbi.useHandle(h -> h.createUpdate("DELETE FROM channel_events WHERE channel = :channel AND received_at < :before")
                .bind("channel", channel).bind("before", now - retention.toMillis()).execute());
    }
}
