package dev.parley.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.Instant;
import java.time.InstantSource;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import dev.parley.account.AccountKey;
import dev.parley.account.AccountRegistry;
import dev.parley.account.AccountStore;
import dev.parley.account.Platform;
import dev.parley.connector.GroupSnapshot;
import dev.parley.contact.GroupChange;
import dev.parley.db.Database;
import dev.parley.testing.TestDatabase;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Membership history on the real database: member lists and notices open and close stints so that who was in
 * a group at any past moment is exact, and every change leaves the event it should.
 */
class MembershipLedgerTest {
    private static final String SELF = "wxid_bot";
    private static final long T0 = 1_763_800_000_000L;

    private static Database db;
    private static final AtomicLong NOW = new AtomicLong(T0);
    private static MembershipLedger ledger;
    private static DirectoryQueries queries;
    private static AccountStore accounts;

    @BeforeAll
    static void open() {
        db = TestDatabase.create("ledger");
        InstantSource clock = () -> Instant.ofEpochMilli(NOW.get());
        accounts = new AccountStore(db.jdbi(), new AccountRegistry(clock), clock);
        ledger = new MembershipLedger(db.jdbi(), clock, DirectoryMetrics.register(new PrometheusRegistry()));
        queries = new DirectoryQueries(db.jdbi());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void membershipAtAnyPastMomentIsExactAcrossALeaveAndARejoin() {
        long account = account("wx_history");
        String room = "100@chatroom";
        SnapshotDiff first = ledger.applySnapshot(account, SELF, snapshot(room, SELF, "wxid_a", "wxid_b"), T0, T0);
        assertThat(first.first()).isTrue();
        assertThat(first.joined()).isEmpty();
        long group = first.groupId();

        SnapshotDiff gone = ledger.applySnapshot(account, SELF, snapshot(room, SELF, "wxid_a"), T0 + 10_000, T0 + 9_000);
        assertThat(gone.left()).containsExactly("wxid_b");
        SnapshotDiff back = ledger.applySnapshot(account, SELF, snapshot(room, SELF, "wxid_a", "wxid_b", "wxid_c"),
                T0 + 20_000, T0 + 20_000);
        assertThat(back.joined()).containsExactlyInAnyOrder("wxid_b", "wxid_c");

        assertThat(ids(ledger.membersAt(group, Instant.ofEpochMilli(T0 - 1)))).containsExactlyInAnyOrder(SELF, "wxid_a", "wxid_b");
        assertThat(ids(ledger.membersAt(group, Instant.ofEpochMilli(T0 + 8_999)))).containsExactlyInAnyOrder(SELF, "wxid_a", "wxid_b");
        assertThat(ids(ledger.membersAt(group, Instant.ofEpochMilli(T0 + 9_000)))).containsExactlyInAnyOrder(SELF, "wxid_a");
        assertThat(ids(ledger.membersAt(group, Instant.ofEpochMilli(T0 + 19_999)))).containsExactlyInAnyOrder(SELF, "wxid_a");
        assertThat(ids(ledger.membersAt(group, Instant.ofEpochMilli(T0 + 20_000))))
                .containsExactlyInAnyOrder(SELF, "wxid_a", "wxid_b", "wxid_c");
        // two stints for b: [before first seen, 9 s) and [20 s, now)
        assertThat(ledger.history(group)).filteredOn(m -> m.memberId().equals("wxid_b"))
                .extracting(Membership::joinedAt, Membership::leftAt)
                .containsExactly(tuple(null, T0 + 9_000),
                        tuple(T0 + 20_000, null));
        assertThat(kinds(group)).containsExactly("leave", "join", "join");
        assertThat(count("SELECT COUNT(*) FROM group_events WHERE group_id = " + group
                + " AND kind = 'join' AND detail = 'list'")).isEqualTo(2);
        assertThat(count("SELECT member_count FROM `groups` WHERE id = " + group)).isEqualTo(4);
    }

    @Test
    void noticesOpenAndCloseStintsAtOnceWithTheirActors() {
        long account = account("wx_notices");
        String room = "200@chatroom";
        long group = ledger.applySnapshot(account, SELF, snapshot(room, SELF, "wxid_owner", "wxid_a"), T0, T0).groupId();

        boolean refresh = ledger.applyChange(account, SELF, new GroupChange(GroupChange.Kind.JOIN_INVITED, room,
                "wxid_owner", "群主", List.of(new GroupChange.Member("wxid_new", "新人")), null), 42L, T0 + 1_000);
        assertThat(refresh).isFalse();
        ledger.applyChange(account, SELF, new GroupChange(GroupChange.Kind.JOIN_QR, room, "wxid_a", "阿A",
                List.of(new GroupChange.Member("wxid_qr", "扫码")), null), null, T0 + 2_000);
        ledger.applyChange(account, SELF, new GroupChange(GroupChange.Kind.KICK, room, "wxid_owner", null,
                List.of(new GroupChange.Member("wxid_new", null)), null), null, T0 + 3_000);
        ledger.applyChange(account, SELF, new GroupChange(GroupChange.Kind.RENAME, room, "wxid_a", "阿A", List.of(),
                "新群名"), null, T0 + 4_000);
        ledger.applyChange(account, SELF, new GroupChange(GroupChange.Kind.OWNER, room, "wxid_a", null, List.of(), null),
                null, T0 + 5_000);

        assertThat(ids(ledger.membersAt(group, Instant.ofEpochMilli(T0 + 1_500))))
                .containsExactlyInAnyOrder(SELF, "wxid_a", "wxid_new", "wxid_owner");
        assertThat(ids(ledger.membersAt(group, Instant.ofEpochMilli(T0 + 3_000))))
                .containsExactlyInAnyOrder(SELF, "wxid_a", "wxid_owner", "wxid_qr");
        assertThat(ledger.history(group)).filteredOn(m -> m.memberId().equals("wxid_qr"))
                .extracting(Membership::inviterId).containsExactly("wxid_a");
        assertThat(text("SELECT CONCAT(name, '|', owner_id) FROM `groups` WHERE id = " + group)).isEqualTo("新群名|wxid_a");
        assertThat(text("SELECT CONCAT_WS('|', kind, actor_id, member_id, detail, message_id) FROM group_events WHERE group_id = "
                + group + " ORDER BY id LIMIT 1")).isEqualTo("join|wxid_owner|wxid_new|invite|42");
        assertThat(kinds(group)).containsExactly("join", "join", "kick", "rename", "owner");

        ledger.applyChange(account, SELF, new GroupChange(GroupChange.Kind.DISMISSED, room, "wxid_a", null, List.of(),
                null), null, T0 + 6_000);
        assertThat(text("SELECT status FROM `groups` WHERE id = " + group)).isEqualTo("dismissed");
        assertThat(ledger.membersAt(group, Instant.ofEpochMilli(T0 + 6_000))).isEmpty();
        assertThat(ids(ledger.membersAt(group, Instant.ofEpochMilli(T0 + 5_999)))).hasSize(4);
    }

    @Test
    void theAccountRemovedThenInvitedBackHasTwoStintsAndTheGroupFollows() {
        long account = account("wx_removed");
        String room = "300@chatroom";
        long group = ledger.applySnapshot(account, SELF, new GroupSnapshot(room, "G", "wxid_a",
                List.of(member(SELF), member("wxid_a", "阿A"))), T0, T0).groupId();
        ledger.applyChange(account, SELF, new GroupChange(GroupChange.Kind.REMOVED, room, null, "阿A", List.of(), null),
                null, T0 + 1_000);
        assertThat(text("SELECT status FROM `groups` WHERE id = " + group)).isEqualTo("left");
        assertThat(ids(ledger.membersAt(group, Instant.ofEpochMilli(T0 + 1_000)))).containsExactlyInAnyOrder("wxid_a");

        boolean refresh = ledger.applyChange(account, SELF, new GroupChange(GroupChange.Kind.INVITED, room, "wxid_a",
                null, List.of(), null), null, T0 + 2_000);
        assertThat(refresh).as("members must be read after being invited").isTrue();
        assertThat(text("SELECT status FROM `groups` WHERE id = " + group)).isEqualTo("active");
        assertThat(ids(ledger.membersAt(group, Instant.ofEpochMilli(T0 + 2_000)))).containsExactlyInAnyOrder(SELF, "wxid_a");
        // the actor's name resolved against the current members
        assertThat(text("SELECT actor_id FROM group_events WHERE group_id = " + group + " AND kind = 'removed'"))
                .isEqualTo("wxid_a");

        assertThat(ledger.lost(account, SELF, room, T0 + 3_000)).isTrue();
        assertThat(text("SELECT status FROM `groups` WHERE id = " + group)).isEqualTo("left");
        assertThat(kinds(group)).containsExactly("removed", "invited", "leave");
        assertThat(ledger.lost(account, SELF, "unknown@chatroom", T0)).isFalse();
    }

    @Test
    void aNameOnlyNoticeWaitsForTheMemberListWhichFillsInTheIdAndTheTime() {
        long account = account("wx_names");
        String room = "400@chatroom";
        long group = ledger.applySnapshot(account, SELF,
                new GroupSnapshot(room, "G", "wxid_a", List.of(member(SELF), member("wxid_a", "阿A"),
                        member("wxid_z1", "张三"), member("wxid_z2", "张三"), member("wxid_k", "小K"))), T0, T0).groupId();

        // "小K" is one member: resolved at once
        assertThat(ledger.applyChange(account, SELF, kick(room, "小K"), null, T0 + 1_000)).isFalse();
        assertThat(ids(ledger.membersAt(group, Instant.ofEpochMilli(T0 + 1_000)))).doesNotContain("wxid_k");
        // two members are called 张三: no guess, the member list decides
        assertThat(ledger.applyChange(account, SELF, kick(room, "张三"), null, T0 + 2_000)).isTrue();
        // 李四 is nobody known yet
        assertThat(ledger.applyChange(account, SELF, new GroupChange(GroupChange.Kind.JOIN_INVITED, room, null, "阿A",
                List.of(new GroupChange.Member(null, "李四")), null), null, T0 + 3_000)).isTrue();
        assertThat(count("SELECT COUNT(*) FROM group_events WHERE group_id = " + group + " AND member_id IS NULL"))
                .isEqualTo(2);

        ledger.applySnapshot(account, SELF, new GroupSnapshot(room, "G", "wxid_a", List.of(member(SELF),
                member("wxid_a", "阿A"), member("wxid_z1", "张三"), member("wxid_l", "李四"))), T0 + 10_000, T0 + 9_000);
        assertThat(count("SELECT COUNT(*) FROM group_events WHERE group_id = " + group + " AND member_id IS NULL"))
                .isZero();
        assertThat(text("SELECT CONCAT_WS('|', member_id, actor_id) FROM group_events WHERE group_id = " + group
                + " AND kind = 'join'")).isEqualTo("wxid_l|wxid_a");
        assertThat(text("SELECT member_id FROM group_events WHERE group_id = " + group + " AND kind = 'kick'"
                + " AND member_name = '张三'")).isEqualTo("wxid_z2");
        assertThat(kinds(group)).containsExactly("kick", "kick", "join"); // no extra leave or join
        // the stints take the notices' times, not the member list's
        assertThat(ledger.history(group)).filteredOn(m -> m.memberId().equals("wxid_l"))
                .extracting(Membership::joinedAt, Membership::inviterId)
                .containsExactly(tuple(T0 + 3_000, "wxid_a"));
        assertThat(ids(ledger.membersAt(group, Instant.ofEpochMilli(T0 + 1_999)))).contains("wxid_z2");
        assertThat(ids(ledger.membersAt(group, Instant.ofEpochMilli(T0 + 2_000)))).doesNotContain("wxid_z2");
    }

    @Test
    void aMemberListAskedForBeforeANoticeDoesNotUndoIt() {
        long account = account("wx_race");
        String room = "500@chatroom";
        long group = ledger.applySnapshot(account, SELF, snapshot(room, SELF, "wxid_a", "wxid_b"), T0, T0).groupId();
        long asked = T0 + 10_000;
        // while the list is on its way, a notice says c joined and b was removed
        ledger.applyChange(account, SELF, new GroupChange(GroupChange.Kind.JOIN_INVITED, room, "wxid_a", null,
                List.of(new GroupChange.Member("wxid_c", null)), null), null, asked + 500);
        ledger.applyChange(account, SELF, kick(room, null, "wxid_b"), null, asked + 600);
        // the list still shows the group as it was when asked
        SnapshotDiff diff = ledger.applySnapshot(account, SELF, snapshot(room, SELF, "wxid_a", "wxid_b"), asked, asked);
        assertThat(diff.joined()).isEmpty();
        assertThat(diff.left()).isEmpty();
        assertThat(ids(ledger.membersAt(group, Instant.ofEpochMilli(asked + 1_000)))).containsExactlyInAnyOrder(SELF, "wxid_a",
                "wxid_c");
    }

    @Test
    void aGroupKnownOnlyFromNoticesKeepsThemWhenItsFirstListArrives() {
        long account = account("wx_first");
        String room = "600@chatroom";
        ledger.applyChange(account, SELF, kick(room, null, "wxid_gone"), null, T0);
        ledger.applyChange(account, SELF, new GroupChange(GroupChange.Kind.JOIN_INVITED, room, "wxid_a", null,
                List.of(new GroupChange.Member("wxid_new", null)), null), null, T0 + 1_000);
        long group = ledger.groupId(account, room).orElseThrow();
        SnapshotDiff diff = ledger.applySnapshot(account, SELF, snapshot(room, SELF, "wxid_a", "wxid_new"), T0 + 5_000,
                T0 + 5_000);
        assertThat(diff.first()).isTrue();
        assertThat(ids(ledger.membersAt(group, Instant.ofEpochMilli(T0 - 1)))).containsExactlyInAnyOrder(SELF, "wxid_a", "wxid_gone");
        assertThat(ids(ledger.membersAt(group, Instant.ofEpochMilli(T0 + 1_000)))).containsExactlyInAnyOrder(SELF, "wxid_a",
                "wxid_new");
        assertThat(queries.moves(group, T0).joined()).isEqualTo(1);
        assertThat(queries.moves(group, T0).left()).isEqualTo(1);
        Map<String, String> names = queries.names(account, group, List.of("wxid_a", "nobody"));
        assertThat(names).containsEntry("wxid_a", "wxid_a").doesNotContainKey("nobody");
    }

    private static GroupChange kick(String room, String name) {
        return new GroupChange(GroupChange.Kind.KICK, room, "wxid_a", null, List.of(new GroupChange.Member(null, name)), null);
    }

    private static GroupChange kick(String room, String name, String id) {
        return new GroupChange(GroupChange.Kind.KICK, room, "wxid_a", null, List.of(new GroupChange.Member(id, name)), null);
    }

    private static GroupSnapshot snapshot(String room, String... members) {
        return new GroupSnapshot(room, "群 " + room, members[0], Arrays.stream(members).map(MembershipLedgerTest::member).toList());
    }

    private static GroupSnapshot.Member member(String id) {
        return member(id, id);
    }

    private static GroupSnapshot.Member member(String id, String name) {
        return new GroupSnapshot.Member(id, name, null);
    }

    private static long account(String appId) {
        return accounts.idOf(new AccountKey(Platform.WECHAT, appId));
    }

    private static List<String> ids(List<Membership> members) {
        return members.stream().map(Membership::memberId).sorted().toList();
    }

    private static List<String> kinds(long group) {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT kind FROM group_events WHERE group_id = :g ORDER BY occurred_at, id")
                .bind("g", group).mapTo(String.class).list());
    }

    private static long count(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private static String text(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(String.class).one());
    }
}
