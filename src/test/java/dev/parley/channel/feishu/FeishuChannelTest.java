package dev.parley.channel.feishu;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.StreamSupport;

import javax.imageio.ImageIO;

import dev.parley.connector.gewe.FakeGeweServer;
import dev.parley.testing.QrDecoder;
import dev.parley.testing.TestParley;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Feishu admin channel end to end: real Lark SDK against {@link FakeFeishuServer}, events built, encrypted
 * and signed as Feishu does by {@link FeishuEventSender}, the whole service in {@link TestParley}.
 */
class FeishuChannelTest {
    private static final String APP_ID = "cli_test_" + UUID.randomUUID().toString().substring(0, 8);
    private static final String APP_SECRET = "app-secret-" + UUID.randomUUID();
    private static final String ENCRYPT_KEY = "encrypt-key-" + UUID.randomUUID();
    private static final String VERIFICATION_TOKEN = "verify-token-" + UUID.randomUUID();
    private static final String OWNER = "ou_owner";
    private static final Logger SDK_LOGS = Logger.getLogger("com.lark");
    private static final Logger PARLEY_LOGS = Logger.getLogger("dev.parley");

    private static FakeFeishuServer feishu;
    private static FakeGeweServer gewe;
    private static TestParley app;
    private static FeishuEventSender events;
    private static Level parleyLevel;
    private static CapturedLog logged;

    @BeforeAll
    static void start() {
        logged = CapturedLog.install();
        SDK_LOGS.setLevel(Level.ALL);
        parleyLevel = PARLEY_LOGS.getLevel();
        PARLEY_LOGS.setLevel(Level.INFO);
        feishu = FakeFeishuServer.start();
        gewe = FakeGeweServer.start();
        app = TestParley.start("feishu", Map.ofEntries(
                Map.entry("feishu.app.id", APP_ID),
                Map.entry("feishu.app.secret", APP_SECRET),
                Map.entry("feishu.encrypt.key", ENCRYPT_KEY),
                Map.entry("feishu.verification.token", VERIFICATION_TOKEN),
                Map.entry("feishu.base.url", feishu.baseUrl().toString()),
                Map.entry("owners", "http:admin,feishu:" + OWNER),
                Map.entry("gewe.base.url", gewe.baseUrl().toString()),
                Map.entry("gewe.token", gewe.token()),
                Map.entry("login.poll.ms", "100"),
                Map.entry("online.reconnect.attempts", "1"),
                Map.entry("online.reconnect.backoff.seconds", "0")));
        events = new FeishuEventSender(app, APP_ID, ENCRYPT_KEY, VERIFICATION_TOKEN);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        gewe.close();
        feishu.close();
        logged.uninstall();
        SDK_LOGS.setLevel(null);
        PARLEY_LOGS.setLevel(parleyLevel);
    }

    @Test
    void theUrlCheckIsAnsweredWithItsChallengeOnlyWithTheVerificationToken() {
        TestParley.Reply ok = events.challenge("c-123", VERIFICATION_TOKEN);
        assertThat(ok.status()).isEqualTo(200);
        assertThat(ok.json().path("challenge").asText()).isEqualTo("c-123");
        assertThat(events.challenge("c-456", "wrong-token").status()).isEqualTo(401);
        assertThat(app.get("/health").json().path("channels").toString()).contains("feishu", "up", "/webhooks/feishu");
    }

    @Test
    void helpIsAnsweredInEnglishAndInChineseAfterLangOrWhenAskedInChinese() throws Exception {
        String chat = "oc_p2p_lang";
        assertThat(events.direct("ou_lang", chat, "/help").status()).isEqualTo(200);
        await(() -> feishu.sentTo(chat).size() == 1);
        JsonNode card = feishu.sentTo(chat).get(0).card();
        assertThat(feishu.sentTo(chat).get(0).msgType()).isEqualTo("interactive");
        assertThat(card.path("schema").asText()).isEqualTo("2.0");
        assertThat(card.path("config").path("update_multi").asBoolean()).isTrue();
        assertThat(card.path("header").path("title").path("content").asText()).isEqualTo("Commands");
        assertThat(card.path("header").path("template").asText()).isEqualTo("blue");

        events.direct("ou_lang", chat, "/lang zh-CN");
        await(() -> feishu.sentTo(chat).size() == 2);
        events.direct("ou_lang", chat, "/help");
        await(() -> feishu.sentTo(chat).size() == 3);
        assertThat(feishu.sentTo(chat).get(2).card().path("header").path("title").path("content").asText())
                .isEqualTo("命令列表");
        events.direct("ou_chinese", "oc_p2p_chinese", "/帮助");
        await(() -> feishu.sentTo("oc_p2p_chinese").size() == 1);
        assertThat(feishu.sentTo("oc_p2p_chinese").get(0).card().path("header").path("title").path("content").asText())
                .isEqualTo("命令列表");
        assertThat(feishu.tokenRequests()).isNotEmpty().allSatisfy(r -> assertThat(r.path("app_id").asText()).isEqualTo(APP_ID));
    }

