package dev.parley.automation.sop;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.parley.connector.gewe.FakeGeweRequest;
import dev.parley.connector.gewe.FakeGeweServer;
import dev.parley.console.CommandClient;
import dev.parley.message.ChatType;
import dev.parley.outbound.GeweScenario;
import dev.parley.outbound.GeweScenario.Bot;
import dev.parley.outbound.OutboundRequest;
import dev.parley.rbac.Identity;
import dev.parley.testing.Await;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 15's broadcasts end to end: tasks written and started with {@code /sop} through {@code /api/commands}, sent
 * through the real outbound queue to the fake GeWe server, which records what arrived and when. Each test has its own
 * account, so broadcasts of one test do not wait behind another's. Quiet hours are off here (the limits have their
 * own test), so the suite runs at any hour.
 */
class BroadcastScenarioTest {
    private static final long GROUP_GAP_MS = 150;
    private static GeweScenario s;

    @BeforeAll
    static void start() {
        s = GeweScenario.start("sop", Map.of("quiet.hours", "off", "broadcast.daily.cap", "1000",
                "broadcast.poll.ms", "50", "broadcast.progress.ms", "0", "outbound.rate.limit", "100000",
                "outbound.group.gap.min.ms", String.valueOf(GROUP_GAP_MS), "outbound.group.gap.max.ms", "200"));
    }

    @AfterAll
    static void stop() {
        s.close();
    }

    private static List<String> groups(Bot bot, int count) {
        List<String> rooms = new ArrayList<>();
        for (int i = 1; i <= count; i++) {
            String room = "sop" + bot.id() + "x" + i + "@chatroom";
            s.group(bot, room, "客户群" + bot.id() + "-" + i, 10, bot.wxid(), "bot", "wxid_m" + i, "成员" + i);
            rooms.add(room);
        }
        return rooms;
    }

    private static List<FakeGeweRequest> texts(Bot bot) {
        return s.sentBy(bot).stream().filter(r -> r.path().endsWith("/postText")).toList();
    }

    private static Map<String, Long> perChat(Bot bot) {
        return texts(bot).stream().collect(Collectors.groupingBy(r -> r.field("toWxid"), Collectors.counting()));
    }

    private static long sends(String task, String state) {
        return s.app().count("SELECT COUNT(*) FROM sop_sends s JOIN sop_tasks t ON t.id = s.task_id WHERE t.name = '"
                + task + "' AND s.state = '" + state + "'");
    }

    private static String taskState(String task) {
        return s.app().parley().db().jdbi().withHandle(h -> h.createQuery("SELECT state FROM sop_tasks WHERE name = :n")
                .bind("n", task).mapTo(String.class).one());
    }

    /** Creates, fills and confirms a broadcast; @return the live progress card it answered with */
    private static CommandClient.Response broadcast(String task, Bot bot, String to, String... steps) {
        assertThat(s.run("/sop create " + task + " account:" + bot.id() + " to:" + to, "en").text())
                .contains("Broadcast " + task + " created");
        for (String step : steps) {
            assertThat(s.run("/sop step " + task + " " + step, "en").text()).contains("Step ");
        }
        CommandClient.Response question = s.run("/sop start " + task, "en");
        assertThat(question.text()).contains("Start broadcast " + task + "?");
        CommandClient.Response card = s.press(question.action(1));
        assertThat(card.liveId()).as(card.text()).isNotNull();
        return card;
    }

    /** @return every version of a live card from {@code first} on, until its last */
    private static List<CommandClient.Response> versions(CommandClient.Response first) throws Exception {
        List<CommandClient.Response> all = new ArrayList<>(List.of(first));
        CommandClient.Response last = first;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (last.stillChanging() && System.nanoTime() < deadline) {
            CommandClient.Response next = s.app().commands().card(first.liveId(), last.liveVersion());
            if (next.liveVersion() > last.liveVersion()) {
                all.add(next);
            }
            last = next;
        }
        assertThat(last.stillChanging()).as("the card's last version arrived").isFalse();
        return all;
    }

    private static void awaitRounds(int more) throws InterruptedException {
        long target = s.app().parley().broadcasts().rounds() + more;
        Await.until(() -> s.app().parley().broadcasts().rounds() >= target, more + " broadcast rounds");
    }

