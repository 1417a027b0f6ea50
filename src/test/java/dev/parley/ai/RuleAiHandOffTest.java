package dev.parley.ai;

import java.util.Map;

import dev.parley.outbound.GeweScenario;
import dev.parley.outbound.GeweScenario.Bot;
import dev.parley.testing.Await;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Keyword rules and AI drafting on one account on {@code draft}: rules see each message first, a message a rule
 * answered is not drafted, and a rule with {@code reply:@ai} makes a group message ask for a draft although it
 * neither mentions the account nor has an AI keyword. Rules here keep the per-chat floor on (10 minutes), which
 * the test for it needs.
 */
class RuleAiHandOffTest {
    private static FakeOpenAiServer ai;
    private static GeweScenario s;

    @BeforeAll
    static void start() {
        ai = FakeOpenAiServer.start();
        s = GeweScenario.start("ruleai", Map.of("ai.base.url", ai.baseUrl().toString(), "ai.api.key", "sk-test-key",
                "ai.model", "fake-model", "ai.quiet.ms", "300", "ai.retries", "0",
                "rules.delay.base.ms", "0", "rules.delay.per.char.ms", "0", "rules.delay.jitter.ms", "0",
                "rules.chat.floor.ms", "600000"));
    }

    @AfterAll
    static void stop() {
        s.close();
        ai.close();
    }

    private static Bot draftingBot(String name) {
        Bot bot = s.bot(name);
        assertThat(s.run("/ai mode " + bot.id() + " draft", "en").text()).contains("draft");
        return bot;
    }

    private static long drafts(Bot bot, String chat) {
        return s.app().count("SELECT COUNT(*) FROM ai_drafts WHERE account_id = " + bot.id() + " AND chat_id = '"
                + chat + "'");
    }

    @Test
    void aMessageARuleAnsweredIsNotAlsoDrafted() throws Exception {
        Bot bot = draftingBot("规则优先");
        assertThat(s.run("/rule add " + bot.id() + " keyword:退款 reply:退款请发订单号", "en").text()).contains("Rule #");
        s.callbacks().privateText(bot.appId(), "wxid_answered", "我想退款");
        s.callbacks().privateText(bot.appId(), "wxid_drafted", "hello there");
        Await.until(() -> drafts(bot, "wxid_drafted") == 1, "a draft for the message no rule answered");
        Await.until(() -> s.sentBy(bot).stream().anyMatch(r -> "退款请发订单号".equals(r.field("content"))),
                "the rule's reply");
        assertThat(drafts(bot, "wxid_answered")).isZero();
    }

    @Test
    void aRuleHandsAGroupMessageToAiDrafting() throws Exception {
        Bot bot = draftingBot("转人工");
        String quiet = "quiet" + bot.id() + "@chatroom";
        String asking = "asking" + bot.id() + "@chatroom";
        s.group(bot, quiet, "闲聊群", 2, bot.wxid(), "转人工", "wxid_chatter", "阿强");
        s.group(bot, asking, "咨询群", 2, bot.wxid(), "转人工", "wxid_asker", "小美");
        assertThat(s.run("/rule add " + bot.id() + " keyword:人工 reply:@ai chats:groups", "en").text())
                .contains("Rule #", "hand to AI drafting");
        s.callbacks().groupText(bot.appId(), quiet, "wxid_chatter", "今天天气不错");
        s.callbacks().groupText(bot.appId(), asking, "wxid_asker", "我要找人工");
        Await.until(() -> drafts(bot, asking) == 1, "a draft for the message the rule handed to AI");
        assertThat(drafts(bot, quiet)).isZero();
        assertThat(s.app().count("SELECT COUNT(*) FROM rule_firings WHERE account_id = " + bot.id()
                + " AND chat_id = '" + asking + "' AND action = 'ai' AND outbound_id IS NULL")).isEqualTo(1);
        assertThat(s.app().count("SELECT COUNT(*) FROM outbound WHERE account_id = " + bot.id()
                + " AND origin LIKE 'rule:%'")).isZero();
    }

    @Test
    void theChatFloorLetsOneRuleReplyPerChatWhateverRules() throws Exception {
        Bot bot = s.bot("Floor");
        assertThat(s.run("/rule add " + bot.id() + " keyword:甲 reply:回复甲", "en").text()).contains("Rule #");
        assertThat(s.run("/rule add " + bot.id() + " keyword:乙 reply:回复乙", "en").text()).contains("Rule #");
        long second = s.app().count("SELECT MAX(id) FROM rules");
        s.callbacks().privateText(bot.appId(), "wxid_flood", "甲");
        s.callbacks().privateText(bot.appId(), "wxid_flood", "乙");
        s.callbacks().privateText(bot.appId(), "wxid_calm", "乙");
        Await.until(() -> s.sentBy(bot).size() == 2, () -> "two replies, got " + s.sentBy(bot));
        assertThat(s.sentBy(bot)).extracting(r -> r.field("toWxid") + ":" + r.field("content"))
                .containsExactlyInAnyOrder("wxid_flood:回复甲", "wxid_calm:回复乙");
        assertThat(s.app().count("SELECT COUNT(*) FROM rule_firings WHERE rule_id = " + second)).isEqualTo(1);
    }
}
