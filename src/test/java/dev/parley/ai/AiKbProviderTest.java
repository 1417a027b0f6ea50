package dev.parley.ai;

import java.time.Duration;
import java.util.Map;

import dev.parley.command.CommandReply;
import dev.parley.command.CommandRequest;
import dev.parley.outbound.GeweScenario;
import dev.parley.outbound.GeweScenario.Bot;
import dev.parley.rbac.Identity;

import org.junit.jupiter.api.Test;

import static dev.parley.outbound.GeweScenario.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** With no LLM configured at all, the built-in kb provider drafts from the knowledge base and Send delivers it. */
class AiKbProviderTest {
    @Test
    void theKbProviderAnswersFromImportedFaqTextWithNoLlm() throws Exception {
        try (GeweScenario s = GeweScenario.start("aikb", Map.of("ai.quiet.ms", "300"))) {
            CardInbox inbox = new CardInbox("feishu");
            s.app().parley().deliveries().register(inbox);
            s.run("/role grant feishu:ou_1 admin", "en");
            CommandReply bound = s.app().parley().engine().execute(new CommandRequest(new Identity("feishu", "ou_1"),
                    "oc_ops", "/频道 绑定 草稿", null, "zh-CN"));
            assertThat(bound.outcome()).isEqualTo(CommandReply.Outcome.OK);
            assertThat(s.run("/kb add 收到退货后 3-5 个工作日内办理退款。", "en").text()).contains("Added as #");
            assertThat(s.run("/kb import ## Shipping Shipping is free for orders over 99 yuan. ## Hours We open at 9.",
                    "en").text()).contains("Imported 2 passage(s)", "the knowledge base has 3");
            assertThat(s.run("/kb search 退款", "zh-CN").text()).contains("收到退货后");
            assertThat(s.run("/ai status", "en").text()).contains("kb · kb");

            Bot bot = s.bot("客服K");
            s.run("/ai mode " + bot.id() + " draft", "en");
            s.callbacks().privateText(bot.appId(), "wxid_cust_k", "我想申请退款，要多久？");
            assertThat(eventually(() -> !inbox.posted().isEmpty(), Duration.ofSeconds(15))).isTrue();
            CardInbox.Posted card = inbox.posted().getFirst();
            assertThat(card.locale()).isEqualTo("zh-CN");
            assertThat(card.card().title()).startsWith("AI 草稿");
            assertThat(card.card().fields()).anySatisfy(f -> assertThat(f.value()).isEqualTo("收到退货后 3-5 个工作日内办理退款。"));
            assertThat(card.card().fields()).anySatisfy(f -> assertThat(f.value()).matches("#\\d+ 收到退货后 3-5 个工作日内办理退款。"));

            assertThat(s.press(card.actionIds().getFirst()).text()).contains("is queued as outbound");
            assertThat(eventually(() -> s.sentBy(bot).size() == 1, Duration.ofSeconds(15))).isTrue();
            assertThat(s.sentBy(bot).getFirst().field("content")).isEqualTo("收到退货后 3-5 个工作日内办理退款。");
            assertThat(s.run("/cost " + bot.id(), "en").text()).contains("kb · kb", "1 call(s), 0 failed · 0 tokens in, 0 out");

            Bot auto = s.bot("客服Auto");
            assertThat(s.run("/ai mode " + auto.id() + " auto", "en").text()).contains("auto (replies grounded");
            s.callbacks().privateText(auto.appId(), "wxid_cust_doubt", "退款多久到账？");
            assertThat(eventually(() -> inbox.posted().stream().anyMatch(p -> p.card().text().contains("退款多久到账")),
                    Duration.ofSeconds(15))).isTrue();
            CardInbox.Posted doubtful = inbox.posted().stream().filter(p -> p.card().text().contains("退款多久到账"))
                    .findFirst().orElseThrow();
            assertThat(doubtful.card().fields()).anySatisfy(f -> assertThat(f.label() + "：" + f.value()).isEqualTo(
                    "未自动发送：最匹配的知识库条目只覆盖客户消息中 20% 的词语；自动模式要求至少 50%（parley.ai.auto.kb.coverage）。"));
            assertThat(s.sentBy(auto)).isEmpty();
            s.run("/ai reject " + s.app().count("SELECT MAX(id) FROM ai_drafts WHERE state = 'pending'"), "en");

            s.callbacks().privateText(auto.appId(), "wxid_cust_auto", "办理退款要几个工作日？");
            assertThat(eventually(() -> s.sentBy(auto).size() == 1, Duration.ofSeconds(15))).isTrue();
            assertThat(s.sentBy(auto).getFirst().field("content")).isEqualTo("收到退货后 3-5 个工作日内办理退款。");
            assertThat(eventually(() -> inbox.posted().stream().anyMatch(p -> p.card().footer().contains("已发送")),
                    Duration.ofSeconds(15))).isTrue();
            assertThat(s.app().count("SELECT COUNT(*) FROM ai_drafts WHERE account_id = " + auto.id()
                    + " AND state = 'sent' AND decided_by = 'ai:auto'")).isEqualTo(1);

            long shipping = s.app().count("SELECT id FROM kb_entries WHERE text LIKE '%Shipping is free%'");
            assertThat(s.run("/kb remove " + shipping, "en").text()).contains("is removed");
            assertThat(s.run("/kb search shipping", "en").text()).contains("No passage matches");
        }
    }
}
