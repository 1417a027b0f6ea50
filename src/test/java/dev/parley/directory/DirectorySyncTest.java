package dev.parley.directory;

import static dev.parley.connector.gewe.FakeGeweServer.member;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.parley.card.Card;
import dev.parley.command.LiveCards;
import dev.parley.connector.gewe.FakeGeweCallbacks;
import dev.parley.connector.gewe.FakeGeweRequest;
import dev.parley.connector.gewe.FakeGeweServer;
import dev.parley.console.CommandClient;
import dev.parley.testing.TestParley;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /bot sync} through the command engine against the fake GeWe server: contacts, groups and members
 * stored; a live card that advances and ends with the summary; the pace kept between calls; transient
 * failures retried; an offline account stopping the sync, and the next sync resuming it.
 */
class DirectorySyncTest {
    private static final String BOT = "wxid_bot";
    private static final Set<String> DIRECTORY_PATHS = Set.of("/contacts/fetchContactsList", "/contacts/getBriefInfo",
            "/group/getChatroomInfo", "/group/getChatroomMemberList");
    private static final long PACE_MIN_MS = 60;

    private static FakeGeweServer fake;
    private static TestParley app;
    private static FakeGeweCallbacks callbacks;

    @BeforeAll
    static void start() {
        fake = FakeGeweServer.start();
        fake.friend("wxid_alice", "Alice").friend("wxid_bob", "Bob", "老客户 Bob").friend("wxid_carol", "Carol")
                .officialAccount("gh_news")
                .room("r1@chatroom", "退款咨询群", "wxid_alice", member(BOT, "Bot"), member("wxid_alice", "Alice"),
                        member("wxid_m1", "Mia").displayName("群里的 Mia").invitedBy("wxid_alice"), member("wxid_m2", "Max"))
                .room("r2@chatroom", "VIP 客户", "wxid_bob", member(BOT, "Bot"), member("wxid_bob", "Bob"))
                .room("r3@chatroom", "内部通知", BOT, member(BOT, "Bot"), member("wxid_m1", "Mia"), member("wxid_m3", "Moe"));
        app = TestParley.start("dirsync", Map.ofEntries(
                Map.entry("gewe.base.url", fake.baseUrl().toString()), Map.entry("gewe.token", fake.token()),
                Map.entry("sync.pace.min.ms", String.valueOf(PACE_MIN_MS)), Map.entry("sync.pace.max.ms", "90"),
                Map.entry("sync.retry.attempts", "3"), Map.entry("sync.retry.backoff.ms", "20"),
                Map.entry("sync.retry.backoff.max.ms", "40"), Map.entry("sync.progress.ms", "0"),
                Map.entry("login.poll.ms", "50"), Map.entry("online.reconnect.backoff.seconds", "0")));
        callbacks = fake.callbacks(URI.create(app.uri() + "/webhooks/gewe/" + TestParley.GEWE_SECRET));
    }

    @AfterAll
    static void stop() {
        app.close();
        fake.close();
    }

    @AfterEach
    void clearFaults() {
        fake.clearFaults();
    }

