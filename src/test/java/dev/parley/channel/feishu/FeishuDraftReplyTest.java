package dev.parley.channel.feishu;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import dev.parley.outbound.GeweScenario;
import dev.parley.outbound.GeweScenario.Bot;
import dev.parley.testing.TestParley;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.parley.outbound.GeweScenario.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * An AI draft answered by replying to its card in a Feishu group ({@code parent_id}, no mention needed), through the
 * real SDK against {@link FakeFeishuServer} with events encrypted and signed as Feishu sends them: the text reaches
 * the customer through GeWe as written and the card is patched to say it was sent.
 */
class FeishuDraftReplyTest {
    private static final String APP_ID = "cli_reply_" + UUID.randomUUID().toString().substring(0, 8);
    private static final String ENCRYPT_KEY = "encrypt-key-" + UUID.randomUUID();
    private static final String VERIFICATION_TOKEN = "verify-token-" + UUID.randomUUID();
    private static final String OPERATOR = "ou_operator";
    private static final String GROUP = "oc_drafts";
    private static final Duration WAIT = Duration.ofSeconds(15);
    private static FakeFeishuServer feishu;
    private static GeweScenario s;
    private static FeishuEventSender events;

    @BeforeAll
    static void start() {
        feishu = FakeFeishuServer.start();
        s = GeweScenario.start("fsdraft", Map.of("feishu.app.id", APP_ID, "feishu.app.secret", "secret-" + APP_ID,
                "feishu.encrypt.key", ENCRYPT_KEY, "feishu.verification.token", VERIFICATION_TOKEN,
                "feishu.base.url", feishu.baseUrl().toString(), "ai.quiet.ms", "300"));
        events = new FeishuEventSender(s.app(), APP_ID, ENCRYPT_KEY, VERIFICATION_TOKEN);
        s.run("/role grant feishu:" + OPERATOR + " admin", "en");
        assertThat(events.group(OPERATOR, GROUP, "/channel bind drafts", true).status()).isEqualTo(200);
        assertThat(eventually(() -> feishu.sentTo(GROUP).size() == 1, WAIT)).isTrue();
    }

    @AfterAll
    static void stop() {
        s.close();
        feishu.close();
    }

    @Test
    void aReplyToTheDraftCardIsSentAsWrittenAndTheCardIsPatched() {
        Bot bot = s.bot("飞书客服");
        s.run("/ai mode " + bot.id() + " draft kb", "en");
        s.run("/kb add 退货：收货后 30 天内免费退货。", "en");
        s.callbacks().privateText(bot.appId(), "wxid_fs_cust", "30 天内可以退货吗？");
        assertThat(eventually(() -> feishu.sentTo(GROUP).stream().anyMatch(m -> m.content().contains("30 天内可以退货吗")),
                WAIT)).isTrue();
        FakeFeishuServer.Sent card = feishu.sentTo(GROUP).stream()
                .filter(m -> m.content().contains("30 天内可以退货吗")).findFirst().orElseThrow();
        int before = feishu.sentTo(GROUP).size();

        assertThat(events.reply(OPERATOR, GROUP, "om_not_a_card", "hello there").status()).isEqualTo(200);
        String written = "可以的。\n请寄到「二号店」。";
        assertThat(events.reply(OPERATOR, GROUP, card.messageId(), written).status()).isEqualTo(200);
        assertThat(eventually(() -> s.sentBy(bot).size() == 1, WAIT)).isTrue();
        assertThat(s.sentBy(bot).getFirst().field("content")).isEqualTo(written);
        assertThat(eventually(() -> feishu.sentTo(GROUP).stream().anyMatch(m -> m.content().contains("is queued as outbound")),
                WAIT)).isTrue();
        assertThat(eventually(() -> feishu.patched().stream().anyMatch(p -> p.messageId().equals(card.messageId())
                && p.content().contains("sent") && FakeFeishuServer.actionIdsOf(p.card()).isEmpty()), WAIT))
                .as("the card is patched to show the draft was sent, without buttons").isTrue();
        assertThat(feishu.sentTo(GROUP)).hasSize(before + 1);
    }

    @Test
    void regenerateAnswersInTheCallbackAndTheNewDraftIsPatchedInAfterIt() throws Exception {
        Bot bot = s.bot("飞书客服二");
        s.run("/ai mode " + bot.id() + " draft kb", "en");
        s.run("/kb add 营业时间：每天 9 点到 22 点。", "en");
        s.callbacks().privateText(bot.appId(), "wxid_fs_regen", "你们几点营业？");
        assertThat(eventually(() -> feishu.sentTo(GROUP).stream().anyMatch(m -> m.content().contains("你们几点营业")),
                WAIT)).isTrue();
        FakeFeishuServer.Sent card = feishu.sentTo(GROUP).stream().filter(m -> m.content().contains("你们几点营业"))
                .findFirst().orElseThrow();
        String regenerate = button(card.card(), "Regenerate");

        TestParley.Reply pressed = events.press(OPERATOR, GROUP, card.messageId(), regenerate);
        assertThat(pressed.status()).isEqualTo(200);
        assertThat(pressed.json().path("card").toString()).contains("Being written");
        assertThat(eventually(() -> lastPatch(card.messageId()).map(p -> p.content().contains("每天 9 点到 22 点")
                && !FakeFeishuServer.actionIdsOf(p.card()).isEmpty()).orElse(false), WAIT))
                .as("the new draft, with its buttons, is the last version patched in").isTrue();
        Thread.sleep(1500);
        assertThat(lastPatch(card.messageId()).orElseThrow().content()).doesNotContain("Being written");
    }

    private static Optional<FakeFeishuServer.Patched> lastPatch(String messageId) {
        return feishu.patched().stream().filter(p -> p.messageId().equals(messageId)).reduce((a, b) -> b);
    }

    private static String button(JsonNode card, String label) {
        for (JsonNode element : card.path("body").path("elements")) {
            if ("button".equals(element.path("tag").asText()) && label.equals(element.path("text").path("content").asText())) {
                return element.path("behaviors").get(0).path("value").path(FeishuCardJson.ACTION_KEY).asText();
            }
        }
        throw new AssertionError("no button " + label + " on " + card);
    }
}
