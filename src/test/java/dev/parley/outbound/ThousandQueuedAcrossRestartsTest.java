package dev.parley.outbound;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.parley.message.ChatType;
import dev.parley.outbound.GeweScenario.Bot;
import dev.parley.rbac.Identity;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.parley.outbound.GeweScenario.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * 1,000 messages queued, Parley restarted before they go and again while they are going: every one reaches the
 * platform exactly once. (The pace is shortened to milliseconds; the queue's rules are what is under test.)
 */
class ThousandQueuedAcrossRestartsTest {
    private static final int COUNT = 1000;
    private static final Duration PATIENCE = Duration.ofSeconds(120);
    private static GeweScenario s;

    @BeforeAll
    static void start() {
        s = GeweScenario.start("thousand", Map.of("outbound.gap.ms", "1", "outbound.group.gap.min.ms", "0",
                "outbound.group.gap.max.ms", "0", "outbound.rate.limit", "1000000"));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void everyQueuedMessageIsSentOnceAcrossTwoRestarts() {
        Bot bot = s.bot("Bulk");
        s.run("/queue pause " + bot.id(), "en");
        for (int i = 0; i < COUNT; i++) {
            s.app().parley().outbound().enqueue(new OutboundRequest(bot.id(), "wxid_bulk_" + i % 50, ChatType.PRIVATE,
                    "bulk " + i, List.of(), new Identity("http", "admin"), null));
        }
        s.app().restart();
        assertThat(s.app().count("SELECT COUNT(*) FROM outbound WHERE state = 'queued' AND account_id = " + bot.id()))
                .isEqualTo(COUNT);
        s.run("/queue resume " + bot.id(), "en");
        assertThat(eventually(() -> s.sentBy(bot).size() >= COUNT / 3, PATIENCE)).isTrue();
        s.app().restart();

        assertThat(eventually(() -> s.sentBy(bot).size() >= COUNT, PATIENCE)).as("all sent").isTrue();
        assertThat(eventually(() -> s.app().count("SELECT COUNT(*) FROM outbound WHERE state = 'sent' AND account_id = "
                + bot.id()) == COUNT, PATIENCE)).as("all recorded as sent").isTrue();
        Map<String, Long> perText = s.sentBy(bot).stream()
                .collect(Collectors.groupingBy(r -> r.field("content"), Collectors.counting()));
        assertThat(perText).hasSize(COUNT).allSatisfy((text, times) -> assertThat(times).as(text).isEqualTo(1));
        System.out.printf("restart with %d queued: sent %d, duplicates %d, lost %d%n", COUNT, perText.size(),
                s.sentBy(bot).size() - perText.size(), COUNT - perText.size());
    }
}
