package dev.parley.directory;

import static dev.parley.connector.gewe.FakeGeweServer.member;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import dev.parley.command.LiveCards;
import dev.parley.connector.gewe.FakeGeweCallbacks;
import dev.parley.connector.gewe.FakeGeweServer;
import dev.parley.console.CommandClient;
import dev.parley.testing.TestParley;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What happens to groups between syncs, end to end through the webhook: a voluntary leave found by re-reading
 * the member list after ModContacts (debounced), the changes system messages announce, a group first seen in
 * a message read once, and a group the account lost.
 */
class GroupChangesTest {
    private static final String BOT = "wxid_gbot";
    private static final Duration PATIENCE = Duration.ofSeconds(10);

    private static FakeGeweServer fake;
    private static TestParley app;
    private static FakeGeweCallbacks callbacks;
    private static String appId;
    private static long account;

    @BeforeAll
    static void start() throws Exception {
        fake = FakeGeweServer.start();
        fake.friend("wxid_owner", "Olga")
                .room("leave@chatroom", "离开测试", "wxid_owner", member(BOT, "Bot"), member("wxid_owner", "Olga"),
                        member("wxid_stay", "Stan"), member("wxid_quit", "Quinn"))
                .room("notice@chatroom", "通知测试", "wxid_owner", member(BOT, "Bot"), member("wxid_owner", "Olga"),
                        member("wxid_kickme", "Kim"))
                .room("lost@chatroom", "失去的群", "wxid_owner", member(BOT, "Bot"), member("wxid_owner", "Olga"));
        app = TestParley.start("groupchanges", Map.of("gewe.base.url", fake.baseUrl().toString(),
                "gewe.token", fake.token(), "sync.pace.min.ms", "20", "sync.pace.max.ms", "30",
                "sync.debounce.ms", "300", "sync.progress.ms", "0"));
        callbacks = fake.callbacks(URI.create(app.uri() + "/webhooks/gewe/" + TestParley.GEWE_SECRET));
        appId = fake.onlineDevice(BOT, "Bot");
        assertThat(callbacks.privateText(appId, "wxid_owner", "hi")).isEqualTo(200);
        account = app.count("SELECT id FROM accounts WHERE external_id = '" + appId + "'");
        CommandClient.Response sync = app.run("/bot sync " + account, "en");
        LiveCards.Snapshot last;
        long seen = 0;
        do {
            last = app.parley().engine().liveCards().await(sync.liveId(), seen, PATIENCE).orElseThrow();
            seen = last.version();
        } while (!last.finished());
        assertThat(last.card().title()).isEqualTo("Sync of " + BOT + " finished");
    }

    @AfterAll
    static void stop() {
        app.close();
        fake.close();
    }

    @Test
    void aVoluntaryLeaveIsFoundByReReadingTheMemberListOnceTheRoomIsQuiet() throws Exception {
        long group = groupId("leave@chatroom");
        int before = chatroomInfoCalls("leave@chatroom");
        fake.removeMember("leave@chatroom", "wxid_quit");
        long changedAt = System.currentTimeMillis();
        assertThat(callbacks.roomChanged(appId, "leave@chatroom")).isEqualTo(200);
        assertThat(callbacks.roomChanged(appId, "leave@chatroom")).isEqualTo(200);

        assertThat(eventually(() -> app.count("SELECT COUNT(*) FROM group_events WHERE group_id = " + group
                + " AND kind = 'leave' AND member_id = 'wxid_quit'") == 1)).isTrue();
        long leftAt = app.count("SELECT left_at FROM group_members WHERE group_id = " + group + " AND member_id = 'wxid_quit'");
        assertThat(leftAt).as("the leave takes the time of the first change notice").isBetween(changedAt - 1_000, changedAt + 1_000);
        assertThat(chatroomInfoCalls("leave@chatroom") - before).as("two notices, one re-read").isEqualTo(1);
        MembershipLedger ledger = app.parley().directory().ledger();
        assertThat(ledger.membersAt(group, Instant.ofEpochMilli(leftAt - 1))).extracting(Membership::memberId)
                .contains("wxid_quit");
        assertThat(ledger.membersAt(group, Instant.ofEpochMilli(leftAt))).extracting(Membership::memberId)
                .containsExactlyInAnyOrder(BOT, "wxid_owner", "wxid_stay");
    }