    @Test
    void aSyncStoresContactsGroupsAndMembersWithALiveCardThatEndsInTheSummary() throws Exception {
        String appId = fake.onlineDevice(BOT, "Bot");
        long account = account(appId);

        List<LiveCards.Snapshot> versions = syncToEnd(account, "en");
        Card last = versions.getLast().card();
        assertThat(last.title()).isEqualTo("Sync of wxid_bot finished");
        assertThat(last.tone()).isEqualTo(Card.Tone.SUCCESS);
        assertThat(field(last, "Friends")).isEqualTo("3 · new: 3 · gone: 0");
        assertThat(field(last, "Groups read")).isEqualTo("3 · first time: 3");
        assertThat(field(last, "Members")).isEqualTo("9 in the groups read");
        assertThat(field(last, "Since the last sync")).isEqualTo("This was the first sync of this account.");
        assertThat(field(last, "Errors")).isEqualTo("none");
        assertThat(last.progress().done()).isEqualTo(last.progress().total()).isEqualTo(1 + 1 + 3);
        assertThat(last.buttons()).extracting(b -> b.command()).containsExactly("/group list " + account);
        // it was edited in place while it ran: the step, the pace and the time left
        assertThat(versions).anySatisfy(v -> {
            assertThat(v.finished()).isFalse();
            assertThat(v.card().text()).startsWith("Reading group members: ");
            assertThat(v.card().progress().done()).isBetween(1L, 4L);
            assertThat(field(v.card(), "Pace")).endsWith("calls/min");
            assertThat(field(v.card(), "Time left")).isNotBlank();
        });

        assertThat(app.count("SELECT COUNT(*) FROM contacts WHERE account_id = " + account + " AND kind = 'friend'")).isEqualTo(3);
        assertThat(app.count("SELECT COUNT(*) FROM contacts WHERE account_id = " + account + " AND kind = 'official'")).isEqualTo(1);
        assertThat(text("SELECT remark FROM contacts WHERE account_id = " + account + " AND contact_id = 'wxid_bob'"))
                .isEqualTo("老客户 Bob");
        assertThat(text("SELECT GROUP_CONCAT(name ORDER BY chat_id SEPARATOR '|') FROM `groups` WHERE account_id = " + account))
                .isEqualTo("退款咨询群|VIP 客户|内部通知");
        assertThat(text("SELECT CONCAT_WS('|', owner_id, member_count, status) FROM `groups` WHERE account_id = " + account
                + " AND chat_id = 'r1@chatroom'")).isEqualTo("wxid_alice|4|active");
        assertThat(app.count("SELECT COUNT(*) FROM group_members gm JOIN `groups` g ON g.id = gm.group_id WHERE g.account_id = "
                + account + " AND gm.left_at IS NULL AND gm.joined_at IS NULL")).isEqualTo(9);
        assertThat(text("SELECT CONCAT(display_name, '|', inviter_id) FROM group_members gm JOIN `groups` g ON g.id = gm.group_id"
                + " WHERE g.account_id = " + account + " AND g.chat_id = 'r1@chatroom' AND gm.member_id = 'wxid_m1'"))
                .isEqualTo("群里的 Mia|wxid_alice");
        assertThat(text("SELECT state FROM directory_syncs WHERE account_id = " + account)).isEqualTo("done");

        // every call of the account waited the pace after the previous one
        List<FakeGeweRequest> calls = directoryCalls(appId);
        assertThat(calls).hasSize(5);
        for (int i = 1; i < calls.size(); i++) {
            assertThat(Duration.between(calls.get(i - 1).receivedAt(), calls.get(i).receivedAt()).toMillis())
                    .as("gap before call %d", i).isGreaterThanOrEqualTo(PACE_MIN_MS - 2);
        }

        // running it again is safe: nothing doubles, and the summary compares with the first run
        List<LiveCards.Snapshot> again = syncToEnd(account, "zh-CN");
        Card summary = again.getLast().card();
        assertThat(summary.title()).isEqualTo("wxid_bot 同步完成");
        assertThat(field(summary, "自上次同步以来")).isEqualTo("入群 0 · 退群或被移出 0");
        assertThat(field(summary, "已读取的群")).isEqualTo("3 个 · 首次读取 0");
        assertThat(app.count("SELECT COUNT(*) FROM group_members gm JOIN `groups` g ON g.id = gm.group_id"
                + " WHERE g.account_id = " + account)).isEqualTo(9);
        assertThat(app.count("SELECT COUNT(*) FROM contacts WHERE account_id = " + account)).isEqualTo(4);
    }

