package dev.parley.automation.rules;

import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import dev.parley.connector.gewe.FakeGeweRequest;
import dev.parley.connector.gewe.FakeGeweServer;
import dev.parley.outbound.GeweScenario;
import dev.parley.outbound.GeweScenario.Bot;
import dev.parley.testing.Await;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15 end to end: rules added with {@code /rule} through {@code /api/commands}, customers' texts through the
 * real GeWe webhook, replies checked at the fake GeWe server. Each test has its own account, so rules of one test do
 * not answer another's customers. A message that must not be answered is always followed by one that is, in the same
 * account: rules read messages in order, so once the later reply arrives the earlier message was decided on.
 */
class RuleScenarioTest {
    private static GeweScenario s;

    @BeforeAll
    static void start() {
        s = GeweScenario.start("rules", Map.of("rules.delay.base.ms", "0", "rules.delay.per.char.ms", "0",
                "rules.delay.jitter.ms", "0", "rules.chat.floor.ms", "0", "rules.poll.ms", "100"));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static long addRule(String command) {
        String answer = s.run(command, "en").text();
        assertThat(answer).as(command).contains("Rule #");
        return s.app().count("SELECT MAX(id) FROM rules");
    }

    private static List<String> texts(Bot bot) {
        return s.sentBy(bot).stream().filter(r -> r.path().endsWith("/postText")).map(r -> r.field("content")).toList();
    }

    private static void awaitTexts(Bot bot, int count) throws InterruptedException {
        Await.until(() -> texts(bot).size() >= count, () -> count + " replies from " + bot + ", got " + texts(bot));
    }

    private static long firings(long rule) {
        return s.app().count("SELECT COUNT(*) FROM rule_firings WHERE rule_id = " + rule);
    }

    @Test
    void aChineseKeywordIsAnsweredOnceAndThenCoolsDownInThatChat() throws Exception {
        Bot bot = s.bot("退款客服");
        long refund = addRule("/rule add " + bot.id() + " keyword:退款 reply:您好，退款请发订单号");
        long shipping = addRule("/rule add " + bot.id() + " keyword:发货 reply:今天发货");

        s.callbacks().privateText(bot.appId(), "wxid_cust_r", "我想退款");
        awaitTexts(bot, 1);
        FakeGeweRequest first = s.sentBy(bot).getLast();
        assertThat(first.field("toWxid")).isEqualTo("wxid_cust_r");
        assertThat(first.field("content")).isEqualTo("您好，退款请发订单号");

        s.callbacks().privateText(bot.appId(), "wxid_cust_r", "退款还没到账");
        s.callbacks().privateText(bot.appId(), "wxid_cust_r", "什么时候发货？");
        awaitTexts(bot, 2);
        assertThat(texts(bot)).containsExactly("您好，退款请发订单号", "今天发货");
        assertThat(firings(refund)).isEqualTo(1);
        assertThat(firings(shipping)).isEqualTo(1);
        assertThat(s.app().count("SELECT COUNT(*) FROM outbound WHERE account_id = " + bot.id()
                + " AND origin LIKE 'rule:%'")).isEqualTo(2);

        Await.until(() -> s.run("/rule info " + refund, "en").text().contains("sent"), "the reply shown as sent");
        String info = s.run("/rule info " + refund, "en").text();
        assertThat(info).contains("Rule #" + refund, "text contains 退款", "“我想退款”", "outbound #", "Fired");
        assertThat(s.app().get("/metrics").body()).contains("parley_rule_firings_total{rule=\"" + refund + "\"} 1.0");

        assertThat(s.run("/rule remove " + refund, "en").text()).contains("Remove rule #" + refund);
        assertThat(s.app().count("SELECT COUNT(*) FROM rules WHERE id = " + refund)).isEqualTo(1);
    }

    @Test
    void aReplyRecordedWhenParleyStoppedBeforeQueueingItIsQueuedAtTheNextStartOnce() throws Exception {
        Bot bot = s.bot("补发客服");
        long rule = addRule("/rule add " + bot.id() + " keyword:补发 reply:补发的回复");
        // what a stop between recording the firing and queueing its reply leaves behind
        s.app().parley().db().jdbi().useHandle(h -> h.createUpdate("INSERT INTO rule_firings (rule_id, account_id,"
                        + " chat_id, action, text, at) VALUES (:rule, :account, 'wxid_cust_left', 'reply', '补发的回复', :at)")
                .bind("rule", rule).bind("account", bot.id()).bind("at", System.currentTimeMillis()).execute());
        s.app().restart();
        awaitTexts(bot, 1);
        assertThat(s.sentBy(bot).getLast().field("toWxid")).isEqualTo("wxid_cust_left");
        assertThat(s.app().count("SELECT COUNT(*) FROM rule_firings WHERE rule_id = " + rule
                + " AND outbound_id IS NULL")).isZero();
        s.app().restart();
        s.callbacks().privateText(bot.appId(), "wxid_cust_left2", "请补发");
        awaitTexts(bot, 2);
        assertThat(texts(bot)).containsExactly("补发的回复", "补发的回复");
        assertThat(s.sentBy(bot).getLast().field("toWxid")).isEqualTo("wxid_cust_left2");
    }

    @Test
    void latinKeywordsAreWholeWordsIgnoringCaseAndWidth() throws Exception {
        Bot bot = s.bot("Latin");
        long rule = addRule("/rule add " + bot.id() + " keyword:refund reply:\"Refund desk here\" chats:private");
        s.callbacks().privateText(bot.appId(), "wxid_cust_l", "it was refunded already");
        s.callbacks().privateText(bot.appId(), "wxid_cust_l2", "ＲＥＦＵＮＤ please");
        awaitTexts(bot, 1);
        assertThat(s.sentBy(bot).getLast().field("toWxid")).isEqualTo("wxid_cust_l2");
        assertThat(texts(bot)).containsExactly("Refund desk here");
        assertThat(firings(rule)).isEqualTo(1);
    }

    @Test
    void exactAndRegexRulesAndAHostileRegexCannotHangTheWatcher() throws Exception {
        Bot bot = s.bot("Exact");
        long exact = addRule("/rule add " + bot.id() + " match:exact keyword:你好|hi reply:您好，请问有什么可以帮您");
        long regex = addRule("/rule add " + bot.id() + " match:regex keyword:订单\\d{6} reply:正在查询订单");
        long hostile = addRule("/rule add " + bot.id() + " match:regex keyword:(a+)+$ reply:never");
        s.callbacks().privateText(bot.appId(), "wxid_cust_e1", "你好呀");
        s.callbacks().privateText(bot.appId(), "wxid_cust_e2", "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab");
        s.callbacks().privateText(bot.appId(), "wxid_cust_e3", "我的订单123456到哪了");
        s.callbacks().privateText(bot.appId(), "wxid_cust_e4", " ＨＩ！ ");
        awaitTexts(bot, 2);
        assertThat(texts(bot)).containsExactly("正在查询订单", "您好，请问有什么可以帮您");
        assertThat(s.sentBy(bot).getLast().field("toWxid")).isEqualTo("wxid_cust_e4");
        assertThat(firings(exact)).isEqualTo(1);
        assertThat(firings(regex)).isEqualTo(1);
        assertThat(firings(hostile)).isZero();
    }

    @Test
    void theHighestPriorityThenTheNewestRuleAnswersAndTestSendsNothing() throws Exception {
        Bot bot = s.bot("Priority");
        long high = addRule("/rule add " + bot.id() + " keyword:快递 reply:高优先级 priority:5");
        long low = addRule("/rule add " + bot.id() + " keyword:快递 reply:低优先级 priority:1");
        long older = addRule("/rule add " + bot.id() + " keyword:包裹 reply:旧规则");
        long newer = addRule("/rule add " + bot.id() + " keyword:包裹 reply:新规则");

        String tested = s.run("/rule test " + bot.id() + " 我的快递到哪了", "en").text();
        assertThat(tested).contains("Rule #" + high + " would answer:\n高优先级", "#" + low, "Nothing was sent");
        assertThat(s.run("/rule test " + bot.id() + " 包裹丢了", "en").text())
                .contains("Rule #" + newer + " would answer:\n新规则", "#" + older);
        assertThat(s.run("/规则 测试 " + bot.id() + " 随便聊聊", "zh-CN").text()).contains("没有规则会回复这段文字");
        assertThat(s.app().count("SELECT COUNT(*) FROM outbound WHERE account_id = " + bot.id())).isZero();

        s.callbacks().privateText(bot.appId(), "wxid_cust_p", "我的快递到哪了");
        awaitTexts(bot, 1);
        assertThat(texts(bot)).containsExactly("高优先级");
        assertThat(firings(low)).isZero();
    }

    @Test
    void aRuleOutsideItsHoursDoesNotAnswer() {
        Bot bot = s.bot("Hours");
        LocalTime now = LocalTime.now(ZoneId.systemDefault());
        LocalTime from = now.plusHours(2).truncatedTo(ChronoUnit.HOURS);
        String hours = from + "-" + from.plusHours(1);
        long closed = addRule("/rule add " + bot.id() + " keyword:营业 reply:营业中 hours:" + hours + " days:mon-sun");
        assertThat(s.run("/rule test " + bot.id() + " 营业吗", "en").text())
                .contains("No rule answers this text.", "Matches, but is off now", "#" + closed, hours + ", every day");
        assertThat(s.run("/rule info " + closed, "en").text()).contains(hours);
    }

    @Test
    void theAccountItselfOtherFleetAccountsAndOfficialAccountsNeverSetRulesOff() throws Exception {
        Bot bot = s.bot("Loop");
        Bot other = s.bot("Other bot");
        String room = "loop" + bot.id() + "@chatroom";
        s.group(bot, room, "防循环群", 3, bot.wxid(), "Loop", other.wxid(), "Other bot", "wxid_member", "阿明");
        long rule = addRule("/rule add all keyword:循环测试" + bot.id() + " reply:自动回复");

        s.callbacks().groupText(bot.appId(), room, other.wxid(), "循环测试" + bot.id());
        s.callbacks().groupText(bot.appId(), room, bot.wxid(), "循环测试" + bot.id());
        s.callbacks().privateText(bot.appId(), "gh_3dfa8c1b2e", "循环测试" + bot.id());
        s.callbacks().groupText(bot.appId(), room, "wxid_member", "循环测试" + bot.id() + " 在吗");
        awaitTexts(bot, 1);
        FakeGeweRequest reply = s.sentBy(bot).getLast();
        assertThat(reply.field("toWxid")).isEqualTo(room);
        assertThat(reply.field("content")).isEqualTo("@阿明 自动回复");
        assertThat(reply.field("ats")).isEqualTo("wxid_member");
        assertThat(firings(rule)).isEqualTo(1);
        assertThat(texts(other)).isEmpty();
    }

    @Test
    void aJoinRuleWelcomesTheNewMemberByMention() throws Exception {
        Bot bot = s.bot("Welcome");
        String room = "welcome" + bot.id() + "@chatroom";
        s.group(bot, room, "新人群", 2, bot.wxid(), "Welcome", "wxid_owner_w", "群主");
        s.gewe().room(room, "新人群", "wxid_owner_w", new FakeGeweServer.Member(bot.wxid(), "Welcome", null, null),
                new FakeGeweServer.Member("wxid_owner_w", "群主", null, null));
        s.gewe().addMember(room, new FakeGeweServer.Member("wxid_newbie_" + bot.id(), "小新", null, "wxid_owner_w"));
        long rule = addRule("/rule add " + bot.id() + " on:join reply:\"欢迎 {name} 加入{group}！\"");
        s.callbacks().membersInvited(bot.appId(), room, "wxid_owner_w", "wxid_newbie_" + bot.id());
        awaitTexts(bot, 1);
        FakeGeweRequest welcome = s.sentBy(bot).getLast();
        assertThat(welcome.field("toWxid")).isEqualTo(room);
        assertThat(welcome.field("content")).isEqualTo("欢迎 @小新 加入新人群！");
        assertThat(welcome.field("ats")).isEqualTo("wxid_newbie_" + bot.id());
        assertThat(firings(rule)).isEqualTo(1);
    }

    @Test
    void autoTagsTagTheWriterAndOptOutsAreRecordedWithoutAReply() throws Exception {
        Bot bot = s.bot("Tags");
        String tagged = s.run("/tag auto vip keyword:会员 account:" + bot.id(), "en").text();
        assertThat(tagged).contains("Auto-tag rule #", "vip");
        long tagRule = s.app().count("SELECT MAX(id) FROM rules");
        long stopRule = addRule("/rule add " + bot.id() + " keyword:退订 reply:不应发出");
        long ping = addRule("/rule add " + bot.id() + " keyword:ping reply:pong");

        s.callbacks().privateText(bot.appId(), "wxid_cust_t", "我想办会员");
        s.callbacks().privateText(bot.appId(), "wxid_cust_o", "退订");
        s.callbacks().privateText(bot.appId(), "wxid_cust_o", "ping");
        awaitTexts(bot, 1);
        assertThat(texts(bot)).containsExactly("pong");
        assertThat(s.app().count("SELECT COUNT(*) FROM chat_tags WHERE account_id = " + bot.id()
                + " AND tag = 'vip' AND chat_id = 'wxid_cust_t' AND chat_type = 'private' AND added_by = 'rule:"
                + tagRule + "'")).isEqualTo(1);
        assertThat(s.app().count("SELECT COUNT(*) FROM opt_outs WHERE account_id = " + bot.id()
                + " AND chat_id = 'wxid_cust_o' AND word = '退订'")).isEqualTo(1);
        assertThat(firings(stopRule)).isZero();
        assertThat(firings(ping)).isEqualTo(1);
    }

    @Test
    void badInputGetsALocalizedErrorAndAddsNothing() {
        Bot bot = s.bot("Errors");
        long before = s.app().count("SELECT COUNT(*) FROM rules");
        assertThat(s.run("/rule add nosuchaccount keyword:x reply:y", "en").text()).contains("nosuchaccount");
        assertThat(s.run("/rule add " + bot.id() + " match:regex keyword:(unclosed reply:y", "en").text())
                .contains("is not a regular expression");
        assertThat(s.run("/规则 添加 " + bot.id() + " 匹配:正则 关键词:(unclosed 回复:y", "zh-CN").text())
                .contains("不是有效的正则表达式");
        assertThat(s.run("/rule add " + bot.id() + " keyword:x reply:y hours:9-18", "en").text())
                .contains("is not a time range; write it as 09:00-18:00");
        assertThat(s.run("/规则 添加 " + bot.id() + " 关键词:x 回复:y 时段:25:00-26:00", "zh-CN").text())
                .contains("不是时间段");
        assertThat(s.run("/rule add " + bot.id() + " keyword:x reply:y days:someday", "en").text())
                .contains("are not days");
        assertThat(s.run("/rule add " + bot.id() + " keyword:x reply:y cooldown:soon", "en").text())
                .contains("is not a duration");
        assertThat(s.run("/rule add " + bot.id() + " keyword:退款", "en").text()).contains("Give the reply");
        assertThat(s.run("/规则 添加 " + bot.id() + " 关键词:退款", "zh-CN").text()).contains("请给出回复");
        assertThat(s.run("/rule add " + bot.id() + " reply:hello", "en").text()).contains("Give the words");
        assertThat(s.run("/rule add " + bot.id() + " keyword:x reply:\"{Hi|Hello {name}\"", "en").text())
                .contains("is not closed");
        assertThat(s.run("/rule add " + bot.id() + " keyword:x reply:tpl:nosuch", "en").text())
                .contains("There is no saved template");
        assertThat(s.run("/rule info 999999", "en").text()).contains("There is no rule #999999");
        assertThat(s.run("/规则 详情 999999", "zh-CN").text()).contains("没有规则 #999999");
        assertThat(s.app().count("SELECT COUNT(*) FROM rules")).isEqualTo(before);
    }
}