    @Test
    void threeGroupsGetOneMessageEachAtLeastTheGapApartAndTheCardEndsWithThreeSent() throws Exception {
        Bot bot = s.bot("群发客服");
        List<String> rooms = groups(bot, 3);
        String to = "group:" + rooms.stream().collect(Collectors.joining(","));
        s.run("/sop create double12 account:" + bot.id() + " to:" + to, "en");
        s.run("/sop step double12 0 \"{您好|你好}，{name} 的朋友们，双十二活动今晚开始\"", "en");

        String preview = s.run("/sop preview double12", "en").text();
        assertThat(preview).contains("Recipients", "3", "客户群" + bot.id() + "-1", "First message, to 客户群" + bot.id()
                + "-1", "的朋友们，双十二活动今晚开始", "Nothing was sent");
        CommandClient.Response question = s.run("/sop start double12", "en");
        assertThat(question.text()).contains("3 message(s): 1 step(s) to 3 chat(s), from 1 account(s).",
                "The first step takes about");
        assertThat(texts(bot)).isEmpty();

        List<CommandClient.Response> versions = versions(s.press(question.action(1)));
        CommandClient.Response last = versions.getLast();
        assertThat(last.text()).contains("Broadcast double12 finished", "3 of 3 message(s) sent");
        assertThat(last.body().path("card").toString()).contains("\"Sent\"", "\"3\"");
        assertThat(versions).extracting(CommandClient.Response::liveVersion).isSorted().doesNotHaveDuplicates();

        List<FakeGeweRequest> sent = texts(bot);
        assertThat(sent).extracting(r -> r.field("toWxid")).containsExactlyInAnyOrderElementsOf(rooms);
        for (int i = 1; i < sent.size(); i++) {
            assertThat(Duration.between(sent.get(i - 1).receivedAt(), sent.get(i).receivedAt()).toMillis())
                    .as("gap before message " + (i + 1)).isGreaterThanOrEqualTo(GROUP_GAP_MS);
        }
        assertThat(sent).extracting(r -> r.field("content")).allMatch(t -> t.matches("(您好|你好)，客户群.*的朋友们，双十二活动今晚开始"));
        assertThat(sends("double12", "sent")).isEqualTo(3);
        assertThat(s.app().count("SELECT COUNT(*) FROM outbound WHERE account_id = " + bot.id()
                + " AND origin LIKE 'sop:%'")).isEqualTo(3);
        assertThat(s.run("/search 双十二活动 account:" + bot.id(), "en").text()).contains("automatic");
    }

    @Test
    void aRestartInTheMiddleOfABroadcastSendsNoGroupTwice() throws Exception {
        Bot bot = s.bot("重启客服");
        List<String> rooms = groups(bot, 12);
        broadcast("restart", bot, "group:" + String.join(",", rooms), "0 周末活动通知");
        Await.until(() -> texts(bot).size() >= 2, "two messages sent before the restart");
        long sentBefore = sends("restart", "sent");
        s.app().restart();
        assertThat(sentBefore).as("sent when Parley stopped").isLessThan(12);
        Await.until(() -> "done".equals(taskState("restart")), () -> "the broadcast done after the restart, sent "
                + texts(bot).size());
        assertThat(perChat(bot)).hasSize(12).allSatisfy((room, count) -> assertThat(count).as(room).isEqualTo(1));
        assertThat(sends("restart", "sent")).isEqualTo(12);
        assertThat(s.run("/sop status restart", "en").text()).contains("Broadcast restart finished", "12 of 12");
    }