    @Test
    void aPressedButtonRunsAsThePresserAndAnswersWithTheNewCard() throws Exception {
        String chat = "oc_p2p_owner";
        events.direct(OWNER, chat, "/help alerts");
        await(() -> feishu.sentTo(chat).size() == 1);
        FakeFeishuServer.Sent help = feishu.sentTo(chat).get(0);
        String action = actionIds(help.card()).get(0);

        TestParley.Reply pressed = events.press(OWNER, chat, help.messageId(), action);
        assertThat(pressed.status()).isEqualTo(200);
        JsonNode answer = pressed.json();
        assertThat(answer.path("toast").path("type").asText()).isEqualTo("success");
        assertThat(answer.path("card").path("type").asText()).isEqualTo("raw");
        assertThat(answer.path("card").path("data").path("schema").asText()).isEqualTo("2.0");
        assertThat(answer.path("card").path("data").path("header").path("title").path("content").asText())
                .isNotEqualTo(help.card().path("header").path("title").path("content").asText());
        assertThat(feishu.sentTo(chat)).hasSize(1);
    }

    @Test
    void aWechatLoginShowsAnUploadedQrThatAViewerCannotCancelAndAlertsReachTheBoundGroupOnce() throws Exception {
        app.run("/role grant feishu:ou_viewer viewer", "en");
        String chat = "oc_p2p_login";
        events.direct(OWNER, chat, "/bot add wechat 飞书客服");
        await(() -> feishu.sentTo(chat).size() == 1);
        FakeFeishuServer.Sent login = feishu.sentTo(chat).get(0);
        JsonNode img = element(login.card(), "img");
        FakeFeishuServer.Upload upload = feishu.images().stream()
                .filter(i -> i.key().equals(img.path("img_key").asText())).findFirst().orElseThrow();
        assertThat(upload.type()).isEqualTo("message");
        String appId = gewe.requests("/login/getLoginQrCode").getLast().replied("appId");
        assertThat(decodeQr(upload.bytes())).isEqualTo(gewe.requests("/login/getLoginQrCode").getLast().replied("qrData"));

        // a viewer presses Cancel: refused with a toast, the shared card stays, the login goes on
        List<String> buttons = actionIds(login.card());
        TestParley.Reply refused = events.press("ou_viewer", chat, login.messageId(), buttons.get(buttons.size() - 1));
        assertThat(refused.status()).isEqualTo(200);
        assertThat(refused.json().path("toast").path("type").asText()).isEqualTo("error");
        assertThat(refused.json().path("toast").path("content").asText()).startsWith("Not allowed").contains("viewer");
        assertThat(refused.json().has("card")).isFalse();
        assertThat(app.get("/metrics").body())
                .contains("parley_commands_total{channel=\"feishu\",result=\"denied\"}");
        gewe.scan(appId, "Dora");
        gewe.confirm(appId, "wxid_dora");
        await(() -> feishu.patched().stream().anyMatch(p -> p.messageId().equals(login.messageId())
                && p.content().contains("wxid_dora")));

        // alerts go to the group bound from Feishu, once
        String group = "oc_ops_group";
        events.group(OWNER, group, "/channel bind alerts", true);
        await(() -> feishu.sentTo(group).size() == 1);
        assertThat(feishu.sentTo(group).get(0).card().path("header").path("template").asText()).isEqualTo("green");
        gewe.goOffline(appId, false);
        gewe.callbacks(app.uri().resolve("/webhooks/gewe/" + TestParley.GEWE_SECRET)).offline(appId);
        await(() -> feishu.sentTo(group).size() == 2);
        Thread.sleep(1000);
        assertThat(feishu.sentTo(group)).hasSize(2);
        JsonNode alert = feishu.sentTo(group).get(1).card();
        assertThat(alert.path("header").path("title").path("content").asText()).contains("飞书客服");
        assertThat(alert.path("header").path("template").asText()).isEqualTo("red");

        // Re-login on the alert takes longer than Feishu waits: a toast now (in the presser's language), the login
        // card patched in later
        String alertMessage = feishu.sentTo(group).get(1).messageId();
        events.direct(OWNER, "oc_p2p_owner_lang", "/lang zh-CN");
        await(() -> feishu.sentTo("oc_p2p_owner_lang").size() == 1);
        gewe.on("/login/getLoginQrCode").times(1).delay(Duration.ofSeconds(4));
        TestParley.Reply slow = events.press(OWNER, group, alertMessage, actionIds(alert).get(0));
        events.direct(OWNER, "oc_p2p_owner_lang", "/lang en");
        assertThat(slow.status()).isEqualTo(200);
        assertThat(slow.json().path("toast").path("type").asText()).isEqualTo("info");
        assertThat(slow.json().path("toast").path("content").asText()).isEqualTo("正在处理，完成后卡片会更新。");
        assertThat(slow.json().has("card")).isFalse();
        await(() -> feishu.sentTo("oc_p2p_owner_lang").size() == 2);
        await(() -> feishu.patched().stream().anyMatch(p -> p.messageId().equals(alertMessage)
                && p.card().toString().contains("img_key")));
        assertThat(feishu.sentTo(group)).hasSize(2);
    }

