package dev.parley.outbound;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.parley.connector.gewe.FakeGeweRequest;
import dev.parley.outbound.GeweScenario.Bot;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.parley.outbound.GeweScenario.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The pace rules, measured where they matter: the times the fake GeWe received the sends. Paces are shortened
 * (100 ms between messages, 300–400 ms before another group, 4 per 2 s) so the rules show in seconds.
 */
class PacedSendingTest {
    private static final long GAP = 100;
    private static final long GROUP_GAP = 300;
    private static final int LIMIT = 4;
    private static final long WINDOW = 2000;
    private static final Duration PATIENCE = Duration.ofSeconds(20);
    private static GeweScenario s;

    @BeforeAll
    static void start() {
        s = GeweScenario.start("paced", Map.of(
                "outbound.gap.ms", Long.toString(GAP),
                "outbound.group.gap.min.ms", Long.toString(GROUP_GAP),
                "outbound.group.gap.max.ms", "400",
                "outbound.rate.limit", Integer.toString(LIMIT),
                "outbound.rate.window.ms", Long.toString(WINDOW)));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void sendsAreSpacedAndNoWindowHoldsMoreThanTheLimit() {
        Bot bot = s.bot("Steady");
        List<String> texts = List.of("p1", "p2", "p3", "p4", "p5", "p6", "p7", "p8", "p9");
        queueWhilePaused(bot, texts.stream().map(t -> "wxid_p" + (t.charAt(1) % 2) + " " + t).toList());

        List<FakeGeweRequest> sent = awaitSent(bot, texts.size());

        assertThat(sent).extracting(r -> r.field("content")).containsExactlyElementsOf(texts);
        for (int i = 1; i < sent.size(); i++) {
            assertThat(millisBetween(sent.get(i - 1), sent.get(i))).as("gap before send " + i).isGreaterThanOrEqualTo(GAP);
        }
        for (int i = LIMIT; i < sent.size(); i++) {
            assertThat(millisBetween(sent.get(i - LIMIT), sent.get(i)))
                    .as("sends " + (i - LIMIT) + ".." + i + " span more than the window").isGreaterThanOrEqualTo(WINDOW);
        }
    }

    @Test
    void switchingToAnotherGroupPausesLongerThanStayingInOne() {
        Bot bot = s.bot("Hopper");
        queueWhilePaused(bot, List.of("111@chatroom a", "111@chatroom b", "222@chatroom c", "wxid_q d", "111@chatroom e"));

        List<FakeGeweRequest> sent = awaitSent(bot, 5);

        assertThat(sent).extracting(r -> r.field("content")).containsExactly("a", "b", "c", "d", "e");
        assertThat(millisBetween(sent.get(0), sent.get(1))).as("same group").isGreaterThanOrEqualTo(GAP);
        assertThat(millisBetween(sent.get(1), sent.get(2))).as("to another group").isGreaterThanOrEqualTo(GROUP_GAP);
        assertThat(millisBetween(sent.get(2), sent.get(3))).as("to a private chat").isGreaterThanOrEqualTo(GAP);
        assertThat(millisBetween(sent.get(3), sent.get(4))).as("back to a group").isGreaterThanOrEqualTo(GROUP_GAP);
    }

    @Test
    void eachAccountSendsOneAtATimeWhileAccountsSendInParallel() {
        long slow = 250;
        Bot first = s.bot("Left");
        Bot second = s.bot("Right");
        s.run("/queue pause " + first.id(), "en");
        s.run("/queue pause " + second.id(), "en");
        for (String text : List.of("l1", "l2", "l3")) {
            s.run("/send " + first.id() + " wxid_l " + text, "en");
            s.run("/send " + second.id() + " wxid_r " + text.replace('l', 'r'), "en");
        }
        s.gewe().on("/message/postText").times(6).delay(Duration.ofMillis(slow));
        try {
            s.run("/queue resume " + first.id(), "en");
            s.run("/queue resume " + second.id(), "en");

            List<FakeGeweRequest> left = awaitSent(first, 3);
            List<FakeGeweRequest> right = awaitSent(second, 3);

            for (List<FakeGeweRequest> one : List.of(left, right)) {
                for (int i = 1; i < one.size(); i++) {
                    assertThat(millisBetween(one.get(i - 1), one.get(i))).as("the previous send had finished")
                            .isGreaterThanOrEqualTo(slow + GAP);
                }
            }
            assertThat(right.getFirst().receivedAt()).as("the accounts did not wait for each other")
                    .isBefore(left.getLast().receivedAt());
            assertThat(left.getFirst().receivedAt()).isBefore(right.getLast().receivedAt());
        } finally {
            s.gewe().clearFaults();
        }
    }

    private static void queueWhilePaused(Bot bot, List<String> chatAndText) {
        s.run("/queue pause " + bot.id(), "en");
        for (String line : chatAndText) {
            assertThat(s.run("/send " + bot.id() + " " + line, "en").text()).contains("Queued as #");
        }
        s.run("/queue resume " + bot.id(), "en");
    }

    private static List<FakeGeweRequest> awaitSent(Bot bot, int count) {
        assertThat(eventually(() -> s.sentBy(bot).size() >= count, PATIENCE)).as(count + " sends").isTrue();
        return s.sentBy(bot);
    }

    private static long millisBetween(FakeGeweRequest earlier, FakeGeweRequest later) {
        Instant a = earlier.receivedAt();
        Instant b = later.receivedAt();
        return Duration.between(a, b).toMillis();
    }
}