    @Test
    void aSendQueuedJustBeforeACrashIsFoundInTheQueueNotSentAgain() throws Exception {
        Bot bot = s.bot("崩溃客服");
        List<String> rooms = groups(bot, 6);
        // at most 3 of an account's broadcast messages wait in its queue, and they go 150 ms or more apart
        broadcast("crash", bot, "group:" + String.join(",", rooms), "0 崩溃前已入队");
        assertThat(s.run("/sop pause crash", "en").text()).contains("Broadcast crash paused");
        awaitRounds(2);
        Await.until(() -> sends("crash", "queued") == 0, "the messages in the queue sent");
        assertThat(sends("crash", "pending")).as("sends the pause held back").isPositive();
        // Parley stopped after queueing this send and before recording it: the queue has it, sop_sends does not
        long id = s.app().count("SELECT MIN(s.id) FROM sop_sends s JOIN sop_tasks t ON t.id = s.task_id"
                + " WHERE t.name = 'crash' AND s.state = 'pending'");
        String room = s.app().parley().db().jdbi().withHandle(h -> h.createQuery(
                "SELECT chat_id FROM sop_sends WHERE id = :id").bind("id", id).mapTo(String.class).one());
        long early = s.app().parley().outbound().enqueue(new OutboundRequest(bot.id(), room, ChatType.GROUP,
                "崩溃前已入队", List.of(), new Identity("sop", "crash"), null).automatic("sop:" + id, 0)).id();

        assertThat(s.run("/sop resume crash", "en").liveId()).isNotNull();
        Await.until(() -> "done".equals(taskState("crash")), "the broadcast done");
        assertThat(perChat(bot)).hasSize(6).allSatisfy((r, count) -> assertThat(count).as(r).isEqualTo(1));
        assertThat(s.app().count("SELECT COUNT(*) FROM outbound WHERE account_id = " + bot.id())).isEqualTo(6);
        assertThat(s.app().count("SELECT outbound_id FROM sop_sends WHERE id = " + id)).isEqualTo(early);
    }

    @Test
    void pauseHoldsTheBroadcastResumeFinishesItAndCancelStopsAnother() throws Exception {
        Bot bot = s.bot("暂停客服");
        List<String> rooms = groups(bot, 8);
        broadcast("pausing", bot, "group:" + String.join(",", rooms.subList(0, 4)), "0 第一条");
        Await.until(() -> !texts(bot).isEmpty(), "a first message");
        String paused = s.run("/sop pause pausing", "en").text();
        assertThat(paused).contains("pausing is paused");
        Await.until(() -> sends("pausing", "queued") == 0, "the queue drained of the paused broadcast");
        awaitRounds(3);
        long sentWhilePaused = texts(bot).size();
        awaitRounds(3);
        assertThat(texts(bot)).hasSize((int) sentWhilePaused);
        assertThat(s.run("/sop status pausing", "en").text()).contains("Paused.");
        assertThat(s.run("/sop pause pausing", "en").text()).contains("pausing is paused, not running.");
        s.run("/sop resume pausing", "en");
        Await.until(() -> "done".equals(taskState("pausing")), "the resumed broadcast done");
        assertThat(perChat(bot)).hasSize(4).allSatisfy((room, count) -> assertThat(count).isEqualTo(1));

        broadcast("cancelling", bot, "group:" + String.join(",", rooms.subList(4, 8)), "0 会被取消");
        Await.until(() -> texts(bot).size() >= 5, "a first message of the second broadcast");
        CommandClient.Response question = s.run("/sop cancel cancelling", "en");
        assertThat(question.text()).contains("Cancel broadcast cancelling?");
        assertThat(s.press(question.action(1)).text()).contains("Broadcast cancelling cancelled");
        Await.until(() -> sends("cancelling", "queued") == 0, "nothing of it left in the queue");
        assertThat(taskState("cancelling")).isEqualTo("cancelled");
        long sent = sends("cancelling", "sent");
        assertThat(sent + sends("cancelling", "cancelled")).isEqualTo(4);
        assertThat(texts(bot)).hasSize((int) (4 + sent));
        assertThat(perChat(bot).values()).allMatch(c -> c == 1);
        assertThat(s.run("/sop status cancelling", "en").text()).contains("Broadcast cancelling cancelled");
    }

    @Test
    void chatsThatOptedOutAreSkippedAndTheReportSaysWhy() throws Exception {
        Bot bot = s.bot("退订客服");
        for (String who : List.of("wxid_oa", "wxid_ob", "wxid_oc")) {
            s.contact(bot, who, "客户" + who.substring(6), null);
            assertThat(s.run("/tag add vip" + bot.id() + " " + who + " account:" + bot.id(), "en").text())
                    .doesNotContain("rror");
        }
        s.callbacks().privateText(bot.appId(), "wxid_ob", "退订");
        Await.until(() -> s.app().count("SELECT COUNT(*) FROM opt_outs WHERE account_id = " + bot.id()) == 1,
                "the opt-out recorded");
        List<CommandClient.Response> versions = versions(broadcast("optout", bot, "tag:vip" + bot.id(),
                "0 \"{name}，新品上架\""));
        CommandClient.Response report = versions.getLast();
        assertThat(report.text()).contains("2 of 3 message(s) sent", "Skipped");
        assertThat(perChat(bot)).containsOnlyKeys("wxid_oa", "wxid_oc");
        assertThat(texts(bot)).extracting(r -> r.field("content")).containsExactlyInAnyOrder("客户a，新品上架",
                "客户c，新品上架");
        String csv = csv(report);
        assertThat(csv).contains("step,account,chat_id,name,state,reason,outbound,at", "wxid_ob,客户b,skipped,the chat opted out");
    }

