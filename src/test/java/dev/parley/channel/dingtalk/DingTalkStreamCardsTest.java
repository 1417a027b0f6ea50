package dev.parley.channel.dingtalk;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import dev.parley.testing.Await;
import dev.parley.testing.TestParley;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DingTalk in its default mode through the whole service: Parley opens the Stream connection to the fake gateway
 * itself, robot messages arrive over it, and with an interactive card template a card with buttons is delivered as an
 * interactive card whose press (the card callback, over Stream) runs the button's command as the presser and updates
 * the card in place; a press that does not run is answered in the chat and leaves the card as it is. The SDK
 * trusts the JVM's trust store only, so the fake's certificate is trusted for this class (restored afterwards).
 */
class DingTalkStreamCardsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> TRUST = List.of("javax.net.ssl.trustStore", "javax.net.ssl.trustStorePassword",
            "javax.net.ssl.trustStoreType");
    private static final Map<String, String> saved = new HashMap<>();
    private static final String GROUP = "cidOps==";
    private static final String OWNER = "owner-7";
    private static FakeDingTalk dingtalk;
    private static TestParley app;

    @BeforeAll
    static void start() throws InterruptedException {
        TRUST.forEach(p -> saved.put(p, System.getProperty(p)));
        System.setProperty("javax.net.ssl.trustStore", FakeDingTalk.trustStore());
        System.setProperty("javax.net.ssl.trustStorePassword", FakeDingTalk.STORE_PASSWORD);
        System.setProperty("javax.net.ssl.trustStoreType", "PKCS12");
        dingtalk = FakeDingTalk.start();
        app = TestParley.start("dtstream", Map.of(
                "dingtalk.client.id", FakeDingTalk.CLIENT_ID,
                "dingtalk.client.secret", FakeDingTalk.CLIENT_SECRET,
                "dingtalk.api.url", dingtalk.apiUrl(),
                "dingtalk.oapi.url", dingtalk.oapiUrl(),
                "dingtalk.card.template", "parley-card.schema"));
        app.run("/role grant dingtalk:" + OWNER + " owner", "en");
        app.run("/role grant dingtalk:viewer-7 viewer", "en");
        await(() -> dingtalk.openSockets() == 1);
    }

    @AfterAll
    static void stop() {
        try {
            app.close();
            dingtalk.close();
        } finally {
            saved.forEach((p, v) -> {
                if (v == null) {
                    System.clearProperty(p);
                } else {
                    System.setProperty(p, v);
                }
            });
        }
    }

    @Test
    void aConfirmCardIsAnInteractiveCardWhosePressRunsAsThePresserAndUpdatesItInPlace() throws Exception {
        app.run("/role grant dingtalk:temp-7 viewer", "en");
        String session = "s-" + UUID.randomUUID();
        dingtalk.pushBotMessage(message(OWNER, "/role revoke dingtalk:temp-7", session).toString());
        FakeDingTalk.CardCall delivered = awaitCard("createAndDeliver", c -> true);
        String outTrackId = delivered.body().path("outTrackId").asText();
        assertThat(delivered.body().path("cardTemplateId").asText()).isEqualTo("parley-card.schema");
        assertThat(delivered.body().path("openSpaceId").asText()).isEqualTo("dtv1.card//IM_GROUP." + GROUP);
        JsonNode buttons = JSON.readTree(delivered.body().path("cardData").path("cardParamMap").path("buttons").asText());
        assertThat(buttons).hasSize(2);

        dingtalk.pushCardCallback(press(OWNER, outTrackId, buttons.get(0).path("actionId").asText()));
        FakeDingTalk.CardCall updated = awaitCard("update", c -> c.body().path("outTrackId").asText().equals(outTrackId));
        assertThat(updated.body().path("cardData").path("cardParamMap").path("title").asText()).contains("revoked");
        await(() -> app.count("SELECT COUNT(*) FROM admins WHERE channel = 'dingtalk' AND user_id = 'temp-7'") == 0);

        // a press that does not run (a viewer, a button already used) is answered in the chat; the card stays
        dingtalk.pushCardCallback(press("viewer-7", outTrackId, buttons.get(0).path("actionId").asText()));
        await(() -> dingtalk.posts().stream().anyMatch(p -> p.target().equals("session/" + session)));
        assertThat(dingtalk.cards()).filteredOn(c -> c.method().equals("update")
                && c.body().path("outTrackId").asText().equals(outTrackId)).hasSize(1);
        assertThat(app.get("/health").body()).contains("\"cards\":\"interactive\"").contains("\"state\":\"connected\"");
    }

    private static ObjectNode message(String staffId, String text, String session) {
        ObjectNode m = JSON.createObjectNode()
                .put("msgId", "m-" + UUID.randomUUID()).put("conversationId", GROUP).put("conversationType", "2")
                .put("senderStaffId", staffId).put("senderNick", "Ops").put("msgtype", "text").put("isInAtList", true)
                .put("robotCode", FakeDingTalk.CLIENT_ID).put("createAt", System.currentTimeMillis())
                .put("sessionWebhook", dingtalk.sessionWebhook(session).toString())
                .put("sessionWebhookExpiredTime", Instant.now().plus(Duration.ofMinutes(90)).toEpochMilli());
        m.putObject("text").put("content", " " + text + " ");
        return m;
    }

    private static String press(String staffId, String outTrackId, String actionId) {
        ObjectNode content = JSON.createObjectNode();
        content.putObject("cardPrivateData").put("actionIds", "[]").putObject("params").put("actionId", actionId);
        return JSON.createObjectNode().put("outTrackId", outTrackId).put("userId", staffId).put("type", "actionCallback")
                .put("spaceType", "im").put("spaceId", GROUP).put("content", content.toString()).toString();
    }

    private static FakeDingTalk.CardCall awaitCard(String method, java.util.function.Predicate<FakeDingTalk.CardCall> wanted)
            throws InterruptedException {
        FakeDingTalk.CardCall[] found = new FakeDingTalk.CardCall[1];
        await(() -> {
            found[0] = dingtalk.cards().stream().filter(c -> c.method().equals(method)).filter(wanted).findFirst()
                    .orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        Await.until(condition, () -> "DingTalk receives it; cards " + dingtalk.cards() + ", posts " + dingtalk.posts());
    }
}