    @Test
    void transientFailuresAreRetriedAndAGroupThatKeepsFailingIsCounted() throws Exception {
        String appId = fake.onlineDevice(BOT, "Bot");
        long account = account(appId);
        fake.on("/group/getChatroomInfo").forDevice(appId).times(2).httpStatus(502); // not another test's account

        Card done = syncToEnd(account, "en").getLast().card();
        assertThat(field(done, "Errors")).isEqualTo("none");
        assertThat(field(done, "Groups read")).isEqualTo("3 · first time: 3");
        assertThat(directoryCalls(appId).stream().filter(r -> r.path().equals("/group/getChatroomInfo"))).hasSize(5);
        assertThat(app.get("/metrics").body())
                .contains("parley_directory_calls_total{operation=\"group\",result=\"retried\"}");

        fake.on("/group/getChatroomInfo").times(3).httpStatus(503); // one group fails all its attempts
        Card counted = syncToEnd(account, "en").getLast().card();
        assertThat(counted.tone()).isEqualTo(Card.Tone.WARNING);
        assertThat(field(counted, "Errors")).startsWith("1 · first: ");
        assertThat(field(counted, "Groups read")).isEqualTo("2 · first time: 0");
    }

    @Test
    void aPlatformThatKeepsFailingStopsTheSyncWithAClearCard() throws Exception {
        String appId = fake.onlineDevice(BOT, "Bot");
        long account = account(appId);
        fake.on("/group/getChatroomInfo").httpStatus(502);

        Card stopped = syncToEnd(account, "en").getLast().card();
        assertThat(stopped.title()).isEqualTo("Sync of wxid_bot stopped");
        assertThat(stopped.tone()).isEqualTo(Card.Tone.ERROR);
        assertThat(stopped.text()).startsWith("The platform kept failing: ");
        assertThat(stopped.footer()).isEqualTo("/bot sync " + account + " continues where this one stopped.");
        assertThat(text("SELECT state FROM directory_syncs WHERE account_id = " + account)).isEqualTo("failed");
    }

    @Test
    void anOfflineAccountStopsTheSyncAndTheNextOneResumesWhereItStopped() throws Exception {
        String appId = fake.onlineDevice(BOT, "Bot");
        long account = account(appId);
        fake.on("/group/getChatroomInfo").times(1).delay(Duration.ZERO); // the first group is read…
        fake.on("/group/getChatroomInfo").offline();                     // …then the account drops

        Card stopped = syncToEnd(account, "en").getLast().card();
        assertThat(stopped.title()).isEqualTo("Sync of wxid_bot stopped");
        assertThat(stopped.text()).isEqualTo("The account is offline. Log it in again, then sync again.");
        assertThat(field(stopped, "Groups read")).isEqualTo("1 · first time: 1");
        assertThat(text("SELECT state FROM directory_syncs WHERE account_id = " + account)).isEqualTo("stopped");

        fake.clearFaults();
        // the offline error reached the online monitor, which reconnects the account
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!"online".equals(text("SELECT status FROM accounts WHERE id = " + account)) && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(text("SELECT status FROM accounts WHERE id = " + account)).isEqualTo("online");
        assertThat(fake.requests("/login/reconnection")).anyMatch(r -> appId.equals(r.field("appId")));
        int before = chatroomInfoCalls(appId);
        Card resumed = syncToEnd(account, "en").getLast().card();
        assertThat(resumed.title()).isEqualTo("Sync of wxid_bot finished");
        assertThat(resumed.footer()).startsWith("Continuing the sync started ");
        assertThat(chatroomInfoCalls(appId) - before).as("the group read before the stop is skipped").isEqualTo(2);
        assertThat(app.count("SELECT COUNT(*) FROM directory_syncs WHERE account_id = " + account)).isEqualTo(1);
        assertThat(text("SELECT state FROM directory_syncs WHERE account_id = " + account)).isEqualTo("done");
        assertThat(app.count("SELECT COUNT(*) FROM `groups` WHERE account_id = " + account + " AND synced_at IS NOT NULL"))
                .isEqualTo(3);
    }

    @Test
    void aSecondSyncWhileOneRunsShowsItsProgressInstead() throws Exception {
        String appId = fake.onlineDevice(BOT, "Bot");
        long account = account(appId);
        fake.on("/group/getChatroomInfo").times(2).delay(Duration.ofMillis(400));

        CommandClient.Response first = app.run("/bot sync " + account, "en");
        assertThat(first.stillChanging()).isTrue();
        CommandClient.Response second = app.run("/bot sync " + account, "en");
        assertThat(second.body().path("card").path("title").asText()).isEqualTo("A sync of wxid_bot is already running");
        assertThat(second.text()).contains("one sync per account runs at a time");
        assertThat(second.stillChanging()).isFalse();
        assertThat(await(first.liveId(), 1).getLast().card().title()).isEqualTo("Sync of wxid_bot finished");
        assertThat(app.count("SELECT COUNT(*) FROM directory_syncs WHERE account_id = " + account)).isEqualTo(1);
    }

