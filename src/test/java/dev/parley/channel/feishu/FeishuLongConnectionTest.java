package dev.parley.channel.feishu;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.parley.testing.TestParley;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Feishu channel in long-connection mode end to end: the whole service in {@link TestParley} with
 * {@code feishu.mode=websocket} and no Encrypt Key, {@link FakeFeishuServer} handing out the URL of
 * {@link FakeFeishuLongConnection}, which pushes events as protobuf frames and reads the answers.
 */
class FeishuLongConnectionTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String APP_ID = "cli_ws_" + UUID.randomUUID().toString().substring(0, 8);
    private static final String APP_SECRET = "ws-app-secret-" + UUID.randomUUID();
    private static final String OWNER = "ou_ws_owner";
    private static final Logger PARLEY_LOGS = Logger.getLogger("dev.parley");

    private static FakeFeishuServer feishu;
    private static FakeFeishuLongConnection socket;
    private static TestParley app;
    private static FeishuEventSender events;
    private static Level parleyLevel;
    private static CapturedLog logged;

    @BeforeAll
    static void start() throws Exception {
        logged = CapturedLog.install();
        parleyLevel = PARLEY_LOGS.getLevel();
        PARLEY_LOGS.setLevel(Level.ALL);
        socket = FakeFeishuLongConnection.start();
        feishu = FakeFeishuServer.start().longConnection(socket);
        app = TestParley.start("feishuws", Map.of(
                "feishu.app.id", APP_ID,
                "feishu.app.secret", APP_SECRET,
                "feishu.mode", "websocket",
                "feishu.base.url", feishu.baseUrl().toString(),
                "owners", "http:admin,feishu:" + OWNER));
        events = new FeishuEventSender(app, APP_ID, "", "");
        await("connected", () -> "connected".equals(feishuHealth().path("state").asText()));
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        socket.close();
        feishu.close();
        logged.uninstall();
        PARLEY_LOGS.setLevel(parleyLevel);
    }

    @Test
    void theClientAsksForTheEndpointConnectsAndPingsAsFeishuSays() throws Exception {
        JsonNode asked = feishu.endpointRequests().get(0);
        assertThat(asked.path("AppID").asText()).isEqualTo(APP_ID);
        assertThat(asked.path("AppSecret").asText()).isEqualTo(APP_SECRET);
        assertThat(socket.requestTargets().get(0)).contains("service_id=" + FakeFeishuLongConnection.SERVICE_ID);
        // the endpoint says ping every 120 s; the first pong says every second
        await("pings every second", () -> socket.pings().size() >= 3);
        assertThat(socket.pings()).allSatisfy(p -> {
            assertThat(p.service()).isEqualTo(FakeFeishuLongConnection.SERVICE_ID);
            assertThat(p.method()).isEqualTo(FeishuFrame.CONTROL);
            assertThat(p.header("type")).isEqualTo("ping");
        });
        JsonNode health = feishuHealth();
        assertThat(health.path("mode").asText()).isEqualTo("websocket");
        assertThat(health.path("state").asText()).isEqualTo("connected");
    }

    @Test
    void theWebhookSaysEventsComeOverTheLongConnection() {
        TestParley.Reply zh = app.post("/webhooks/feishu", "{}".getBytes(StandardCharsets.UTF_8),
                Map.of("Accept-Language", "zh-CN"));
        assertThat(zh.status()).isEqualTo(503);
        assertThat(zh.json().path("error").asText()).contains("长连接");
        TestParley.Reply en = app.post("/webhooks/feishu", "{}".getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(en.json().path("error").asText()).contains("long connection");
    }

    @Test
    void helpIsAnsweredInEnglishAndInChinese() throws Exception {
        FeishuFrame answer = push(events.message(UUID.randomUUID().toString(), "ou_ws_lang", "oc_ws_en", "p2p", "/help", null), 1);
        JsonNode reply = FakeFeishuLongConnection.payload(answer);
        assertThat(reply.path("code").asInt()).isEqualTo(200);
        assertThat(reply.has("data")).isFalse();
        assertThat(answer.header("biz_rt")).matches("\\d+");
        assertThat(answer.header("message_id")).isNotNull();
        assertThat(answer.seqId()).isPositive();
        await("answer in oc_ws_en", () -> feishu.sentTo("oc_ws_en").size() == 1);
        assertThat(title(feishu.sentTo("oc_ws_en").get(0).card())).isEqualTo("Commands");

        push(events.message(UUID.randomUUID().toString(), "ou_ws_zh", "oc_ws_zh", "p2p", "/帮助", null), 1);
        await("answer in oc_ws_zh", () -> feishu.sentTo("oc_ws_zh").size() == 1);
        assertThat(title(feishu.sentTo("oc_ws_zh").get(0).card())).isEqualTo("命令列表");
    }

    @Test
    void aPressIsAnsweredInTheResponseFrameWithToastAndCardAndAViewersPressIsRefused() throws Exception {
        String chat = "oc_ws_press";
        push(events.message(UUID.randomUUID().toString(), OWNER, chat, "p2p", "/help alerts", null), 1);
        await("the help card", () -> feishu.sentTo(chat).size() == 1);
        FakeFeishuServer.Sent help = feishu.sentTo(chat).get(0);

        JsonNode pressed = answerData(push(events.pressEvent(OWNER, chat, help.messageId(), help.actionIds().get(0)), 1));
        assertThat(pressed.path("toast").path("type").asText()).isEqualTo("success");
        assertThat(pressed.path("card").path("type").asText()).isEqualTo("raw");
        assertThat(pressed.path("card").path("data").path("schema").asText()).isEqualTo("2.0");
        assertThat(title(pressed.path("card").path("data"))).isNotEqualTo(title(help.card()));

        app.run("/role grant feishu:ou_ws_viewer viewer", "en");
        push(events.message(UUID.randomUUID().toString(), "ou_ws_viewer", chat, "p2p", "/help audit", null), 1);
        await("the audit help card", () -> feishu.sentTo(chat).size() == 2);
        FakeFeishuServer.Sent audit = feishu.sentTo(chat).get(1);
        JsonNode refused = answerData(push(events.pressEvent("ou_ws_viewer", chat, audit.messageId(),
                audit.actionIds().get(0)), 1));
        assertThat(refused.path("toast").path("type").asText()).isEqualTo("error");
        assertThat(refused.path("toast").path("content").asText()).startsWith("Not allowed");
        assertThat(refused.has("card")).isFalse();
        assertThat(feishu.sentTo(chat)).hasSize(2);
        assertThat(feishu.patched()).isEmpty();
    }

    @Test
    void aRepushedEventRunsOnce() throws Exception {
        String chat = "oc_ws_dup";
        ObjectNode event = events.message(UUID.randomUUID().toString(), OWNER, chat, "p2p", "/whoami", null);
        assertThat(FakeFeishuLongConnection.payload(push(event, 1)).path("code").asInt()).isEqualTo(200);
        assertThat(FakeFeishuLongConnection.payload(push(event, 1)).path("code").asInt()).isEqualTo(200);
        await("one answer", () -> feishu.sentTo(chat).size() == 1);
        Thread.sleep(500);
        assertThat(feishu.sentTo(chat)).hasSize(1);
        assertThat(app.get("/metrics").body())
                .contains("parley_webhook_requests_total{result=\"duplicate\",source=\"feishu\"}");
    }

    @Test
    void aPayloadSplitInTwoFramesIsPutBackTogether() throws Exception {
        String chat = "oc_ws_parts";
        FeishuFrame answer = push(events.message(UUID.randomUUID().toString(), OWNER, chat, "p2p", "/help", null), 2);
        assertThat(answer.header("sum")).isEqualTo("2");
        assertThat(FakeFeishuLongConnection.payload(answer).path("code").asInt()).isEqualTo(200);
        await("answer in " + chat, () -> feishu.sentTo(chat).size() == 1);
        assertThat(title(feishu.sentTo(chat).get(0).card())).isEqualTo("Commands");
    }

    @Test
    void whenFeishuClosesTheSocketTheClientReconnectsAndCommandsWorkAgain() throws Exception {
        int before = socket.connections();
        socket.dropAll();
        await("a new connection", () -> socket.connections() == before + 1 && socket.open() == 1);
        await("connected again", () -> "connected".equals(feishuHealth().path("state").asText()));
        assertThat(feishuHealth().path("lastError").asText()).contains("closed by Feishu");
        String chat = "oc_ws_again";
        push(events.message(UUID.randomUUID().toString(), OWNER, chat, "p2p", "/help", null), 1);
        await("answer after reconnecting", () -> feishu.sentTo(chat).size() == 1);
    }

    @Test
    void neitherTheSecretNorTheTokenNorTheConnectionTicketReachesTheLog() throws Exception {
        String chat = "oc_ws_secret";
        push(events.message(UUID.randomUUID().toString(), OWNER, chat, "p2p", "/help", null), 1);
        await("answer in " + chat, () -> feishu.sentTo(chat).size() == 1);
        assertThat(logged.lines()).anySatisfy(line -> assertThat(line).contains("long connection open"))
                .allSatisfy(line -> assertThat(line)
                        .doesNotContain(APP_SECRET, FakeFeishuServer.TENANT_TOKEN, FakeFeishuLongConnection.TICKET));
        assertThat(feishuHealth().toString()).doesNotContain(FakeFeishuLongConnection.TICKET, APP_SECRET);
    }

    private static FeishuFrame push(ObjectNode event, int parts) throws Exception {
        return socket.push(event, parts).get(10, TimeUnit.SECONDS);
    }

    private static JsonNode answerData(FeishuFrame answer) throws Exception {
        JsonNode reply = FakeFeishuLongConnection.payload(answer);
        assertThat(reply.path("code").asInt()).isEqualTo(200);
        return JSON.readTree(Base64.getDecoder().decode(reply.path("data").asText()));
    }

    private static String title(JsonNode card) {
        return card.path("header").path("title").path("content").asText();
    }

    private static JsonNode feishuHealth() {
        return app.get("/health").json().path("channels").path("feishu");
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime() < deadline).as("timed out waiting for " + what).isTrue();
            Thread.sleep(25);
        }
    }
}
