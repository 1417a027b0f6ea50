package dev.parley.channel.feishu;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.parley.http.WebhookMetrics;
import dev.parley.i18n.Messages;
import dev.parley.testing.TestParley;

import io.prometheus.metrics.model.registry.PrometheusRegistry;

import com.fasterxml.jackson.databind.JsonNode;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A Feishu app configured without an Encrypt Key in webhook mode, or with an unknown mode, does not start: the
 * service runs, {@code /health} says why, and the webhook answers 503 with the reason. (The long-connection
 * mode needs no Encrypt Key: {@link FeishuLongConnectionTest}.)
 */
class FeishuRefusedTest {
    @Test
    void withoutAnEncryptKeyTheChannelRefusesToStartAndSaysWhy() {
        try (TestParley app = TestParley.start("feishuoff", Map.of(
                "feishu.app.id", "cli_refused",
                "feishu.app.secret", "refused-secret",
                "feishu.base.url", "http://127.0.0.1:9"))) {
            String health = app.get("/health").json().path("channels").toString();
            assertThat(health).contains("refused", "PARLEY_FEISHU_ENCRYPT_KEY");
            TestParley.Reply reply = app.post("/webhooks/feishu", "{}".getBytes(StandardCharsets.UTF_8),
                    Map.of("Accept-Language", "zh-CN"));
            assertThat(reply.status()).isEqualTo(503);
            assertThat(reply.json().path("error").asText()).contains("Encrypt Key", "未启动");
            assertThat(app.run("/status", "en").body().path("result").asText()).isEqualTo("ok");
        }
    }

    @Test
    void aLongConnectionThatFeishuRefusesIsReportedAndNotTriedAgain() throws Exception {
        try (FakeFeishuServer feishu = FakeFeishuServer.start();
             TestParley app = longConnectionThrough(feishu, "feishuwsrefused")) {
            JsonNode channels = channelsOnceFeishuIs(app, "refused");
            assertThat(channels.path("status").asText()).isEqualTo("DEGRADED");
            assertThat(channels.path("feishu").path("lastError").asText()).contains("514", "auth failed");
            assertThat(channels.toString()).doesNotContain("feishuwsrefused-secret");
            Thread.sleep(1500);
            assertThat(feishu.endpointRequests()).hasSize(1);
        }
    }

    @Test
    void aLongConnectionThatCannotBeOpenedIsTriedReconnectCountMoreTimesThenGivenUp() throws Exception {
        FakeFeishuLongConnection gone = FakeFeishuLongConnection.start();
        gone.close();
        try (FakeFeishuServer feishu = FakeFeishuServer.start().longConnection(gone).reconnectCount(2);
             TestParley app = longConnectionThrough(feishu, "feishuwsgone")) {
            JsonNode channels = channelsOnceFeishuIs(app, "gave_up");
            assertThat(channels.path("status").asText()).isEqualTo("DEGRADED");
            assertThat(channels.path("feishu").path("lastError").asText()).contains("could not open ws://127.0.0.1:")
                    .doesNotContain(FakeFeishuLongConnection.TICKET);
            assertThat(feishu.endpointRequests()).hasSize(3);
        }
    }

    @Test
    void anUnknownModeRefusesToStartAndNamesBothModes() {
        FeishuAdmin admin = FeishuAdmin.builder()
                .settings(new FeishuSettings("cli_mode", "mode-secret", "key", "", "https://open.feishu.cn", "socket"))
                .texts(Messages.load(), WebhookMetrics.register(new PrometheusRegistry()))
                .build();
        assertThat(admin.up()).isFalse();
        assertThat(admin.status().healthy()).isFalse();
        assertThat(admin.status().details()).containsEntry("state", "refused").containsEntry("mode", "socket");
        assertThat(admin.status().details().get("reason").toString()).contains("webhook or websocket");
    }

    @Test
    void withoutAnAppIdTheChannelIsSimplyOff() {
        FeishuAdmin admin = FeishuAdmin.builder()
                .settings(new FeishuSettings("", "", "", "", "https://open.feishu.cn", FeishuSettings.WEBHOOK))
                .texts(Messages.load(), WebhookMetrics.register(new PrometheusRegistry()))
                .build();
        assertThat(admin.up()).isFalse();
        assertThat(admin.status().details()).containsExactly(Map.entry("state", "off"));
        assertThat(admin.status().healthy()).isTrue();
    }

    private static TestParley longConnectionThrough(FakeFeishuServer feishu, String purpose) {
        return TestParley.start(purpose, Map.of(
                "feishu.app.id", "cli_" + purpose,
                "feishu.app.secret", purpose + "-secret",
                "feishu.mode", "websocket",
                "feishu.base.url", feishu.baseUrl().toString()));
    }

    private static JsonNode channelsOnceFeishuIs(TestParley app, String state) throws InterruptedException {
        for (int i = 0; i < 200 && !state.equals(app.get("/health").json().path("channels").path("feishu").path("state")
                .asText()); i++) {
            Thread.sleep(50);
        }
        JsonNode channels = app.get("/health").json().path("channels");
        assertThat(channels.path("feishu").path("state").asText()).isEqualTo(state);
        return channels;
    }
}
