package dev.parley.channel.telegram;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.parley.testing.TestParley;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A webhook can deliver {@code /cmd@bot} in a group before start-up learnt the bot's own name (Telegram was busy when
 * {@code getMe} was first asked): the command is still recognised, and one for another bot is still ignored.
 */
class TelegramEarlyUpdateTest {
    private static final String SECRET = "early-secret_7";

    @Test
    void aCommandNamingThisBotIsAnsweredEvenBeforeStartUpKnewTheName() throws Exception {
        try (FakeTelegramServer telegram = FakeTelegramServer.start(TelegramChannelTest.TOKEN)) {
            telegram.tooManyRequests("getMe", 60);
            try (TestParley app = TestParley.start("telegramearly", Map.of(
                    "telegram.token", TelegramChannelTest.TOKEN,
                    "telegram.api.url", telegram.url().toString(),
                    "telegram.mode", "webhook",
                    "telegram.webhook.secret", SECRET,
                    "public.url", "https://parley.example.com/"))) {
                post(app, "/whoami@other_bot");
                post(app, "/whoami@" + FakeTelegramServer.BOT_USERNAME);
                FakeTelegramServer.Call answer = telegram.await("sendMessage", c -> c.field("chat_id").equals("-1005005"));
                assertThat(answer.field("text")).contains("telegram:5005");
                Thread.sleep(300);
                assertThat(telegram.calls("sendMessage")).hasSize(1);
            }
        }
    }

    private static void post(TestParley app, String text) {
        byte[] update = FakeTelegramServer.webhookUpdate(5005, -1_005_005, text).getBytes(StandardCharsets.UTF_8);
        assertThat(app.post("/webhooks/telegram", update,
                Map.of("X-Telegram-Bot-Api-Secret-Token", SECRET)).status()).isEqualTo(200);
    }
}
