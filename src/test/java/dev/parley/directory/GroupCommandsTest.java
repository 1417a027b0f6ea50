package dev.parley.directory;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.connector.GroupSnapshot;
import dev.parley.connector.gewe.GeweCallbackFixtures;
import dev.parley.console.CommandClient;
import dev.parley.contact.GroupChange;
import dev.parley.testing.TestParley;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * {@code /group list|info|members} through the HTTP command channel, in English and Chinese: paging with
 * buttons, a group named by id or by name, a group two accounts share, a name two groups share, and names
 * that match nothing.
 */
class GroupCommandsTest {
    private static final long NOW = System.currentTimeMillis();
    private static final long DAY = Duration.ofDays(1).toMillis();

    private static TestParley app;
    private static long first;
    private static long second;

    @BeforeAll
    static void start() {
        app = TestParley.start("groupcmds", Map.of("group.page.size", "2", "group.members.page.size", "2"));
        first = account("wx_cmd1", "wxid_one");
        second = account("wx_cmd2", "wxid_two");
        MembershipLedger ledger = app.parley().directory().ledger();
        ledger.applySnapshot(first, "wxid_one", new GroupSnapshot("g1@chatroom", "退款咨询群", "wxid_olga", List.of(
                member("wxid_one", "One"), member("wxid_olga", "Olga"), member("wxid_m1", "Amy"),
                member("wxid_m2", "Ben"), member("wxid_m3", "Cid"))), NOW - 10 * DAY, NOW - 10 * DAY);
        ledger.applyChange(first, "wxid_one", new GroupChange(GroupChange.Kind.JOIN_INVITED, "g1@chatroom", "wxid_olga",
                "Olga", List.of(new GroupChange.Member("wxid_nina", "Nina")), null), null, NOW - DAY);
        ledger.applyChange(first, "wxid_one", new GroupChange(GroupChange.Kind.KICK, "g1@chatroom", "wxid_olga", "Olga",
                List.of(new GroupChange.Member("wxid_m3", "Cid")), null), null, NOW - DAY / 2);
        ledger.applySnapshot(first, "wxid_one", snapshot("g3@chatroom", "VIP 客户", "wxid_one"), NOW - DAY, NOW - DAY);
        ledger.applySnapshot(first, "wxid_one", snapshot("g4@chatroom", "售后群", "wxid_one"), NOW - DAY, NOW - DAY);
        ledger.applyChange(first, "wxid_one", new GroupChange(GroupChange.Kind.REMOVED, "g4@chatroom", null, null,
                List.of(), null), null, NOW - DAY / 4);
        ledger.applySnapshot(second, "wxid_two", snapshot("g1@chatroom", "退款咨询群", "wxid_two"), NOW - 5 * DAY, NOW - 5 * DAY);
        ledger.applySnapshot(second, "wxid_two", snapshot("g2@chatroom", "VIP 客户", "wxid_two"), NOW - DAY, NOW - DAY);
        ledger.applyChange(second, "wxid_two", new GroupChange(GroupChange.Kind.RENAME, "g5@chatroom", null, null,
                List.of(), "只从通知里见过"), null, NOW - DAY);
        assertThat(app.postGewe(GeweCallbackFixtures.groupText("wx_cmd1", "wxid_one", "g1@chatroom", "wxid_m1", "在吗",
                "77001", NOW / 1000 - 60)).status()).isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void theListIsPagedWithButtonsMostRecentlyActiveFirst() throws IOException {
        CommandClient.Response page1 = app.run("/group list", "en");
        JsonNode card = page1.body().path("card");
        assertThat(card.path("title").asText()).isEqualTo("Groups (6)");
        assertThat(card.path("text").asText()).isEqualTo("Showing 1–2 of 6, the most recently active first.");
        assertThat(card.path("fields").get(0).path("label").asText()).isEqualTo("退款咨询群");
        assertThat(card.path("fields").get(0).path("value").asText())
                .startsWith("#" + first + " wxid_one · members: 5 · active · last message: ").endsWith("\ng1@chatroom");
        assertThat(buttons(card)).containsExactly("Next page");

        CommandClient.Response page2 = app.commands().press(page1.action(1), "en", "admin");
        assertThat(page2.body().path("card").path("text").asText()).isEqualTo("Showing 3–4 of 6, the most recently active first.");
        assertThat(buttons(page2.body().path("card"))).containsExactly("Previous page", "Next page");
        assertThat(page2.text()).contains("只从通知里见过").contains("members: unknown");

        CommandClient.Response last = app.run("/group list page:3", "en");
        assertThat(last.text()).contains("售后群").contains("left · last message: never");
        assertThat(buttons(last.body().path("card"))).containsExactly("Previous page");

        assertThat(app.run("/group list " + second, "en").body().path("card").path("title").asText())
                .isEqualTo("Groups of wxid_two (3)");
        CommandClient.Response zh = app.run("/群 列表", "zh-CN");
        assertThat(zh.body().path("card").path("title").asText()).isEqualTo("群（6）");
        assertThat(zh.text()).contains("显示第 1–2 个，共 6 个").contains("成员 5 · 在群中 · 最近消息 ");
        assertThat(app.run("/group list page:9", "en").text()).contains("There is no page 9; the last one is 3.");
        assertThat(app.run("/group list nobody", "en").text()).contains("No account matches “nobody”");
    }

    @Test
    void infoNamesTheGroupByIdOrNameWithItsWeekAndEvents() {
        CommandClient.Response byId = app.run("/group info g1@chatroom account:" + first, "en");
        JsonNode card = byId.body().path("card");
        assertThat(card.path("title").asText()).isEqualTo("Group: 退款咨询群");
        assertThat(field(card, "Owner")).isEqualTo("Olga");
        assertThat(field(card, "Members")).isEqualTo("5");
        assertThat(field(card, "Last 7 days")).isEqualTo("joined: 1 · left or removed: 1");
        assertThat(field(card, "Status")).isEqualTo("active");
        assertThat(field(card, "Recent events")).contains("Olga removed Cid").contains("Nina joined, invited by Olga");
        assertThat(card.path("buttons").get(0).path("command").asText())
                .isEqualTo("/group members g1@chatroom account:" + first);

        // the same group seen by two accounts: the view of the one that read its members last, both listed
        JsonNode byName = app.run("/group info 退款咨询群", "en").body().path("card");
        assertThat(byName.path("title").asText()).isEqualTo("Group: 退款咨询群");
        assertThat(field(byName, "Accounts in it")).isEqualTo("#" + second + " wxid_two, #" + first + " wxid_one");

        JsonNode zh = app.run("/群 详情 退款咨询群 账号:" + first, "zh-CN").body().path("card");
        assertThat(zh.path("title").asText()).isEqualTo("群：退款咨询群");
        assertThat(field(zh, "最近 7 天")).isEqualTo("入群 1 · 退群或被移出 1");
        assertThat(field(zh, "最近事件")).contains("Nina 经 Olga 邀请入群").contains("Olga 将 Cid 移出了群聊");

        JsonNode removed = app.run("/group info 售后群", "en").body().path("card");
        assertThat(field(removed, "Status")).isEqualTo("left");
        assertThat(field(removed, "Recent events")).contains("someone removed wxid_one (this account) from the group");
    }

    @Test
    void aNameSeveralGroupsShareListsThemAndUnknownNamesSaySo() throws IOException {
        CommandClient.Response choices = app.run("/group info VIP 客户", "en");
        JsonNode card = choices.body().path("card");
        assertThat(card.path("title").asText()).isEqualTo("Several groups are called “VIP 客户”");
        assertThat(card.path("tone").asText()).isEqualTo("warning");
        assertThat(card.path("buttons")).extracting(b -> b.path("command").asText()).containsExactlyInAnyOrder(
                "/group info g2@chatroom account:" + second, "/group info g3@chatroom account:" + first);
        int g3 = card.path("buttons").get(0).path("command").asText().contains("g3@") ? 1 : 2;
        JsonNode picked = app.commands().press(choices.action(g3), "en", "admin").body().path("card");
        assertThat(field(picked, "Id")).isEqualTo("g3@chatroom");

        assertThat(app.run("/group members VIP 客户", "en").body().path("card").path("buttons").get(0).path("command")
                .asText()).startsWith("/group members g");
        assertThat(app.run("/group info nothing", "en").text())
                .contains("No group has the id or the exact name “nothing”. /group list shows the groups.");
        assertThat(app.run("/群 详情 nothing", "zh-CN").text()).contains("没有群 ID 或完整群名为“nothing”的群");
        assertThat(app.run("/group info", "en").text()).contains("<group> is missing");
    }

    @Test
    void membersArePagedWithJoinDateAndInviter() throws IOException {
        CommandClient.Response page1 = app.run("/group members 退款咨询群 account:" + first, "en");
        JsonNode card = page1.body().path("card");
        assertThat(card.path("title").asText()).isEqualTo("Members of 退款咨询群 (5)");
        assertThat(card.path("fields")).extracting(f -> f.path("label").asText()).containsExactly("Amy", "Ben");
        assertThat(card.path("fields").get(0).path("value").asText()).startsWith("joined: before ")
                .contains("invited by: unknown").endsWith("\nwxid_m1");
        assertThat(buttons(card)).containsExactly("Next page");

        CommandClient.Response page2 = app.commands().press(page1.action(1), "en", "admin");
        assertThat(page2.body().path("card").path("fields")).extracting(f -> f.path("label").asText())
                .containsExactly("Olga (owner)", "wxid_one (this account)");
        CommandClient.Response page3 = app.commands().press(page2.action(2), "en", "admin");
        JsonNode nina = page3.body().path("card").path("fields").get(0);
        assertThat(nina.path("label").asText()).isEqualTo("Nina");
        assertThat(nina.path("value").asText()).doesNotContain("before").contains("invited by: Olga");
        assertThat(buttons(page3.body().path("card"))).containsExactly("Previous page");

        JsonNode zh = app.run("/群 成员 退款咨询群 账号:" + first + " 页:3", "zh-CN").body().path("card");
        assertThat(zh.path("title").asText()).isEqualTo("退款咨询群 的成员（5）");
        assertThat(zh.path("fields").get(0).path("value").asText()).startsWith("入群 ").contains("邀请人 Olga");

        assertThat(app.run("/group members g5@chatroom", "en").text())
                .contains("The members of this group were never read. /bot sync " + second + " reads them.");
    }

    @Test
    void syncNeedsAConfiguredPlatform() {
        assertThat(app.run("/bot sync " + first, "en").text()).contains("WeChat accounts need the GeWe API");
    }

    private static long account(String appId, String self) {
        assertThat(app.postGewe(GeweCallbackFixtures.privateText(appId, self, "wxid_someone", "hi",
                String.valueOf(appId.hashCode() & 0xffff), NOW / 1000 - 3600)).status()).isEqualTo(200);
        return app.count("SELECT id FROM accounts WHERE external_id = '" + appId + "'");
    }

    private static GroupSnapshot snapshot(String room, String name, String self) {
        return new GroupSnapshot(room, name, self, List.of(member(self, self), member("wxid_x", "Xi")));
    }

    private static GroupSnapshot.Member member(String id, String name) {
        return new GroupSnapshot.Member(id, name, null);
    }

    private static List<String> buttons(JsonNode card) {
        return card.path("buttons").findValuesAsText("label");
    }

    private static String field(JsonNode card, String label) {
        for (JsonNode field : card.path("fields")) {
            if (field.path("label").asText().equals(label)) {
                return field.path("value").asText();
            }
        }
        throw new AssertionError("no field " + label + " in " + card);
    }
}