    @Test
    void threeHundredRecipientsAreSentOnceEachAtTheAccountsPaceWithAProgressCardThatCountsUp() throws Exception {
        Bot bot = s.bot("三百客服");
        s.app().parley().db().jdbi().useHandle(h -> {
            var batch = h.prepareBatch("INSERT INTO chat_tags (account_id, tag, chat_id, chat_type, added_by, added_at)"
                    + " VALUES (:a, 'many', :c, 'private', 'test', 0)");
            for (int i = 0; i < 300; i++) {
                batch.bind("a", bot.id()).bind("c", "wxid_many_" + i).add();
            }
            batch.execute();
        });
        List<CommandClient.Response> versions = versions(broadcast("many", bot, "tag:many", "0 \"{你好|您好|Hi}，年终回馈\""));
        assertThat(versions.getLast().text()).contains("300 of 300 message(s) sent");
        Map<String, Long> counts = perChat(bot);
        assertThat(counts).hasSize(300).allSatisfy((chat, count) -> assertThat(count).isEqualTo(1));
        List<FakeGeweRequest> sent = texts(bot);
        for (int i = 1; i < sent.size(); i++) {
            assertThat(Duration.between(sent.get(i - 1).receivedAt(), sent.get(i).receivedAt()).toMillis())
                    .as("gap before message " + (i + 1)).isGreaterThanOrEqualTo(30);
        }
        assertThat(sent).extracting(r -> r.field("content")).map(t -> t.substring(0, t.indexOf('，')))
                .containsOnly("你好", "您好", "Hi");
        List<Integer> sentCounts = versions.stream().map(v -> sentOn(v)).toList();
        assertThat(sentCounts).isSorted();
        assertThat(versions.size()).as("versions of the card").isGreaterThan(3);
    }

    @Test
    void anAfterJoinBroadcastGreetsEachNewMemberInTheGroupStepByStepFromTheirJoin() throws Exception {
        Bot bot = s.bot("入群客服");
        String room = "afterjoin" + bot.id() + "@chatroom";
        s.group(bot, room, "新人群" + bot.id(), 2, bot.wxid(), "入群客服", "wxid_owner_j", "群主");
        s.gewe().room(room, "新人群" + bot.id(), "wxid_owner_j", new FakeGeweServer.Member(bot.wxid(), "入群客服", null, null),
                new FakeGeweServer.Member("wxid_owner_j", "群主", null, null));
        assertThat(s.run("/sop create newbies account:" + bot.id() + " to:group:" + room + " after-join:0", "en").text())
                .contains("will greet the members who join its 1 group(s)");
        s.run("/sop step newbies 0 \"欢迎 {name} 加入{group}！\"", "en");
        s.run("/sop step newbies 1s \"{name}，新人福利已发放\"", "en");
        assertThat(s.run("/sop preview newbies", "en").text()).contains("欢迎 @New member 加入新人群" + bot.id(), "Step 2 · 1 s after the join");
        CommandClient.Response question = s.run("/sop start newbies", "en");
        assertThat(question.text()).contains("Each member who joins one of its 1 group(s) from now on gets 2 step(s)");
        CommandClient.Response card = s.press(question.action(1));
        assertThat(card.text()).contains("Waiting for new members to join");

        String newbie = "wxid_newbie_j" + bot.id();
        s.gewe().addMember(room, new FakeGeweServer.Member(newbie, "小新", null, "wxid_owner_j"));
        s.callbacks().membersInvited(bot.appId(), room, "wxid_owner_j", newbie);
        Await.until(() -> texts(bot).size() >= 2, () -> "two greetings, got " + texts(bot));
        List<FakeGeweRequest> sent = texts(bot);
        assertThat(sent).extracting(r -> r.field("toWxid")).containsOnly(room);
        assertThat(sent).extracting(r -> r.field("ats")).containsOnly(newbie);
        assertThat(sent).extracting(r -> r.field("content")).containsExactly("欢迎 @小新 加入新人群" + bot.id() + "！",
                "@小新，新人福利已发放");
        long joinedAt = s.app().count("SELECT MAX(e.occurred_at) FROM group_events e JOIN `groups` g ON g.id = e.group_id"
                + " WHERE g.chat_id = '" + room + "' AND e.kind = 'join'");
        assertThat(sent.get(1).receivedAt().toEpochMilli()).isGreaterThanOrEqualTo(joinedAt + 1000);
        assertThat(taskState("newbies")).isEqualTo("running");
        CommandClient.Response cancel = s.run("/sop cancel newbies", "en");
        assertThat(s.press(cancel.action(1)).text()).contains("Broadcast newbies cancelled");
    }

