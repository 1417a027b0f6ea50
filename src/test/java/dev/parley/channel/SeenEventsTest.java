package dev.parley.channel;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import dev.parley.db.Database;
import dev.parley.testing.TestDatabase;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Event ids are remembered across re-pushes, per channel, forgotten on request, and purged after the retention. */
class SeenEventsTest {
    @Test
    void anEventIdCountsOnceUntilItIsForgottenOrPurged() {
        try (Database db = TestDatabase.create("feishuseen")) {
            AtomicLong now = new AtomicLong(1_700_000_000_000L);
            SeenEvents seen = new SeenEvents(db.jdbi(), "feishu", () -> Instant.ofEpochMilli(now.get()), Duration.ofHours(24));
            assertThat(seen.firstTime("ev-1")).isTrue();
            assertThat(seen.firstTime("ev-1")).isFalse();
            seen.forget("ev-1");
            assertThat(seen.firstTime("ev-1")).isTrue();

            now.addAndGet(Duration.ofHours(25).toMillis());
            assertThat(seen.firstTime("ev-2")).isTrue();
            assertThat(seen.firstTime("ev-1")).isTrue();
            long kept = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM channel_events WHERE channel = 'feishu'").mapTo(Long.class).one());
            assertThat(kept).isEqualTo(2);
            SeenEvents other = new SeenEvents(db.jdbi(), "dingtalk", () -> Instant.ofEpochMilli(now.get()), Duration.ofHours(24));
            assertThat(other.firstTime("ev-2")).as("another channel's ids are its own").isTrue();
        }
    }
}