    @Test
    void unsignedWronglySignedStaleAndMalformedRequestsAreRefusedAndRunNothing() throws Exception {
        String chat = "oc_p2p_forged";
        ObjectNode event = events.message(UUID.randomUUID().toString(), OWNER, chat, "p2p", "/help", null);
        byte[] body = events.encrypted(event);
        long now = System.currentTimeMillis() / 1000;

        assertThat(app.post("/webhooks/feishu", body, Map.of()).status()).isEqualTo(401);
        Map<String, String> wrong = new java.util.HashMap<>(events.signedHeaders(body, now));
        wrong.put("X-Lark-Signature", "0".repeat(64));
        assertThat(app.post("/webhooks/feishu", body, wrong).status()).isEqualTo(401);
        assertThat(app.post("/webhooks/feishu", body, events.signedHeaders(body, now - 3600)).status()).isEqualTo(401);
        byte[] other = events.encrypted(events.message(UUID.randomUUID().toString(), OWNER, chat, "p2p", "/bot list", null));
        assertThat(app.post("/webhooks/feishu", other, events.signedHeaders(body, now)).status()).isEqualTo(401);
        byte[] garbage = "{\"encrypt\":\"bm90IGVuY3J5cHRlZA==\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(app.post("/webhooks/feishu", garbage, events.signedHeaders(garbage, now)).status()).isEqualTo(400);
        byte[] huge = new byte[2 << 20];
        java.util.Arrays.fill(huge, (byte) 'x');
        assertThat(app.post("/webhooks/feishu", huge, events.signedHeaders(huge, now)).status()).isEqualTo(413);

        Thread.sleep(500);
        assertThat(feishu.sentTo(chat)).isEmpty();
        assertThat(app.get("/metrics").body()).contains("parley_webhook_requests_total{result=\"unauthorized\",source=\"feishu\"}");
    }

    @Test
    void aRepushedEventRunsOnce() throws Exception {
        String chat = "oc_p2p_dup";
        ObjectNode event = events.message(UUID.randomUUID().toString(), OWNER, chat, "p2p", "/whoami", null);
        assertThat(events.post(event).status()).isEqualTo(200);
        assertThat(events.post(event).status()).isEqualTo(200);
        await(() -> feishu.sentTo(chat).size() == 1);
        Thread.sleep(500);
        assertThat(feishu.sentTo(chat)).hasSize(1);
        assertThat(app.count("SELECT COUNT(*) FROM channel_events WHERE channel = 'feishu' AND event_id = '"
                + event.path("header").path("event_id").asText() + "'")).isEqualTo(1);
    }

    @Test
    void aGroupMessageIsAnsweredOnlyWhenItMentionsTheBot() throws Exception {
        String group = "oc_quiet_group";
        await(() -> feishu.botInfoRequests() > 0);
        Thread.sleep(200);
        assertThat(events.group(OWNER, group, "/help", false).status()).isEqualTo(200);
        assertThat(events.groupMentioning(OWNER, group, "ou_alice", "/help").status()).isEqualTo(200);
        Thread.sleep(500);
        assertThat(feishu.sentTo(group)).isEmpty();
        events.group(OWNER, group, "/help", true);
        await(() -> feishu.sentTo(group).size() == 1);
    }

    @Test
    void aThrottledAnswerIsSentAgainAfterTheWaitFeishuAsksFor() throws Exception {
        String chat = "oc_p2p_throttled";
        int before = feishu.throttled();
        feishu.throttleSends(1);
        events.direct(OWNER, chat, "/help");
        await(() -> feishu.sentTo(chat).size() == 1);
        assertThat(feishu.throttled() - before).isEqualTo(1);
    }

    @Test
    void secretsNeverReachTheLog() throws Exception {
        String chat = "oc_p2p_secret";
        events.direct(OWNER, chat, "/help");
        await(() -> feishu.sentTo(chat).size() == 1);
        assertThat(logged.lines()).isNotEmpty().allSatisfy(line -> assertThat(line)
                .doesNotContain(APP_SECRET, ENCRYPT_KEY, VERIFICATION_TOKEN, FakeFeishuServer.TENANT_TOKEN));
    }

    private static List<String> actionIds(JsonNode card) {
        return FakeFeishuServer.actionIdsOf(card);
    }

    private static JsonNode element(JsonNode card, String tag) {
        return StreamSupport.stream(card.path("body").path("elements").spliterator(), false)
                .filter(e -> e.path("tag").asText().equals(tag)).findFirst().orElseThrow();
    }

    private static String decodeQr(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image).isNotNull();
        return QrDecoder.decode(image);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out; the fake saw " + feishu.sent().size() + " sends, "
                        + feishu.patched().size() + " patches");
            }
            Thread.sleep(25);
        }
    }
}