    @Test
    void aRepeatingBroadcastRunsAtItsTimeForTheChatsTaggedThenAndSkipsARunMissedByHours() throws Exception {
        Bot bot = s.bot("周期客服");
        s.contact(bot, "wxid_weekly_a", "老客A", null);
        s.run("/tag add weekly" + bot.id() + " wxid_weekly_a account:" + bot.id(), "en");
        ZoneId zone = ZoneId.of("Asia/Shanghai");
        LocalTime due = LocalTime.now(zone).minusMinutes(30).truncatedTo(ChronoUnit.MINUTES);
        s.run("/sop create weekly account:" + bot.id() + " to:tag:weekly" + bot.id() + " every:\"daily " + due + "\"",
                "en");
        s.run("/sop step weekly 0 \"{name}，本周新品\"", "en");
        CommandClient.Response question = s.run("/sop start weekly", "en");
        assertThat(question.text()).contains("It runs daily " + due + ", first at", "(1 now)");
        assertThat(s.press(question.action(1)).text()).contains("Next run at");
        awaitRounds(3);
        assertThat(sends("weekly", "pending") + sends("weekly", "sent")).as("nothing before its time").isZero();

        // a chat tagged after the start is in the next run; a day earlier as watermark makes today's run due now
        s.contact(bot, "wxid_weekly_b", "老客B", null);
        s.run("/tag add weekly" + bot.id() + " wxid_weekly_b account:" + bot.id(), "en");
        long dayAgo = System.currentTimeMillis() - Duration.ofDays(1).toMillis();
        s.app().parley().db().jdbi().useHandle(h -> h.createUpdate("UPDATE sop_tasks SET watermark = :w"
                + " WHERE name = 'weekly'").bind("w", dayAgo).execute());
        Await.until(() -> texts(bot).size() == 2, () -> "today's run sent, got " + texts(bot));
        assertThat(texts(bot)).extracting(r -> r.field("content")).containsExactlyInAnyOrder("老客A，本周新品",
                "老客B，本周新品");
        assertThat(taskState("weekly")).isEqualTo("running");
        assertThat(s.app().count("SELECT COUNT(DISTINCT run) FROM sop_sends s JOIN sop_tasks t ON t.id = s.task_id"
                + " WHERE t.name = 'weekly'")).isEqualTo(1);

        s.run("/sop create missed account:" + bot.id() + " to:tag:weekly" + bot.id() + " every:\"daily "
                + LocalTime.now(zone).minusHours(3).truncatedTo(ChronoUnit.MINUTES) + "\"", "en");
        s.run("/sop step missed 0 不该发出", "en");
        s.press(s.run("/sop start missed", "en").action(1));
        long started = s.app().count("SELECT watermark FROM sop_tasks WHERE name = 'missed'");
        s.app().parley().db().jdbi().useHandle(h -> h.createUpdate("UPDATE sop_tasks SET watermark = :w"
                + " WHERE name = 'missed'").bind("w", dayAgo).execute());
        Await.until(() -> s.app().count("SELECT watermark FROM sop_tasks WHERE name = 'missed'") > dayAgo,
                "the missed run passed over");
        assertThat(s.app().count("SELECT watermark FROM sop_tasks WHERE name = 'missed'")).isLessThan(started);
        assertThat(s.app().count("SELECT COUNT(*) FROM sop_sends s JOIN sop_tasks t ON t.id = s.task_id"
                + " WHERE t.name = 'missed'")).isZero();
        assertThat(texts(bot)).hasSize(2);
    }

