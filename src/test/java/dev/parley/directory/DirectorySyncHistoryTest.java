package dev.parley.directory;

import static dev.parley.connector.gewe.FakeGeweServer.member;
import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.account.Account;
import dev.parley.account.AccountRegistry;
import dev.parley.account.AccountStore;
import dev.parley.command.LiveCards;
import dev.parley.connector.ContactBook;
import dev.parley.connector.ContactProfile;
import dev.parley.connector.gewe.FakeGeweCallbacks;
import dev.parley.connector.gewe.FakeGeweServer;
import dev.parley.connector.gewe.GeweCallbackFixtures;
import dev.parley.console.CommandClient;
import dev.parley.stats.AccountReport;
import dev.parley.stats.StatsWindow;
import dev.parley.testing.TestParley;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Groups and contacts over time. A past with known times is written through the directory's own writers with
 * their times given ({@link Roster} stores friend lists and group profiles, {@link MembershipLedger} records the
 * account leaving a group); then real {@code /bot sync} runs against the fake GeWe server bring it to the present.
 * The per-day counts of {@code /stats account}, its card in both locales, the growth chart and the CSV export are
 * checked against the answers known by construction; syncs that find no change write nothing, and friends the
 * platform announces or deletes between syncs are followed at once.
 *
 * <p>The past, {@code d0} = ten days ago, window {@code d0 … d0+4}:
 * <ul>
 * <li>d0−1 10:00 friends f1, f2 and group g1; d0+1 12:00 f3 and group g2; d0+2 08:00 f2 gone; d0+2 09:00 g1 left;
 *     d0+3 18:00 f2 back; d0+3 20:00 f3 deleted; d0+4 00:00 (the first moment of the day) f4.</li>
 * <li>Contacts at the end of each day 2, 3, 2, 2, 3; groups 1, 2, 1, 1, 1; at the start 2 contacts, 1 group.</li>
 * <li>The sync today lists f1, f2, f5 and the groups g2, g3: 3 contacts (f4 gone, f5 new) and 2 groups now.</li>
 * </ul>
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DirectorySyncHistoryTest {
    private static final String BOT = "wxid_hbot";
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate D0 = LocalDate.now(ZONE).minusDays(10);

    private static FakeGeweServer fake;
    private static TestParley app;
    private static FakeGeweCallbacks callbacks;
    private static String appId;
    private static long account;
    private static String window;

    @BeforeAll
    static void start() throws Exception {
        fake = FakeGeweServer.start();
        fake.friend("wxid_f1", "F1").friend("wxid_f2", "F2").friend("wxid_f5", "F5")
                .room("g2@chatroom", "G2", BOT, member(BOT, "Bot"), member("wxid_f1", "F1"))
                .room("g3@chatroom", "G3", BOT, member(BOT, "Bot"), member("wxid_f2", "F2"));
        app = TestParley.start("dirhistory", Map.of("gewe.base.url", fake.baseUrl().toString(),
                "gewe.token", fake.token(), "sync.pace.min.ms", "10", "sync.pace.max.ms", "20",
                "sync.progress.ms", "0"));
        callbacks = fake.callbacks(URI.create(app.uri() + "/webhooks/gewe/" + TestParley.GEWE_SECRET));
        appId = fake.onlineDevice(BOT, "Bot");
        assertThat(callbacks.privateText(appId, "wxid_f1", "hi")).isEqualTo(200);
        account = app.count("SELECT id FROM accounts WHERE external_id = '" + appId + "'");

        Roster roster = new Roster(app.parley().db().jdbi());
        MembershipLedger ledger = app.parley().directory().ledger();
        roster.storeBook(account, book("wxid_f1", "wxid_f2"), at(-1, "10:00"));
        roster.storeProfiles(account, List.of(new ContactProfile("g1@chatroom", "G1", null, null)),
                Set.of("g1@chatroom"), at(-1, "10:00"));
        roster.storeBook(account, book("wxid_f1", "wxid_f2", "wxid_f3"), at(1, "12:00"));
        roster.storeProfiles(account, List.of(new ContactProfile("g2@chatroom", "G2", null, null)),
                Set.of("g2@chatroom"), at(1, "12:00"));
        roster.storeBook(account, book("wxid_f1", "wxid_f3"), at(2, "08:00"));
        assertThat(ledger.lost(account, BOT, "g1@chatroom", at(2, "09:00"))).isTrue();
        roster.storeBook(account, book("wxid_f1", "wxid_f2", "wxid_f3"), at(3, "18:00"));
        roster.friendGone(account, "wxid_f3", at(3, "20:00"));
        roster.storeBook(account, book("wxid_f1", "wxid_f2", "wxid_f4"), at(4, "00:00"));
        sync();
        window = "from:" + D0 + " to:" + D0.plusDays(4);
    }

    @AfterAll
    static void stop() {
        app.close();
        fake.close();
    }

    @Test
    void groupsAndContactsPerDayAreExact() {
        AccountReport r = report();
        assertThat(r.days()).extracting(AccountReport.Day::contacts).containsExactly(2L, 3L, 2L, 2L, 3L);
        assertThat(r.days()).extracting(AccountReport.Day::groups).containsExactly(1L, 2L, 1L, 1L, 1L);
        assertThat(r.contactsStart()).isEqualTo(2);
        assertThat(r.contactsNow()).isEqualTo(3);
        assertThat(r.groupsStart()).isEqualTo(1);
        assertThat(r.groupsNow()).isEqualTo(2);
        assertThat(r.groupsNew()).as("g2").isEqualTo(1);
        assertThat(stints("wxid_f2")).as("f2: gone on d0+2, back on d0+3").isEqualTo(
                at(-1, "10:00") + "-" + at(2, "08:00") + "," + at(3, "18:00") + "-");
        assertThat(stints("wxid_f4")).as("f4: closed by today's sync").startsWith(at(4, "00:00") + "-").doesNotEndWith("-");
        assertThat(stints("wxid_f5")).as("f5: opened by today's sync").endsWith("-");
        assertThat(app.count("SELECT gone_at FROM `groups` WHERE account_id = " + account + " AND chat_id = 'g1@chatroom'"))
                .isEqualTo(at(2, "09:00"));
    }

    @Test
    void theCardShowsStartAndNowInEnglishAndChinese() {
        Map<String, String> en = fields(app.run("/stats account " + account + " " + window, "en"));
        assertThat(en).containsEntry("Groups at start", "1").containsEntry("Groups now", "2 (+1)")
                .containsEntry("New groups", "1").containsEntry("Contacts at start", "2")
                .containsEntry("Contacts now", "3 (+1)");
        Map<String, String> zh = fields(app.run("/统计 账号 " + account + " " + window.replace("from:", "从:")
                .replace("to:", "到:"), "zh-CN"));
        assertThat(zh).containsEntry("期初群数", "1").containsEntry("当前群数", "2（+1）")
                .containsEntry("期初联系人", "2").containsEntry("当前联系人", "3（+1）");
    }

    @Test
    void theGrowthChartDecodesInBothLocales() throws Exception {
        for (String[] command : List.of(new String[] {"/stats account " + account + " " + window + " chart:growth", "en"},
                new String[] {"/统计 账号 " + account + " 从:" + D0 + " 到:" + D0.plusDays(4) + " 图表:增长", "zh-CN"})) {
            JsonNode image = app.run(command[0], command[1]).body().path("card").path("image");
            String src = image.path("src").asText();
            assertThat(src).as(command[0]).startsWith("data:image/png;base64,");
            BufferedImage png = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1))));
            assertThat(png).as(command[0]).isNotNull();
            assertThat(png.getWidth()).isGreaterThanOrEqualTo(300);
        }
        assertThat(app.run("/stats account " + account + " " + window + " chart:growth", "en").body().path("card")
                .path("image").path("alt").asText()).isEqualTo(
                        "Groups from 1 to 1 and contacts from 2 to 3, at the end of each day.");
    }

    @Test
    void theCsvExportHasGroupsAndContactsPerDay() {
        CommandClient.Response reply = app.run("/stats export account " + account + " csv " + window, "en");
        JsonNode file = reply.body().path("card").path("file");
        String url = file.path("data").asText(file.path("url").asText());
        assertThat(url).as(reply.body().toString()).startsWith("data:text/csv;base64,");
        byte[] bytes = Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1));
        String[] lines = new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines).containsExactly("day,messages_in,messages_out,groups,contacts",
                D0 + ",0,0,1,2", D0.plusDays(1) + ",0,0,2,3", D0.plusDays(2) + ",0,0,1,2",
                D0.plusDays(3) + ",0,0,1,2", D0.plusDays(4) + ",0,0,1,3");
    }

    @Test
    @Order(Integer.MAX_VALUE) // changes the present the other tests read
    void aSyncWithNoChangeChangesNothingAndChangesAreFollowed() throws Exception {
        Map<String, String> before = history();
        AccountReport report = report();
        sync();
        assertThat(history()).isEqualTo(before);
        assertThat(report().days()).isEqualTo(report.days());

        fake.unfriend("wxid_f5");
        sync();
        assertThat(stints("wxid_f5")).as("closed").doesNotEndWith("-");
        fake.friend("wxid_f5", "F5");
        fake.room("g1@chatroom", "G1", BOT, member(BOT, "Bot"));
        sync();
        assertThat(stints("wxid_f5").split(",")).as("a second stint, open").hasSize(2);
        assertThat(stints("wxid_f5")).endsWith("-");
        assertThat(app.count("SELECT COUNT(*) FROM `groups` WHERE account_id = " + account
                + " AND chat_id = 'g1@chatroom' AND status = 'active' AND gone_at IS NULL")).as("g1 back").isEqualTo(1);
        assertThat(app.count("SELECT COUNT(*) FROM contact_stints WHERE account_id = " + account + " AND until_at IS NULL"))
                .isEqualTo(app.count("SELECT COUNT(*) FROM contacts WHERE account_id = " + account + " AND kind = 'friend'"))
                .isEqualTo(3);

        assertThat(callbacks.post(GeweCallbackFixtures.friendChanged(appId, BOT, "wxid_f6", "F6", null))).isEqualTo(200);
        assertThat(eventually(() -> stints("wxid_f6") != null && stints("wxid_f6").endsWith("-")))
                .as("a friend announced by the platform between syncs").isTrue();
        assertThat(callbacks.post(GeweCallbackFixtures.contactDeleted(appId, BOT, "wxid_f6"))).isEqualTo(200);
        assertThat(eventually(() -> !stints("wxid_f6").endsWith("-"))).as("and deleted").isTrue();
    }

    // ---- helpers ---------------------------------------------------------------------------------------

    private static ContactBook book(String... friends) {
        return new ContactBook(List.of(friends), List.of(), List.of());
    }

    private static long at(int day, String time) {
        return LocalDateTime.of(D0.plusDays(day), LocalTime.parse(time)).atZone(ZONE).toInstant().toEpochMilli();
    }

    private static void sync() throws InterruptedException {
        CommandClient.Response reply = app.run("/bot sync " + account, "en");
        assertThat(reply.liveId()).as(reply.text()).isNotNull();
        LiveCards.Snapshot last;
        long seen = 0;
        do {
            last = app.parley().engine().liveCards().await(reply.liveId(), seen, Duration.ofSeconds(20)).orElseThrow();
            seen = last.version();
        } while (!last.finished());
        assertThat(app.count("SELECT COUNT(*) FROM directory_syncs WHERE account_id = " + account + " AND state <> 'done'"))
                .isZero();
    }

    private static AccountReport report() {
        Account a = new AccountStore(app.parley().db().jdbi(), new AccountRegistry(InstantSource.system()),
                InstantSource.system()).find(account).orElseThrow();
        return app.parley().stats().account(a, new StatsWindow(D0, D0.plusDays(4), ZONE));
    }

    /** A contact's stints as "since-until,…" in order; an open one ends in "-". */
    private static String stints(String contact) {
        return app.parley().db().jdbi().withHandle(h -> h.createQuery("SELECT GROUP_CONCAT(CONCAT(since_at, '-',"
                        + " COALESCE(until_at, '')) ORDER BY since_at SEPARATOR ',') FROM contact_stints"
                        + " WHERE account_id = :a AND contact_id = :c")
                .bind("a", account).bind("c", contact).mapTo(String.class).one());
    }

    /** Every stint and every group's interval, keyed by row. */
    private static Map<String, String> history() {
        Map<String, String> rows = new LinkedHashMap<>();
        app.parley().db().jdbi().useHandle(h -> {
            h.createQuery("SELECT id, contact_id, since_at, until_at FROM contact_stints ORDER BY id")
                    .map((rs, ctx) -> rows.put("stint " + rs.getLong(1), rs.getString(2) + " " + rs.getLong(3) + " "
                            + rs.getString(4))).list();
            h.createQuery("SELECT chat_id, status, first_seen_at, gone_at FROM `groups` ORDER BY id")
                    .map((rs, ctx) -> rows.put("group " + rs.getString(1), rs.getString(2) + " " + rs.getLong(3) + " "
                            + rs.getString(4))).list();
        });
        return rows;
    }

    private static boolean eventually(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    private static Map<String, String> fields(CommandClient.Response reply) {
        Map<String, String> fields = new LinkedHashMap<>();
        reply.body().path("card").path("fields").forEach(f -> fields.put(f.path("label").asText(), f.path("value").asText()));
        assertThat(fields).as(reply.body().toString()).isNotEmpty();
        return fields;
    }
}
