package dev.parley.channel.telegram;

import java.time.Duration;

import dev.parley.channel.ChannelException;
import dev.parley.channel.SendPacer;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Sends stay inside Telegram's flood limits: bursts pass, then a long wait becomes a transient failure. */
class TelegramLimitsTest {
    @Test
    void aGroupTakesABurstThenAsksToWaitAboutThreeSecondsPerMessage() throws Exception {
        SendPacer pacer = TelegramChannel.limits(Duration.ZERO);
        for (int i = 0; i < 5; i++) {
            pacer.await("-100123");
        }
        assertThatThrownBy(() -> pacer.await("-100123")).isInstanceOfSatisfying(ChannelException.class, e -> {
            assertThat(e.isTransient()).isTrue();
            assertThat(e.retryAfter()).isBetween(Duration.ofMillis(2500), Duration.ofSeconds(3));
        });
        pacer.await("555"); // other chats are not held up
    }

    @Test
    void aTooManyRequestsAnswerHoldsTheChatForTheTimeAsked() throws Exception {
        SendPacer pacer = TelegramChannel.limits(Duration.ZERO);
        pacer.await("777");
        pacer.throttled("777", Duration.ofSeconds(5));
        assertThatThrownBy(() -> pacer.await("777")).isInstanceOfSatisfying(ChannelException.class,
                e -> assertThat(e.retryAfter()).isBetween(Duration.ofMillis(4900), Duration.ofSeconds(5)));
    }
}
