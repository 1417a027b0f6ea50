package dev.parley.outbound;

import java.time.Duration;
import java.util.List;
import java.util.Random;

import dev.parley.message.ChatType;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The pace rules on their own: gaps, the pause before another group, the window cap, estimates and back-off. */
class PacerTest {
    private static final Pacing PACING = new Pacing(3, Duration.ofSeconds(60), Duration.ofSeconds(1),
            Duration.ofSeconds(2), Duration.ofSeconds(5), 5, Duration.ofSeconds(2), Duration.ofSeconds(30));

    @Test
    void theFirstMessageMayGoAtOnce() {
        assertThat(new Pacer(PACING, new Random(1)).earliest("wxid_a", ChatType.PRIVATE)).isZero();
    }

    @Test
    void privateChatsAndTheSameGroupWaitTheGap() {
        Pacer pacer = new Pacer(PACING, new Random(1));
        pacer.sent("wxid_a", 10_000);
        assertThat(pacer.earliest("wxid_b", ChatType.PRIVATE)).isEqualTo(11_000);
        pacer.sent("9@chatroom", 20_000);
        assertThat(pacer.earliest("9@chatroom", ChatType.GROUP)).isEqualTo(21_000);
    }

    @Test
    void anotherGroupWaitsARandomPauseThatStaysTheSameUntilTheNextSend() {
        Pacer pacer = new Pacer(PACING, new Random(7));
        pacer.sent("1@chatroom", 10_000);
        long first = pacer.earliest("2@chatroom", ChatType.GROUP);
        assertThat(first).isBetween(12_000L, 15_000L).isEqualTo(pacer.earliest("2@chatroom", ChatType.GROUP));
        pacer.sent("wxid_a", 20_000);
        assertThat(pacer.earliest("2@chatroom", ChatType.GROUP)).isBetween(22_000L, 25_000L);
    }

    @Test
    void noWindowHoldsMoreThanTheLimit() {
        Pacer pacer = new Pacer(PACING, new Random(1));
        pacer.sent("wxid_a", 0);
        pacer.sent("wxid_a", 1_000);
        pacer.sent("wxid_a", 2_000);
        assertThat(pacer.earliest("wxid_a", ChatType.PRIVATE)).isEqualTo(60_000);
        pacer.sent("wxid_a", 60_000);
        assertThat(pacer.earliest("wxid_a", ChatType.PRIVATE)).isEqualTo(61_000);
    }

    @Test
    void aSendInProgressCountsForEstimates() {
        Pacer pacer = new Pacer(PACING, new Random(1));
        pacer.starting("wxid_a", 5_000);
        assertThat(pacer.estimate(List.of(new Pacer.Step("wxid_b", ChatType.PRIVATE, 0)), 5_100)).isEqualTo(6_000);
    }

    @Test
    void estimatesFollowTheRulesWithTheMeanGroupPause() {
        Pacer pacer = new Pacer(PACING, new Random(1));
        List<Pacer.Step> steps = List.of(
                new Pacer.Step("wxid_a", ChatType.PRIVATE, 0),
                new Pacer.Step("wxid_b", ChatType.PRIVATE, 0),
                new Pacer.Step("1@chatroom", ChatType.GROUP, 0),
                new Pacer.Step("wxid_c", ChatType.PRIVATE, 0),
                new Pacer.Step("wxid_d", ChatType.PRIVATE, 90_000));
        assertThat(pacer.estimate(steps.subList(0, 1), 1_000)).isEqualTo(1_000);
        assertThat(pacer.estimate(steps.subList(0, 2), 1_000)).isEqualTo(2_000);
        assertThat(pacer.estimate(steps.subList(0, 3), 1_000)).isEqualTo(5_500);
        assertThat(pacer.estimate(steps.subList(0, 4), 1_000)).as("the window: 3 a minute").isEqualTo(61_000);
        assertThat(pacer.estimate(steps, 1_000)).as("a retry not before its time").isEqualTo(90_000);
    }

    @Test
    void backOffDoublesWithJitterUpToTheCeiling() {
        Random random = new Random(3);
        for (int attempt = 1; attempt <= 10; attempt++) {
            long full = Math.min(30_000, 2_000L << (attempt - 1));
            assertThat(PACING.backoffMillis(attempt, random)).as("after attempt " + attempt).isBetween(full / 2, full);
        }
        assertThat(PACING.backoffMillis(1_000, random)).isBetween(15_000L, 30_000L);
    }

    @Test
    void settingsThatWouldStopOrFloodTheQueueAreRefused() {
        assertThatThrownBy(() -> new Pacing(0, Duration.ofMinutes(1), Duration.ZERO, Duration.ZERO, Duration.ZERO, 1,
                Duration.ofSeconds(1), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Pacing(40, Duration.ofMinutes(1), Duration.ZERO, Duration.ofSeconds(5),
                Duration.ofSeconds(2), 1, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
