package dev.parley.stats;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.parley.card.Card;
import dev.parley.channel.ChannelBindings;
import dev.parley.channel.ChannelDeliveries;
import dev.parley.channel.ChatChannel;
import dev.parley.channel.SentCard;
import dev.parley.db.Database;
import dev.parley.directory.DirectoryQueries;
import dev.parley.i18n.Messages;
import dev.parley.testing.TestDatabase;

import io.prometheus.metrics.model.registry.PrometheusRegistry;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The daily digest is posted into each bound chat once its time has come in the configured zone, in the chat's
 * language, once per day, also across a restart (a new scheduler over the same database).
 */
class StatsDigestTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static Database db;

    @BeforeAll
    static void open() {
        db = TestDatabase.create("statsdigest");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void aDigestIsPostedOncePerDayAtItsTimeAndSurvivesARestart() throws Exception {
        LocalDate today = LocalDate.of(2026, 3, 10);
        AtomicLong now = new AtomicLong(millis(today, "08:00"));
        InstantSource clock = () -> Instant.ofEpochMilli(now.get());
        ChannelBindings bindings = new ChannelBindings(db.jdbi(), clock);
        bindings.bind("telegram", "-100", DigestScheduler.PURPOSE, "zh-CN", "运营群", "telegram:1");
        bindings.bind("telegram", "-200", "alerts", "en", null, "telegram:1");
        DigestSchedules schedules = new DigestSchedules(db.jdbi());
        schedules.set("telegram", "-100", LocalTime.of(9, 0), "telegram:1", now.get(), null);
        Recording telegram = new Recording();
        Stats stats = new Stats(db.jdbi(), new DirectoryQueries(db.jdbi()), clock, ZONE);
        DigestCards cards = new DigestCards(stats, Messages.load());
        try (ChannelDeliveries deliveries = ChannelDeliveries.builder(new PrometheusRegistry()).build()) {
            deliveries.register(telegram);
            DigestScheduler first = new DigestScheduler(schedules, bindings, deliveries, cards, ZONE, clock, Duration.ofHours(1));
            first.checkNow();
            now.set(millis(today, "08:59"));
            first.checkNow();
            Thread.sleep(200);
            assertThat(telegram.posted).as("not before 09:00").isEmpty();

            now.set(millis(today, "09:00"));
            first.checkNow();
            first.checkNow();
            DigestScheduler restarted = new DigestScheduler(schedules, bindings, deliveries, cards, ZONE, clock,
                    Duration.ofHours(1));
            now.set(millis(today, "23:00"));
            restarted.checkNow();
            await(() -> telegram.posted.size() >= 1);
            Thread.sleep(200);
            assertThat(telegram.posted).as("once per day, across a restart").hasSize(1);
            assertThat(telegram.posted.get(0).card().title()).isEqualTo("每日日报 · 2026-03-09");
            assertThat(telegram.posted.get(0).chatId()).isEqualTo("-100");

            now.set(millis(today.plusDays(1), "10:30"));
            restarted.checkNow();
            await(() -> telegram.posted.size() == 2);
            assertThat(telegram.posted.get(1).card().title()).isEqualTo("每日日报 · 2026-03-10");
        }
    }

    private static long millis(LocalDate day, String time) {
        return LocalDateTime.of(day, LocalTime.parse(time)).atZone(ZONE).toInstant().toEpochMilli();
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    private record Posted(String chatId, Card card) {
    }

    private static final class Recording implements ChatChannel {
        final List<Posted> posted = new CopyOnWriteArrayList<>();

        @Override
        public String name() {
            return "telegram";
        }

        @Override
        public SentCard send(String chatId, Card card, List<String> actionIds, String locale) {
            posted.add(new Posted(chatId, card));
            return new SentCard("telegram", chatId, "m" + posted.size());
        }

        @Override
        public void edit(SentCard sent, Card card, List<String> actionIds, String locale) {
            throw new UnsupportedOperationException("digests are not edited");
        }

        @Override
        public void sendFile(String chatId, dev.parley.card.CardFile file) {
            throw new UnsupportedOperationException("digests come without files");
        }
    }
}
