package dev.parley.channel.dingtalk;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.parley.testing.Await;
import dev.parley.testing.TestParley;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * DingTalk over HTTP against a fake of DingTalk's OpenAPI and session webhooks, through the whole service: signed robot
 * messages run as their sender and are answered on the message's session webhook, forged and stale ones get 401 and
 * run nothing, a redelivered {@code msgId} runs once, {@code /lang} switches the answers, and a card's buttons are
 * links whose tap runs the button's command.
 */
class DingTalkChannelTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LINK = Pattern.compile("dtmd://dingtalkclient/sendMessage\\?content=([^)]+)\\)");
    private static final String OWNER = "staff-owner";
    private static FakeDingTalk dingtalk;
    private static TestParley app;

    @BeforeAll
    static void start() {
        dingtalk = FakeDingTalk.start();
        app = TestParley.start("dingtalk", Map.of(
                "dingtalk.client.id", FakeDingTalk.CLIENT_ID,
                "dingtalk.client.secret", FakeDingTalk.CLIENT_SECRET,
                "dingtalk.mode", "http",
                "dingtalk.api.url", dingtalk.apiUrl(),
                "dingtalk.oapi.url", dingtalk.oapiUrl()));
        app.run("/role grant dingtalk:" + OWNER + " owner", "en");
    }

    @AfterAll
    static void stop() {
        app.close();
        dingtalk.close();
    }

    @Test
    void aSignedHelpIsAnsweredOnItsSessionWebhookAndARedeliveryRunsOnce() throws Exception {
        String session = "s-" + UUID.randomUUID();
        String msgId = "msg-" + UUID.randomUUID();
        ObjectNode message = message(msgId, "staff-help", "/help", session);
        assertThat(post(message, signedNow()).status()).isEqualTo(200);
        assertThat(post(message, signedNow()).status()).isEqualTo(200); // DingTalk delivering it again
        String answer = awaitAnswer(session, text -> text.contains("/search"));
        assertThat(answer).contains("/status");
        await(() -> app.get("/metrics").body().contains("parley_webhook_requests_total{result=\"duplicate\",source=\"dingtalk\"} 1.0"));
        assertThat(answers(session)).hasSize(1);
        assertThat(app.get("/health").body()).contains("\"dingtalk\"").contains(DingTalkAdmin.WEBHOOK_PATH);
    }

    @Test
    void forgedAndStaleMessagesGet401AndRunNothing() throws Exception {
        String session = "s-" + UUID.randomUUID();
        long now = System.currentTimeMillis();
        Map<String, String> forged = Map.of("timestamp", Long.toString(now),
                "sign", Base64.getEncoder().encodeToString(CallbackSignature.hmac("not-the-secret", Long.toString(now))));
        TestParley.Reply refused = post(message("m-" + UUID.randomUUID(), "staff-x", "/help", session), forged);
        assertThat(refused.status()).isEqualTo(401);
        assertThat(refused.body()).contains("not signed by this DingTalk app");
        long twoHoursAgo = now - Duration.ofHours(2).toMillis();
        TestParley.Reply stale = post(message("m-" + UUID.randomUUID(), "staff-x", "/help", session), Map.of(
                "timestamp", Long.toString(twoHoursAgo), "sign", Base64.getEncoder().encodeToString(
                        CallbackSignature.hmac(FakeDingTalk.CLIENT_SECRET, Long.toString(twoHoursAgo)))));
        assertThat(stale.status()).isEqualTo(401);
        assertThat(post(message("m-" + UUID.randomUUID(), "staff-x", "/help", session), Map.of()).status())
                .isEqualTo(401);
        assertThat(post(JSON.createObjectNode().put("msgId", "x"), signedNow()).status()).isEqualTo(400);
        // the same chat's next signed message is answered, and it is the only answer there
        post(message("m-" + UUID.randomUUID(), "staff-x", "/help", session), signedNow());
        awaitAnswer(session, text -> text.contains("/search"));
        assertThat(answers(session)).hasSize(1);
    }

    @Test
    void afterLangZhTheAnswersAreChinese() throws Exception {
        String session = "s-" + UUID.randomUUID();
        post(message("m-" + UUID.randomUUID(), "staff-zh", "/lang zh-CN", session), signedNow());
        awaitAnswer(session, text -> true);
        post(message("m-" + UUID.randomUUID(), "staff-zh", "/help", session), signedNow());
        assertThat(awaitAnswer(session, text -> text.contains("/search"))).containsPattern("[\\u4e00-\\u9fff]{4}");
    }

    @Test
    void aConfirmButtonIsALinkWhoseTapRunsItsCommandAsThePersonWhoTapped() throws Exception {
        app.run("/role grant dingtalk:staff-temp viewer", "en");
        assertThat(app.count("SELECT COUNT(*) FROM admins WHERE channel = 'dingtalk' AND user_id = 'staff-temp'")).isEqualTo(1);
        String session = "s-" + UUID.randomUUID();
        post(message("m-" + UUID.randomUUID(), OWNER, "/role revoke dingtalk:staff-temp", session), signedNow());
        String question = awaitAnswer(session, text -> text.contains("dtmd://"));
        Matcher link = LINK.matcher(question);
        assertThat(link.find()).as(question).isTrue();
        String tapped = URLDecoder.decode(link.group(1), StandardCharsets.UTF_8);
        assertThat(tapped).startsWith("/press ");

        post(message("m-" + UUID.randomUUID(), OWNER, tapped, session), signedNow());
        awaitAnswer(session, text -> text.contains("staff-temp") && !text.contains("dtmd://"));
        await(() -> app.count("SELECT COUNT(*) FROM admins WHERE channel = 'dingtalk' AND user_id = 'staff-temp'") == 0);
    }

    private static ObjectNode message(String msgId, String staffId, String text, String session) {
        ObjectNode m = JSON.createObjectNode()
                .put("msgId", msgId).put("conversationId", "cid-" + session).put("conversationType", "1")
                .put("senderStaffId", staffId).put("senderNick", "Ops").put("msgtype", "text")
                .put("chatbotUserId", "bot").put("robotCode", FakeDingTalk.CLIENT_ID).put("isInAtList", true)
                .put("createAt", System.currentTimeMillis())
                .put("sessionWebhook", dingtalk.sessionWebhook(session).toString())
                .put("sessionWebhookExpiredTime", Instant.now().plus(Duration.ofMinutes(90)).toEpochMilli());
        m.putObject("text").put("content", " " + text);
        return m;
    }

    private static Map<String, String> signedNow() {
        String ts = Long.toString(Clock.systemUTC().millis());
        return Map.of("timestamp", ts,
                "sign", Base64.getEncoder().encodeToString(CallbackSignature.hmac(FakeDingTalk.CLIENT_SECRET, ts)));
    }

    private static TestParley.Reply post(ObjectNode body, Map<String, String> headers) {
        return app.post(DingTalkAdmin.WEBHOOK_PATH, body.toString().getBytes(StandardCharsets.UTF_8), headers);
    }

    private static List<String> answers(String session) {
        return dingtalk.posts().stream().filter(p -> p.target().equals("session/" + session))
                .map(p -> p.body().path("markdown").path("text").asText()).toList();
    }

    private static String awaitAnswer(String session, Predicate<String> wanted) throws InterruptedException {
        String[] found = new String[1];
        await(() -> {
            found[0] = answers(session).stream().filter(wanted).findFirst().orElse(null);
            return found[0] != null;
        });
        return found[0];
    }

    private static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        Await.until(condition, () -> "DingTalk receives it; it saw " + dingtalk.posts());
    }
}
