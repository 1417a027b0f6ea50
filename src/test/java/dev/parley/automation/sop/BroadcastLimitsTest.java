package dev.parley.automation.sop;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import dev.parley.console.CommandClient;
import dev.parley.outbound.GeweScenario;
import dev.parley.outbound.GeweScenario.Bot;
import dev.parley.testing.Await;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The daily cap and quiet hours in a running service: one service with a cap of 2 broadcast messages per account and
 * day, one whose quiet hours are the two hours around the test's start (in the tests' zone, Asia/Shanghai). Each
 * waits for the runner to have looked again several times, then checks what it held back and what its card says.
 */
class BroadcastLimitsTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static GeweScenario capped;
    private static GeweScenario quiet;
    private static LocalTime quietEnd;

    @BeforeAll
    static void start() {
        capped = GeweScenario.start("sop-cap", Map.of("quiet.hours", "off", "broadcast.daily.cap", "2",
                "broadcast.poll.ms", "50", "broadcast.progress.ms", "0"));
        LocalTime now = LocalTime.now(ZONE).truncatedTo(ChronoUnit.MINUTES);
        quietEnd = now.plusHours(1);
        quiet = GeweScenario.start("sop-quiet", Map.of("quiet.hours", now.minusHours(1) + "-" + quietEnd,
                "broadcast.poll.ms", "50", "broadcast.progress.ms", "0"));
    }

    @AfterAll
    static void stop() {
        try {
            capped.close();
        } finally {
            quiet.close();
        }
    }

    private static CommandClient.Response broadcast(GeweScenario s, Bot bot, String task, int groups) {
        StringBuilder to = new StringBuilder("group:");
        for (int i = 1; i <= groups; i++) {
            String room = task + bot.id() + "r" + i + "@chatroom";
            s.group(bot, room, task + "群" + i, 5);
            to.append(i > 1 ? "," : "").append(room);
        }
        s.run("/sop create " + task + " account:" + bot.id() + " to:" + to, "en");
        s.run("/sop step " + task + " 0 限时优惠", "en");
        CommandClient.Response question = s.run("/sop start " + task, "en");
        return s.press(question.action(1));
    }

    private static void awaitRounds(GeweScenario s, int more) throws InterruptedException {
        long target = s.app().parley().broadcasts().rounds() + more;
        Await.until(() -> s.app().parley().broadcasts().rounds() >= target, more + " broadcast rounds");
    }

    private static long texts(GeweScenario s, Bot bot) {
        return s.sentBy(bot).stream().filter(r -> r.path().endsWith("/postText")).count();
    }

    @Test
    void theDailyCapHoldsTheRestUntilTomorrowAndTheConfirmationSaysSo() throws Exception {
        Bot bot = capped.bot("上限客服");
        CommandClient.Response card = broadcast(capped, bot, "cap", 3);
        assertThat(card.liveId()).isNotNull();
        Await.until(() -> texts(capped, bot) == 2, "two messages, the cap");
        Await.until(() -> capped.app().count("SELECT COUNT(*) FROM sop_sends WHERE account_id = " + bot.id()
                + " AND state = 'queued'") == 0, "both sent");
        awaitRounds(capped, 3);
        assertThat(texts(capped, bot)).isEqualTo(2);
        String tomorrow = ZonedDateTime.now(ZONE).toLocalDate().plusDays(1).atStartOfDay(ZONE)
                .format(DateTimeFormatter.ofPattern("MM-dd HH:mm"));
        String status = capped.run("/sop status cap", "en").text();
        assertThat(status).contains("Daily cap reached: it continues at", "Left", "at most 2 broadcast messages");
        if (!tomorrow.startsWith("01-01")) {
            assertThat(status).contains(tomorrow);
        }
        assertThat(capped.app().count("SELECT COUNT(*) FROM sop_sends WHERE account_id = " + bot.id()
                + " AND state = 'pending'")).isEqualTo(1);

        Bot other = capped.bot("上限客服2");
        for (int i = 1; i <= 5; i++) {
            capped.group(other, "capplan" + other.id() + "r" + i + "@chatroom", "计划群" + i, 5);
        }
        capped.run("/sop create plan account:" + other.id() + " to:group:" + String.join(",", List.of(
                "capplan" + other.id() + "r1@chatroom", "capplan" + other.id() + "r2@chatroom",
                "capplan" + other.id() + "r3@chatroom", "capplan" + other.id() + "r4@chatroom",
                "capplan" + other.id() + "r5@chatroom")), "en");
        capped.run("/sop step plan 0 hi", "en");
        assertThat(capped.run("/sop start plan", "en").text()).contains("The daily cap of 2 per account spreads it over 3 days.");
    }

    @Test
    void nothingIsHandedToTheQueueInQuietHoursAndTheCardSaysUntilWhen() throws Exception {
        Bot bot = quiet.bot("静默客服");
        CommandClient.Response card = broadcast(quiet, bot, "night", 2);
        assertThat(card.text()).contains("Quiet hours: it continues at");
        awaitRounds(quiet, 5);
        assertThat(texts(quiet, bot)).isZero();
        assertThat(quiet.app().count("SELECT COUNT(*) FROM outbound WHERE account_id = " + bot.id())).isZero();
        assertThat(quiet.run("/sop status night", "en").text()).contains("Quiet hours: it continues at",
                quietEnd.toString(), "quiet hours " + quietEnd.minusHours(2) + "-" + quietEnd);
        assertThat(quiet.run("/群发 进度 night", "zh-CN").text()).contains("免打扰时段");
    }
}
