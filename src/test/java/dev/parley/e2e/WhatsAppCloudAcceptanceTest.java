package dev.parley.e2e;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;

import javax.imageio.ImageIO;

import dev.parley.connector.whatsappcloud.CloudWebhooks;
import dev.parley.connector.whatsappcloud.FakeGraph;
import dev.parley.console.CommandClient;
import dev.parley.testing.Await;
import dev.parley.testing.TestParley;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Cloud API issue's "done when", through {@code /api/commands} and {@code /webhooks/whatsapp} against a Graph API
 * fake: the subscription check echoes the challenge only for the verify token; a signed message is stored and
 * searchable, a forged or re-serialized one is refused with 401 and stores nothing, a replay stores nothing new;
 * {@code /send} inside the window reaches {@code POST /<phone-id>/messages} and a {@code delivered} status shows on
 * {@code /queue}; outside the window free text is refused with the template hint and a template send reaches Graph; a
 * 130429 answer is retried after the back-off. The steps build on each other, in order.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WhatsAppCloudAcceptanceTest {
    private static final String APP_SECRET = "test-app-secret";
    private static final String VERIFY = "verify-me-7f3a";
    private static final String PHONE_ID = "106540352242922";
    private static final String WABA = "102290129340398";
    private static final String TOKEN = "EAAGtestTOKENthatMustNeverShow";
    private static final String ANNA = "4915112345678";
    private static final String BEN = "4915100000002";
    private static FakeGraph graph;
    private static TestParley app;

    @BeforeAll
    static void start() {
        graph = FakeGraph.start();
        graph.number(PHONE_ID, TOKEN, WABA, "Acme Support", "+1 555-010-0100", "GREEN", "TIER_1K");
        graph.template(WABA, "order_update", "en_US", "APPROVED", "UTILITY", "Hi {{1}}, your order {{2}} has shipped.");
        graph.template(WABA, "winback_offer", "en_US", "REJECTED", "MARKETING", "We miss you, {{1}}!");
        app = TestParley.start("wacloud", Map.ofEntries(
                Map.entry("whatsapp.app.secret", APP_SECRET),
                Map.entry("whatsapp.verify.token", VERIFY),
                Map.entry("whatsapp.cloud.api.url", graph.baseUrl()),
                Map.entry("outbound.whatsapp.cloud.retry.base.ms", "200"),
                Map.entry("outbound.whatsapp.cloud.retry.max.ms", "400"),
                Map.entry("outbound.whatsapp.cloud.gap.ms", "0"),
                Map.entry("media.gap.min.ms", "0"), Map.entry("media.gap.max.ms", "0")));
    }

    @AfterAll
    static void stop() {
        app.close();
        graph.close();
    }

    @Test
    @Order(1)
    void theSubscriptionCheckEchoesTheChallengeOnlyForTheVerifyToken() {
        TestParley.Reply wrong = app.get("/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444"
                + "&hub.verify_token=guess");
        assertThat(wrong.status()).isEqualTo(403);
        assertThat(wrong.body()).doesNotContain("1158201444");
        assertThat(app.get("/webhooks/whatsapp?hub.mode=unsubscribe&hub.challenge=1158201444&hub.verify_token="
                + VERIFY).status()).isEqualTo(403);
        TestParley.Reply right = app.get("/webhooks/whatsapp?hub.mode=subscribe&hub.challenge=1158201444"
                + "&hub.verify_token=" + VERIFY);
        assertThat(right.status()).isEqualTo(200);
        assertThat(right.body()).isEqualTo("1158201444");
    }

    @Test
    @Order(2)
    void aNumberIsAddedWithItsTokenWhichIsKeptSealedAndNeverShown() {
        CommandClient.Response refused = app.run("/bot add whatsapp-cloud Support phone_id:" + PHONE_ID
                + " token:EAAGwrong", "en");
        assertThat(refused.text()).contains("refused the credentials");
        assertThat(app.count("SELECT COUNT(*) FROM accounts WHERE platform = 'whatsapp-cloud'")).isZero();
        assertThat(app.run("/bot add whatsapp-cloud Support token:" + TOKEN, "en").text())
                .contains("phone_id:<id> token:<token>");

        CommandClient.Response added = app.run("/bot add whatsapp-cloud Support phone_id:" + PHONE_ID
                + " token:" + TOKEN, "en");
        assertThat(added.body().path("result").asText()).isEqualTo("ok");
        assertThat(added.body().toString()).contains("Acme Support", "GREEN", "TIER_1K").doesNotContain(TOKEN);
        assertThat(app.run("/bot info Support", "en").body().toString()).contains("Quality rating", "GREEN",
                "Messaging limit", "TIER_1K");
        assertThat(app.run("/bot list", "zh-CN").text()).contains("Support", "WhatsApp Cloud API", "在线");
        assertThat(app.count("SELECT COUNT(*) FROM whatsapp_cloud_numbers WHERE phone_id = '" + PHONE_ID
                + "' AND token NOT LIKE '%" + TOKEN + "%'")).as("the token is stored sealed").isEqualTo(1);
        assertThat(app.run("/audit", "en").body().toString()).contains("token:•••").doesNotContain(TOKEN)
                .doesNotContain("EAAGwrong");
    }

    @Test
    @Order(3)
    void aSignedMessageIsStoredAndSearchableAndForgedOrReplayedOnesStoreNothing() throws Exception {
        long now = Instant.now().getEpochSecond();
        String body = CloudWebhooks.text(WABA, PHONE_ID, ANNA, "Anna", "wamid.ANNA1", "Wo ist meine Bestellung? 我的订单在哪里",
                now);
        TestParley.Reply forged = deliver(body, CloudWebhooks.sign("not-the-app-secret", bytes(body)));
        assertThat(forged.status()).isEqualTo(401);
        assertThat(forged.body()).contains("X-Hub-Signature-256");
        assertThat(app.post("/webhooks/whatsapp", bytes(body), Map.of()).status()).as("unsigned").isEqualTo(401);
        String escaped = CloudWebhooks.escapedUnicode(body);
        assertThat(escaped).isNotEqualTo(body);
        assertThat(deliver(body, CloudWebhooks.sign(APP_SECRET, bytes(escaped))).status())
                .as("a body re-serialized after Meta signed it").isEqualTo(401);
        assertThat(app.count("SELECT COUNT(*) FROM messages WHERE platform_msg_id = 'wamid.ANNA1'")).isZero();

        TestParley.Reply stored = deliver(escaped, CloudWebhooks.sign(APP_SECRET, bytes(escaped)));
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.json().path("stored").asInt()).isEqualTo(1);
        Await.until(() -> app.run("/search 订单", "en").text().contains("Bestellung"), "the message is searchable");
        assertThat(app.run("/search 订单", "en").text()).contains("Anna");
        TestParley.Reply replayed = deliver(escaped, CloudWebhooks.sign(APP_SECRET, bytes(escaped)));
        assertThat(replayed.status()).isEqualTo(200);
        assertThat(replayed.json().path("duplicate").asInt()).isEqualTo(1);
        assertThat(app.count("SELECT COUNT(*) FROM messages WHERE platform_msg_id = 'wamid.ANNA1'")).isEqualTo(1);
        assertThat(app.count("SELECT COUNT(*) FROM contacts WHERE contact_id = '" + ANNA + "' AND nickname = 'Anna'"))
                .isEqualTo(1);

        TestParley.Reply malformed = deliver("{\"object\":", CloudWebhooks.sign(APP_SECRET, bytes("{\"object\":")));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.body()).contains("not valid JSON");
    }

    @Test
    @Order(4)
    void aSendInsideTheWindowReachesGraphAndItsDeliveryShowsOnTheQueue() throws Exception {
        assertThat(app.run("/send Support +" + ANNA + " Ihr Paket ist unterwegs", "en").body().path("result")
                .asText()).isEqualTo("ok");
        FakeGraph.Recorded sent = graph.awaitMessage(m -> m.path("text").path("body").asText()
                .equals("Ihr Paket ist unterwegs"));
        assertThat(sent.phoneId()).isEqualTo(PHONE_ID);
        assertThat(sent.authorization()).isEqualTo("Bearer " + TOKEN);
        assertThat(sent.body().path("to").asText()).isEqualTo(ANNA);
        assertThat(sent.body().path("messaging_product").asText()).isEqualTo("whatsapp");
        String wamid = graph.sentIds().getLast();
        Await.until(() -> app.count("SELECT COUNT(*) FROM outbound WHERE state = 'sent' AND sent_id = '" + wamid + "'")
                == 1, "the send is recorded with Graph's id");

        long now = Instant.now().getEpochSecond();
        String delivered = CloudWebhooks.status(WABA, PHONE_ID, wamid, ANNA, "delivered", now);
        assertThat(deliver(delivered, CloudWebhooks.sign(APP_SECRET, bytes(delivered))).status()).isEqualTo(200);
        String lateSent = CloudWebhooks.status(WABA, PHONE_ID, wamid, ANNA, "sent", now - 2);
        assertThat(deliver(lateSent, CloudWebhooks.sign(APP_SECRET, bytes(lateSent))).status()).isEqualTo(200);
        assertThat(app.count("SELECT COUNT(*) FROM outbound WHERE sent_id = '" + wamid + "' AND receipt_state = 'delivered'"))
                .as("a status arriving late does not move the message back").isEqualTo(1);
        assertThat(app.run("/queue show Support", "en").text()).contains("delivered", "Ihr Paket ist unterwegs");
        assertThat(app.run("/queue show Support", "zh-CN").text()).contains("已送达");
    }

    @Test
    @Order(5)
    void outsideTheWindowFreeTextIsRefusedAndATemplateReachesGraph() throws Exception {
        int before = graph.attempts(PHONE_ID);
        CommandClient.Response refused = app.run("/send Support +" + BEN + " Hello there", "en");
        assertThat(refused.body().path("result").asText()).isEqualTo("error");
        assertThat(refused.text()).contains("24 hours", "/template sync");
        assertThat(app.run("/send Support +" + BEN + " template:order_update Ben | A-1001", "en").text())
                .contains("/template sync");

        assertThat(app.run("/template sync Support", "en").text()).contains("2 template(s)", "1 approved",
                "order_update");
        CommandClient.Response hinted = app.run("/发送 Support +" + BEN + " 你好", "zh-CN");
        assertThat(hinted.text()).contains("24 小时", "order_update (en_US)").doesNotContain("winback_offer");
        assertThat(app.run("/send Support +" + BEN + " template:winback_offer Ben", "en").text()).contains("REJECTED");
        assertThat(app.run("/send Support +" + BEN + " template:order_update Ben", "en").text())
                .contains("takes 2 parameter(s), 1 given");
        assertThat(graph.attempts(PHONE_ID)).as("nothing refused reached Graph").isEqualTo(before);

        CommandClient.Response queued = app.run("/send Support +" + BEN + " template:order_update lang:en_US Ben | A-1001",
                "en");
        assertThat(queued.body().path("result").asText()).isEqualTo("ok");
        assertThat(queued.body().toString()).contains("Hi Ben, your order A-1001 has shipped.");
        FakeGraph.Recorded template = graph.awaitMessage(m -> m.path("type").asText().equals("template"));
        JsonNode t = template.body().path("template");
        assertThat(template.body().path("to").asText()).isEqualTo(BEN);
        assertThat(t.path("name").asText()).isEqualTo("order_update");
        assertThat(t.path("language").path("code").asText()).isEqualTo("en_US");
        assertThat(t.path("components").path(0).path("parameters").path(0).path("text").asText()).isEqualTo("Ben");
        assertThat(t.path("components").path(0).path("parameters").path(1).path("text").asText()).isEqualTo("A-1001");
    }

    @Test
    @Order(6)
    void aThroughputRefusalIsRetriedAfterTheBackOff() throws Exception {
        graph.fail(PHONE_ID, 400, 130429, "Rate limit hit", 1);
        int before = graph.attempts(PHONE_ID);
        app.run("/send Support " + ANNA + " second try", "en");
        graph.awaitMessage(m -> m.path("text").path("body").asText().equals("second try"));
        assertThat(graph.attempts(PHONE_ID)).isEqualTo(before + 2);
        // Graph has the message; Parley records it as sent once Graph's answer is back
        Await.until(() -> app.count("SELECT COUNT(*) FROM outbound WHERE text = 'second try' AND state = 'sent'") == 1,
                "the retried message recorded as sent");
        assertThat(app.count("SELECT attempts FROM outbound WHERE text = 'second try' AND state = 'sent'")).isEqualTo(2);
        assertThat(app.get("/metrics").body()).contains("platform=\"whatsapp-cloud\",result=\"retried\"");
    }

    @Test
    @Order(7)
    void anUndeliverableStatusFailsTheMessageWithAnAlert() throws Exception {
        String wamid = graph.sentIds().getLast();
        String failed = CloudWebhooks.failedStatus(WABA, PHONE_ID, wamid, ANNA, 131026, "Message undeliverable",
                Instant.now().getEpochSecond());
        assertThat(deliver(failed, CloudWebhooks.sign(APP_SECRET, bytes(failed))).status()).isEqualTo(200);
        assertThat(app.count("SELECT COUNT(*) FROM outbound WHERE sent_id = '" + wamid + "' AND state = 'failed'"))
                .isEqualTo(1);
        Await.until(() -> app.run("/alerts", "en").text().contains("could not be sent"), "an alert for the failed send");
        assertThat(app.run("/queue show Support", "en").text()).contains("131026");
    }

    @Test
    @Order(8)
    void receivedMediaIsDownloadedByItsIdWithTheNumbersToken() throws Exception {
        BufferedImage image = new BufferedImage(8, 8, BufferedImage.TYPE_INT_RGB);
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        String mediaId = graph.media(PHONE_ID, png.toByteArray(), "image/png");
        String body = CloudWebhooks.image(WABA, PHONE_ID, ANNA, "Anna", "wamid.IMG1", mediaId, "image/png",
                "das Etikett", Instant.now().getEpochSecond());
        assertThat(deliver(body, CloudWebhooks.sign(APP_SECRET, bytes(body))).status()).isEqualTo(200);
        long row = app.count("SELECT id FROM messages WHERE platform_msg_id = 'wamid.IMG1'");
        CommandClient.Response answer = app.run("/media #" + row, "en");
        CommandClient.Response latest = answer;
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (latest.stillChanging() && System.nanoTime() < deadline) {
            latest = app.commands().card(answer.liveId(), latest.liveVersion());
        }
        assertThat(latest.body().path("card").path("text").asText()).contains("/api/media/" + row);
        assertThat(graph.calls("/media-download/" + mediaId)).isEqualTo(1);
    }

    @Test
    @Order(9)
    void aQualityDowngradeAndAnExpiredTokenAreAlerted() throws Exception {
        String downgrade = CloudWebhooks.qualityUpdate(WABA, "15550100100", "DOWNGRADE", "TIER_250");
        assertThat(deliver(downgrade, CloudWebhooks.sign(APP_SECRET, bytes(downgrade))).status()).isEqualTo(200);
        Await.until(() -> app.run("/alerts", "en").text().contains("quality rating dropped"), "a quality alert");

        graph.fail(PHONE_ID, 401, 190, "Error validating access token: Session has expired", 1);
        app.run("/send Support " + ANNA + " after expiry", "en");
        Await.until(() -> app.count("SELECT COUNT(*) FROM accounts WHERE external_id = '" + PHONE_ID
                + "' AND status = 'logged_out'") == 1, "the number is out of service");
        Await.until(() -> app.run("/alerts", "en").text().contains("Support was logged out"), "a token alert");
        assertThat(app.count("SELECT COUNT(*) FROM outbound WHERE text = 'after expiry' AND state = 'queued'"))
                .as("the message waits for a new token").isEqualTo(1);

        graph.number(PHONE_ID, "EAAGrenewed", WABA, "Acme Support", "+1 555-010-0100", "YELLOW", "TIER_250");
        CommandClient.Response renewed = app.run("/bot relogin Support token:EAAGrenewed", "en");
        assertThat(renewed.body().path("result").asText()).isEqualTo("ok");
        assertThat(renewed.body().toString()).contains("YELLOW").doesNotContain("EAAGrenewed");
        FakeGraph.Recorded resent = graph.awaitMessage(m -> m.path("text").path("body").asText().equals("after expiry"));
        assertThat(resent.authorization()).isEqualTo("Bearer EAAGrenewed");
    }

    private static TestParley.Reply deliver(String body, String signature) {
        return app.post("/webhooks/whatsapp", bytes(body), Map.of("X-Hub-Signature-256", signature));
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
