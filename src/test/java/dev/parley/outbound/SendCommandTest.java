package dev.parley.outbound;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.parley.connector.gewe.FakeGeweRequest;
import dev.parley.connector.gewe.GeweCallbackFixtures;
import dev.parley.console.CommandClient;
import dev.parley.outbound.GeweScenario.Bot;
import dev.parley.testing.TestParley;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static dev.parley.outbound.GeweScenario.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** {@code /send}, {@code /reply}, {@code /revoke} and {@code /queue} through the command API against a fake GeWe. */
class SendCommandTest {
    private static final Duration PATIENCE = Duration.ofSeconds(10);
    private static final Pattern HIT_ID = Pattern.compile("#(\\d+) ·");
    private static GeweScenario s;

    @BeforeAll
    static void start() {
        s = GeweScenario.start("send", Map.of());
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    @Test
    void sendReachesPostTextWithAppIdToWxidAndContentAndSaysWhereItStands() {
        Bot bot = s.bot("Sales");
        s.contact(bot, "wxid_alice", "Alice", "Alice VIP");

        CommandClient.Response answer = s.run("/send " + bot.id() + " \"Alice VIP\" Your refund is on its way", "en");

        long id = s.lastOutbound(bot);
        assertThat(answer.body().path("result").asText()).isEqualTo("ok");
        assertThat(answer.text()).contains("Queued as #" + id + ", position 1, expected", "Alice VIP", "Sales");
        assertThat(eventually(() -> s.state(id).equals("sent"), PATIENCE)).isTrue();
        FakeGeweRequest sent = s.sentBy(bot).getFirst();
        assertThat(sent.path()).isEqualTo("/message/postText");
        assertThat(sent.field("appId")).isEqualTo(bot.appId());
        assertThat(sent.field("toWxid")).isEqualTo("wxid_alice");
        assertThat(sent.field("content")).isEqualTo("Your refund is on its way");
        assertThat(sent.field("ats")).isNull();
        String newMsgId = s.app().parley().db().jdbi().withHandle(h -> h.createQuery(
                "SELECT sent_id FROM outbound WHERE id = :id").bind("id", id).mapTo(String.class).one());
        assertThat(newMsgId).isEqualTo(sent.replied("newMsgId"));
        assertThat(new BigInteger(newMsgId)).isGreaterThan(BigInteger.valueOf(Long.MAX_VALUE));
    }

    @Test
    void groupMentionsPutTheNameInTheTextAndTheWxidInAts() {
        Bot bot = s.bot("Ops");
        s.group(bot, "1001@chatroom", "退款群", 12, "wxid_bob", "Bob Smith", "wxid_zhang", "张三");

        CommandClient.Response answer = s.run("/send " + bot.appId()
                + " 退款群 @Bob Smith and @张三你好, mail ops@example.com", "en");

        assertThat(answer.text()).contains("@Bob Smith, @张三");
        assertThat(eventually(() -> s.sentBy(bot).size() == 1, PATIENCE)).isTrue();
        FakeGeweRequest sent = s.sentBy(bot).getFirst();
        assertThat(sent.field("toWxid")).isEqualTo("1001@chatroom");
        assertThat(sent.field("content")).isEqualTo("@Bob Smith and @张三你好, mail ops@example.com");
        assertThat(sent.field("ats")).isEqualTo("wxid_bob,wxid_zhang");
    }

    @Test
    void unknownNamesChatsAndAccountsGetAClearAnswerInBothLanguagesAndQueueNothing() {
        Bot bot = s.bot("Careful");
        s.group(bot, "1002@chatroom", "VIP 群", 5, "wxid_dan", "Dan");

        CommandClient.Response member = s.run("/send " + bot.id() + " \"VIP 群\" @Nobody hello", "en");
        CommandClient.Response memberZh = s.run("/发送 " + bot.id() + " \"VIP 群\" @无名氏 你好", "zh-CN");
        CommandClient.Response chat = s.run("/send " + bot.id() + " NoSuchChat hello", "en");
        CommandClient.Response chatZh = s.run("/发送 " + bot.id() + " 不存在的群 你好", "zh-CN");
        CommandClient.Response account = s.run("/send 999999 wxid_x hello", "en");

        assertThat(member.body().path("result").asText()).isEqualTo("error");
        assertThat(member.text()).contains("Nobody in VIP 群 is called “Nobody”");
        assertThat(memberZh.text()).contains("VIP 群 里没有叫“无名氏”的成员");
        assertThat(chat.text()).contains("Careful has no chat “NoSuchChat”");
        assertThat(chatZh.text()).contains("Careful 没有名为“不存在的群”的聊天");
        assertThat(account.text()).contains("No account matches “999999”");
        assertThat(s.app().count("SELECT COUNT(*) FROM outbound WHERE account_id = " + bot.id())).isZero();
    }

    @Test
    void aLargeGroupAsksForConfirmationFirst() {
        Bot bot = s.bot("Broadcaster");
        s.group(bot, "2002@chatroom", "All customers", 500);

        CommandClient.Response question = s.run("/send " + bot.id() + " \"All customers\" Big news", "en");
        CommandClient.Response questionZh = s.run("/发送 " + bot.id() + " \"All customers\" 大消息", "zh-CN");

        assertThat(question.body().path("card").path("title").asText()).isEqualTo("Send to a large group?");
        assertThat(question.text()).contains("All customers has 500 members", "Big news");
        assertThat(questionZh.body().path("card").path("title").asText()).isEqualTo("发送到大群？");
        assertThat(s.app().count("SELECT COUNT(*) FROM outbound WHERE account_id = " + bot.id())).isZero();
        s.press(questionZh.action(2));
        assertThat(s.app().count("SELECT COUNT(*) FROM outbound WHERE account_id = " + bot.id())).isZero();

        CommandClient.Response confirmed = s.press(question.action(1));

        assertThat(confirmed.text()).contains("Queued as #");
        assertThat(eventually(() -> s.sentBy(bot).size() == 1, PATIENCE)).isTrue();
        assertThat(s.sentBy(bot).getFirst().field("content")).isEqualTo("Big news");
    }

    @Test
    void sentMessagesAreSearchableAsOursAndAPhoneSyncOfTheSameMessageIsADuplicate() {
        Bot bot = s.bot("Helper");
        s.group(bot, "3003@chatroom", "售后群", 8, "wxid_carol", "Carol");
        s.callbacks().groupText(bot.appId(), "3003@chatroom", "wxid_carol", "我的订单还没到 ORDER777");
        long asked = hitId("ORDER777 account:" + bot.id());

        CommandClient.Response answer = s.run("/回复 #" + asked + " 已经发货了 SHIP777", "zh-CN");

        assertThat(answer.text()).contains("已排队", "@Carol");
        assertThat(eventually(() -> s.sentBy(bot).size() == 1, PATIENCE)).isTrue();
        FakeGeweRequest sent = s.sentBy(bot).getFirst();
        assertThat(sent.field("toWxid")).isEqualTo("3003@chatroom");
        assertThat(sent.field("content")).isEqualTo("@Carol 已经发货了 SHIP777");
        assertThat(sent.field("ats")).isEqualTo("wxid_carol");
        String newMsgId = sent.replied("newMsgId");
        assertThat(eventually(() -> s.run("/search SHIP777", "en").text().contains("· me ·"), PATIENCE)).isTrue();
        assertThat(s.app().count("SELECT COUNT(*) FROM messages WHERE platform_msg_id = '" + newMsgId
                + "' AND direction = 'out' AND sender_id = '" + bot.wxid() + "' AND chat_id = '3003@chatroom'"))
                .isEqualTo(1);

        TestParley.Reply phoneSync = s.app().postGewe(GeweCallbackFixtures.groupText(bot.appId(), bot.wxid(),
                "3003@chatroom", bot.wxid(), "@Carol 已经发货了 SHIP777", newMsgId, 1_763_900_000L));

        assertThat(phoneSync.json().path("duplicate").asInt()).isEqualTo(1);
        assertThat(s.app().count("SELECT COUNT(*) FROM messages WHERE platform_msg_id = '" + newMsgId + "'"))
                .isEqualTo(1);
    }

    @Test
    void revokeSendsTheExactBigIdsAsStringsAndMarksTheMessageWithdrawn() {
        Bot bot = s.bot("Oops");
        s.run("/send " + bot.id() + " wxid_erin sent by mistake", "en");
        long id = s.lastOutbound(bot);
        assertThat(eventually(() -> s.state(id).equals("sent"), PATIENCE)).isTrue();
        FakeGeweRequest sent = s.sentBy(bot).getFirst();

        CommandClient.Response answer = s.run("/revoke #" + id, "en");

        assertThat(answer.text()).contains("Message #" + id + " was withdrawn from wxid_erin");
        FakeGeweRequest revoke = s.gewe().revoked().getLast();
        assertThat(revoke.field("appId")).isEqualTo(bot.appId());
        assertThat(revoke.field("toWxid")).isEqualTo("wxid_erin");
        for (String field : new String[] {"msgId", "newMsgId", "createTime"}) {
            assertThat(revoke.isString(field)).as(field).isTrue();
            assertThat(revoke.field(field)).as(field).isEqualTo(sent.replied(field));
        }
        assertThat(eventually(() -> s.app().count("SELECT COUNT(*) FROM messages WHERE revoked_at IS NOT NULL"
                + " AND platform_msg_id = '" + sent.replied("newMsgId") + "'") == 1, PATIENCE)).isTrue();
        assertThat(s.run("/撤回 #" + id, "zh-CN").text()).contains("消息 #" + id + " 已经撤回过了");
    }

    @Test
    void queueShowsDepthAndPauseHoldsMessagesUntilResume() throws InterruptedException {
        Bot bot = s.bot("Patient");
        assertThat(s.run("/queue pause " + bot.id(), "en").text()).contains("Queue paused");

        CommandClient.Response first = s.run("/send " + bot.id() + " wxid_fay one", "en");
        s.run("/send " + bot.id() + " wxid_fay two", "en");
        Thread.sleep(300);

        assertThat(first.text()).contains("The queue of Patient is paused", "/queue resume " + bot.id());
        assertThat(s.sentBy(bot)).isEmpty();
        CommandClient.Response all = s.run("/queue", "en");
        assertThat(all.text()).contains("#" + bot.id() + " Patient", "queued: 2 · paused by http:admin");
        CommandClient.Response one = s.run("/队列 " + bot.id(), "zh-CN");
        assertThat(one.text()).contains("Patient 的发送队列", "已由 http:admin", "暂停");
        assertThat(one.body().path("card").path("buttons").get(0).path("command").asText())
                .isEqualTo("/queue resume " + bot.id());
        assertThat(s.run("/revoke #" + s.lastOutbound(bot), "en").text()).contains("has not been sent yet");

        CommandClient.Response resumed = s.run("/queue resume " + bot.id(), "en");

        assertThat(resumed.text()).contains("Patient sends what it has queued (2) again");
        assertThat(eventually(() -> s.sentBy(bot).size() == 2, PATIENCE)).isTrue();
        assertThat(s.sentBy(bot)).extracting(r -> r.field("content")).containsExactly("one", "two");
        assertThat(eventually(() -> s.run("/queue " + bot.id(), "en").text().contains("idle"), PATIENCE)).isTrue();
    }

    @Test
    void viewersSeeTheQueueButOnlyOperatorsSend() {
        Bot bot = s.bot("Guarded");
        s.run("/role grant http:watcher viewer", "en");

        CommandClient.Response send = s.runAs("watcher", "/send " + bot.id() + " wxid_gus hi", "en");
        CommandClient.Response queue = s.runAs("watcher", "/queue", "en");

        assertThat(send.body().path("result").asText()).isEqualTo("denied");
        assertThat(queue.body().path("result").asText()).isEqualTo("ok");
        assertThat(s.app().count("SELECT COUNT(*) FROM outbound WHERE account_id = " + bot.id())).isZero();
    }

    @Test
    void sendsAreCountedAndTheQueueDepthIsExposed() {
        Bot bot = s.bot("Counted");
        s.run("/send " + bot.id() + " wxid_hal counted", "en");
        assertThat(eventually(() -> s.sentBy(bot).size() == 1, PATIENCE)).isTrue();

        String metrics = s.app().get("/metrics").body();

        assertThat(metrics).contains("parley_outbound_sent_total{platform=\"wechat\",result=\"sent\"}",
                "parley_outbound_queue_depth{platform=\"wechat\"}");
    }

    /** Searches until the index shows a hit (it refreshes on a timer), and returns the first hit's message id. */
    private static long hitId(String query) {
        long[] id = new long[1];
        assertThat(eventually(() -> {
            Matcher m = HIT_ID.matcher(s.run("/search " + query, "en").text());
            if (m.find()) {
                id[0] = Long.parseLong(m.group(1));
                return true;
            }
            return false;
        }, PATIENCE)).as("a hit for " + query).isTrue();
        return id[0];
    }
}