    @Test
    void aLoginFromChatSyncsTheAccountByItself() throws Exception {
        CommandClient.Response added = app.run("/bot add wechat 自动同步", "en");
        assertThat(added.liveId()).as(added.text()).isNotNull();
        String appId = fake.requests("/login/getLoginQrCode").getLast().replied("appId");
        fake.scan(appId, "Bot");
        fake.confirm(appId, BOT);
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        String state = null;
        while (System.nanoTime() < deadline && !"done".equals(state)) {
            Thread.sleep(50);
            state = app.parley().db().jdbi().withHandle(h -> h.createQuery("SELECT s.state FROM directory_syncs s"
                    + " JOIN accounts a ON a.id = s.account_id WHERE a.external_id = :app").bind("app", appId)
                    .mapTo(String.class).findOne().orElse(null));
        }
        assertThat(state).isEqualTo("done");
        assertThat(app.count("SELECT COUNT(*) FROM `groups` g JOIN accounts a ON a.id = g.account_id"
                + " WHERE a.external_id = '" + appId + "' AND g.synced_at IS NOT NULL")).isEqualTo(3);
    }

    @Test
    void badAccountsGetALocalizedAnswer() {
        assertThat(app.run("/bot sync nobody", "en").text()).contains("No account matches “nobody”");
        assertThat(app.run("/机器人 同步 nobody", "zh-CN").text()).contains("没有与“nobody”匹配的账号");
        String appId = fake.onlineDevice(BOT, "Bot");
        long account = account(appId);
        fake.goOffline(appId, false); // so the online monitor's reconnection cannot bring it back before the sync
        callbacks.offline(appId);
        assertThat(app.run("/bot sync " + account, "en").text()).contains("wxid_bot is offline. Log it in again first");
        assertThat(app.run("/bot sync", "en").text()).contains("<account> is missing");
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    /** A managed account for the device, created the way GeWe creates them: by its first callback. */
    private static long account(String appId) {
        assertThat(callbacks.privateText(appId, "wxid_alice", "你好")).isEqualTo(200);
        return app.count("SELECT id FROM accounts WHERE external_id = '" + appId + "'");
    }

    private static List<LiveCards.Snapshot> syncToEnd(long account, String locale) throws InterruptedException {
        CommandClient.Response reply = app.run((locale.equals("en") ? "/bot sync " : "/机器人 同步 ") + account, locale);
        assertThat(reply.liveId()).as(reply.text()).isNotNull();
        return await(reply.liveId(), 0);
    }

    private static List<LiveCards.Snapshot> await(String liveId, long after) throws InterruptedException {
        LiveCards cards = app.parley().engine().liveCards();
        List<LiveCards.Snapshot> versions = new ArrayList<>();
        long seen = after;
        while (true) {
            LiveCards.Snapshot version = cards.await(liveId, seen, Duration.ofSeconds(20)).orElseThrow();
            assertThat(version.version()).as("the card stopped changing").isGreaterThan(seen);
            versions.add(version);
            seen = version.version();
            if (version.finished()) {
                return versions;
            }
        }
    }

    private static List<FakeGeweRequest> directoryCalls(String appId) {
        return fake.requests().stream().filter(r -> DIRECTORY_PATHS.contains(r.path()))
                .filter(r -> appId.equals(r.field("appId"))).toList();
    }

    private static int chatroomInfoCalls(String appId) {
        return (int) directoryCalls(appId).stream().filter(r -> r.path().equals("/group/getChatroomInfo")).count();
    }

    private static String field(Card card, String label) {
        return card.fields().stream().filter(f -> f.label().equals(label)).map(Card.Field::value).findFirst()
                .orElseThrow(() -> new AssertionError("no field " + label + " in " + card));
    }

    private static String text(String sql) {
        return app.parley().db().jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    }
}
