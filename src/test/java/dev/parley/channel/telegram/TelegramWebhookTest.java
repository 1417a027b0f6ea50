package dev.parley.channel.telegram;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.parley.testing.TestParley;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Webhook mode: Telegram's posts are taken only with the right secret header, and only well-formed ones. */
class TelegramWebhookTest {
    private static final String SECRET = "hook-secret_42";
    private static final String HEADER = "X-Telegram-Bot-Api-Secret-Token";
    private static FakeTelegramServer telegram;
    private static TestParley app;

    @BeforeAll
    static void start() {
        telegram = FakeTelegramServer.start(TelegramChannelTest.TOKEN);
        app = TestParley.start("telegramhook", Map.of(
                "telegram.token", TelegramChannelTest.TOKEN,
                "telegram.api.url", telegram.url().toString(),
                "telegram.mode", "webhook",
                "telegram.webhook.secret", SECRET,
                "public.url", "https://parley.example.com/",
                "webhook.max.body.bytes", "4096"));
    }

    @AfterAll
    static void stop() {
        app.close();
        telegram.close();
    }

    @Test
    void theWebhookIsRegisteredWithItsSecretAndNothingPolls() {
        FakeTelegramServer.Call registered = telegram.await("setWebhook", c -> true);
        assertThat(registered.field("url")).isEqualTo("https://parley.example.com/webhooks/telegram");
        assertThat(registered.field("secret_token")).isEqualTo(SECRET);
        assertThat(telegram.calls("deleteWebhook")).isEmpty();
        assertThat(telegram.calls("setMyCommands")).hasSize(2);
    }

    @Test
    void aWrongOrMissingSecretIsRefusedAndRunsNothing() throws Exception {
        byte[] update = FakeTelegramServer.webhookUpdate(4001, 4001, "/whoami").getBytes(StandardCharsets.UTF_8);
        TestParley.Reply wrong = app.post("/webhooks/telegram", update, Map.of(HEADER, SECRET + "x"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.body()).contains("X-Telegram-Bot-Api-Secret-Token");
        assertThat(app.post("/webhooks/telegram", update, Map.of()).status()).isEqualTo(401);
        Thread.sleep(300);
        assertThat(telegram.calls("sendMessage")).noneMatch(c -> c.field("chat_id").equals("4001"));
        assertThat(app.count("SELECT COUNT(*) FROM audit_log WHERE actor = 'telegram:4001'")).isZero();
    }

    @Test
    void badBodiesAreRefusedAndAGoodOneIsAnswered() {
        assertThat(app.post("/webhooks/telegram", "{not json".getBytes(StandardCharsets.UTF_8), Map.of(HEADER, SECRET))
                .status()).isEqualTo(400);
        assertThat(app.post("/webhooks/telegram", new byte[8192], Map.of(HEADER, SECRET)).status()).isEqualTo(413);
        byte[] update = FakeTelegramServer.webhookUpdate(4002, 4002, "/whoami").getBytes(StandardCharsets.UTF_8);
        assertThat(app.post("/webhooks/telegram", update, Map.of(HEADER, SECRET)).status()).isEqualTo(200);
        assertThat(telegram.await("sendMessage", c -> c.field("chat_id").equals("4002")).field("text"))
                .contains("telegram:4002");
        assertThat(app.get("/health").body()).contains("\"mode\":\"webhook\"");
    }
}