    @Test
    void badInputIsRefusedInTheCallersLanguageAndChangesNothing() {
        Bot bot = s.bot("校验客服");
        long before = s.app().count("SELECT COUNT(*) FROM sop_tasks");
        assertThat(s.run("/sop create 坏 名字 account:" + bot.id() + " to:tag:vip", "en").text())
                .contains("one word too many").doesNotContain("Exception");
        assertThat(s.run("/sop create a.b account:" + bot.id() + " to:tag:vip", "en").text())
                .contains("cannot be a broadcast name");
        assertThat(s.run("/sop create nope to:tag:vip", "en").text()).contains("Say which account sends it");
        assertThat(s.run("/sop create nope account:" + bot.id() + " to:vip", "en").text())
                .contains("is not a recipient list");
        assertThat(s.run("/sop create nope account:" + bot.id() + " to:group:没有这个群", "en").text())
                .contains("没有这个群");
        assertThat(s.run("/sop create nope account:" + bot.id() + " to:tag:vip at:2020-01-01T09:00", "en").text())
                .contains("is in the past");
        assertThat(s.run("/sop create nope account:" + bot.id() + " to:tag:vip at:tomorrow", "en").text())
                .contains("is not a time");
        assertThat(s.run("/sop create nope account:" + bot.id() + " to:tag:vip every:\"someday 9\"", "en").text())
                .contains("is not a repetition");
        assertThat(s.run("/sop create nope account:" + bot.id() + " to:tag:vip every:\"mon 09:00\""
                + " at:2099-01-01T09:00", "en").text()).contains("Give one of at:, every: and after-join:");
        assertThat(s.run("/群发 创建 nope 账号:" + bot.id() + " 发给:标签:vip 每:\"某天 9\"", "zh-CN").text())
                .contains("不是有效的周期");
        assertThat(s.app().count("SELECT COUNT(*) FROM sop_tasks")).isEqualTo(before);

        s.run("/sop create empty" + bot.id() + " account:" + bot.id() + " to:tag:nobody" + bot.id(), "en");
        assertThat(s.run("/sop step missing 0 hello", "en").text()).contains("There is no broadcast “missing”");
        assertThat(s.run("/sop step empty" + bot.id() + " 0 \"{unclosed\"", "en").text()).contains("is not closed");
        assertThat(s.run("/sop step empty" + bot.id() + " 0 tpl:gone", "en").text())
                .contains("There is no saved template “gone”");
        assertThat(s.run("/sop start empty" + bot.id(), "en").text()).contains("has no steps");
        s.run("/sop step empty" + bot.id() + " 0 hello", "en");
        assertThat(s.run("/sop start empty" + bot.id(), "en").text()).contains("No chat matches its recipients");
        assertThat(s.run("/群发 开始 empty" + bot.id(), "zh-CN").text()).contains("没有聊天符合接收对象");
        assertThat(s.app().count("SELECT COUNT(*) FROM sop_steps s JOIN sop_tasks t ON t.id = s.task_id"
                + " WHERE t.name = 'empty" + bot.id() + "'")).isEqualTo(1);
        assertThat(s.app().count("SELECT COUNT(*) FROM sop_sends s JOIN sop_tasks t ON t.id = s.task_id"
                + " WHERE t.name = 'empty" + bot.id() + "'")).isZero();
        assertThat(taskState("empty" + bot.id())).isEqualTo("draft");
        assertThat(s.run("/sop list", "en").text()).contains("empty" + bot.id(), "draft");
    }

    private static int sentOn(CommandClient.Response version) {
        for (var field : version.body().path("card").path("fields")) {
            if (field.path("label").asText().equals("Sent")) {
                return Integer.parseInt(field.path("value").asText());
            }
        }
        return 0;
    }

    private static String csv(CommandClient.Response report) {
        String url = report.body().path("card").path("file").path("data").asText("");
        assertThat(url).as(report.body().path("card").path("file").toString()).startsWith("data:text/csv;base64,");
        return new String(Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1)), StandardCharsets.UTF_8);
    }
}