    @Test
    void systemMessagesRecordJoinsKicksRenamesOwnersAndTheAccountsRemoval() throws Exception {
        String room = "notice@chatroom";
        long group = groupId(room);
        fake.addMember(room, member("wxid_new", "Nina").invitedBy("wxid_owner"));
        assertThat(callbacks.membersInvited(appId, room, "wxid_owner", "wxid_new")).isEqualTo(200);
        assertThat(eventually(() -> app.count("SELECT COUNT(*) FROM group_members WHERE group_id = " + group
                + " AND member_id = 'wxid_new' AND left_at IS NULL AND inviter_id = 'wxid_owner'") == 1)).isTrue();
        assertThat(text("SELECT CONCAT_WS('|', actor_id, member_id, detail) FROM group_events WHERE group_id = " + group
                + " AND kind = 'join'")).isEqualTo("wxid_owner|wxid_new|invite");
        assertThat(app.count("SELECT COUNT(*) FROM group_events e JOIN messages m ON m.id = e.message_id"
                + " WHERE e.group_id = " + group + " AND e.kind = 'join'")).as("the event points at its notice").isEqualTo(1);

        fake.removeMember(room, "wxid_kickme");
        assertThat(callbacks.memberRemoved(appId, room, "wxid_kickme")).isEqualTo(200);
        assertThat(eventually(() -> app.count("SELECT COUNT(*) FROM group_members WHERE group_id = " + group
                + " AND member_id = 'wxid_kickme' AND left_at IS NOT NULL") == 1)).isTrue();
        assertThat(text("SELECT CONCAT_WS('|', actor_id, member_id) FROM group_events WHERE group_id = " + group
                + " AND kind = 'kick'")).isEqualTo(BOT + "|wxid_kickme");

        assertThat(callbacks.renamed(appId, room, "wxid_owner", "改名后的群")).isEqualTo(200);
        assertThat(eventually(() -> "改名后的群".equals(text("SELECT name FROM `groups` WHERE id = " + group)))).isTrue();
        assertThat(callbacks.notice(appId, room, "你已成为新群主")).isEqualTo(200);
        assertThat(eventually(() -> BOT.equals(text("SELECT owner_id FROM `groups` WHERE id = " + group)))).isTrue();
        assertThat(callbacks.removedFromGroup(appId, room, "wxid_owner")).isEqualTo(200);
        assertThat(eventually(() -> "left".equals(text("SELECT status FROM `groups` WHERE id = " + group)))).isTrue();
        assertThat(text("SELECT CONCAT_WS('|', actor_id, member_id) FROM group_events WHERE group_id = " + group
                + " AND kind = 'removed'")).isEqualTo("wxid_owner|" + BOT);
        assertThat(app.count("SELECT COUNT(*) FROM group_members WHERE group_id = " + group + " AND member_id = '" + BOT
                + "' AND left_at IS NULL")).isZero();
        assertThat(kinds(group)).containsExactly("join", "kick", "rename", "owner", "removed");
        assertThat(app.get("/metrics").body()).contains("parley_group_events_total{kind=\"kick\"}");
    }

    @Test
    void aGroupFirstSeenInAMessageIsReadOnceSoItsNameIsSearchable() throws Exception {
        String room = "lazy@chatroom";
        fake.room(room, "新客户群", "wxid_owner", member(BOT, "Bot"), member("wxid_owner", "Olga"), member("wxid_x", "Xu"));
        assertThat(callbacks.groupText(appId, room, "wxid_x", "请问发货了吗")).isEqualTo(200);
        assertThat(callbacks.groupText(appId, room, "wxid_x", "订单号 778899")).isEqualTo(200);

        assertThat(eventually(() -> "新客户群".equals(text("SELECT name FROM `groups` WHERE account_id = " + account
                + " AND chat_id = '" + room + "'")))).isTrue();
        long group = groupId(room);
        assertThat(eventually(() -> app.count("SELECT COUNT(*) FROM group_members WHERE group_id = " + group
                + " AND joined_at IS NULL AND left_at IS NULL") == 3)).isTrue();
        Thread.sleep(200); // a second read would have come by now
        assertThat(chatroomInfoCalls(room)).isEqualTo(1);
        assertThat(eventually(() -> app.run("/search 778899", "en").text().contains("新客户群"))).isTrue();
    }

    @Test
    void aGroupTheAccountLostIsMarkedLeftWithItsStintClosed() throws Exception {
        long group = groupId("lost@chatroom");
        assertThat(callbacks.contactDeleted(appId, "lost@chatroom")).isEqualTo(200);
        assertThat(eventually(() -> "left".equals(text("SELECT status FROM `groups` WHERE id = " + group)))).isTrue();
        assertThat(text("SELECT CONCAT_WS('|', kind, member_id) FROM group_events WHERE group_id = " + group))
                .isEqualTo("leave|" + BOT);
        assertThat(app.parley().directory().ledger().membersAt(group, Instant.now())).extracting(Membership::memberId)
                .containsExactly("wxid_owner");
    }

    private static long groupId(String room) {
        return app.count("SELECT id FROM `groups` WHERE account_id = " + account + " AND chat_id = '" + room + "'");
    }

    private static int chatroomInfoCalls(String room) {
        return (int) fake.requests("/group/getChatroomInfo").stream().filter(r -> room.equals(r.field("chatroomId"))).count();
    }

    private static List<String> kinds(long group) {
        return app.parley().db().jdbi().withHandle(h -> h.createQuery(
                "SELECT kind FROM group_events WHERE group_id = :g ORDER BY id").bind("g", group).mapTo(String.class).list());
    }

    private static String text(String sql) {
        return app.parley().db().jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).findOne().orElse(null));
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }
}
