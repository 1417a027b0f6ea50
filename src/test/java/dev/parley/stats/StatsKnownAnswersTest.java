package dev.parley.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.BooleanSupplier;

import javax.imageio.ImageIO;

import com.fasterxml.jackson.databind.JsonNode;

import dev.parley.account.Account;
import dev.parley.account.AccountRegistry;
import dev.parley.account.AccountStore;
import dev.parley.card.CsvFile;
import dev.parley.command.LiveCards;
import dev.parley.connector.gewe.FakeGeweCallbacks;
import dev.parley.connector.gewe.FakeGeweServer;
import dev.parley.console.CommandClient;
import dev.parley.directory.DirectoryQueries.GroupRow;
import dev.parley.directory.Membership;
import dev.parley.testing.TestParley;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Replays {@link KnownHistory} through the GeWe webhook into a running service and checks every statistic
 * against the answers known by construction: the reports, the cards in both locales, the CSV export, membership
 * at past moments, re-delivered callbacks, and a rebuild against incremental maintenance.
 */
class StatsKnownAnswersTest {
    private static final Duration PATIENCE = Duration.ofSeconds(15);

    private static FakeGeweServer fake;
    private static TestParley app;
    private static KnownHistory history;
    private static List<String> delivered;
    private static long account;
    private static String window;

    @BeforeAll
    static void replay() throws Exception {
        fake = FakeGeweServer.start();
        KnownHistory.declare(fake);
        app = TestParley.start("stats", KnownHistory.settings(fake));
        FakeGeweCallbacks callbacks = fake.callbacks(URI.create(app.uri() + "/webhooks/gewe/" + TestParley.GEWE_SECRET));
        String appId = fake.onlineDevice(KnownHistory.BOT, "Bot");
        assertThat(callbacks.privateText(appId, "wxid_c1", "hi")).isEqualTo(200);
        account = app.count("SELECT id FROM accounts WHERE external_id = '" + appId + "'");
        CommandClient.Response sync = app.run("/bot sync " + account, "en");
        LiveCards.Snapshot last;
        long seen = 0;
        do {
            last = app.parley().engine().liveCards().await(sync.liveId(), seen, PATIENCE).orElseThrow();
            seen = last.version();
        } while (!last.finished());
        history = new KnownHistory(fake, callbacks, appId);
        delivered = history.replay();
        assertThat(eventually(() -> app.count("SELECT COUNT(*) FROM group_events WHERE kind IN ('join', 'kick')")
                == KnownHistory.EVENTS)).isTrue();
        app.parley().statsAggregator().catchUp();
        window = "from:" + history.d0 + " to:" + history.d0.plusDays(6);
    }

    @AfterAll
    static void stop() {
        app.close();
        fake.close();
    }

    @Test
    void groupFiguresMatchTheKnownHistory() {
        GroupReport r = alpha();
        assertThat(r.membersStart()).isEqualTo(6);
        assertThat(r.membersEnd()).isEqualTo(7);
        assertThat(r.membersNow()).isEqualTo(7);
        assertThat(r.netGrowth()).isEqualTo(1);
        assertThat(r.joins()).isEqualTo(3);
        assertThat(r.leaves()).isEqualTo(2);
        assertThat(r.churn()).isEqualTo(2.0 / 6);
        assertThat(r.days()).extracting(GroupReport.Day::members).containsExactly(6L, 8L, 9L, 8L, 8L, 7L, 7L);
        assertThat(r.days()).extracting(GroupReport.Day::joins).containsExactly(0L, 2L, 1L, 0L, 0L, 0L, 0L);
        assertThat(r.days()).extracting(GroupReport.Day::leaves).containsExactly(0L, 0L, 0L, 1L, 0L, 1L, 0L);
        assertThat(r.days()).extracting(GroupReport.Day::messages).containsExactly(3L, 2L, 1L, 0L, 2L, 0L, 1L);
        assertThat(r.messages()).isEqualTo(9);
        long[] hours = new long[24];
        hours[8] = 5;
        hours[13] = 2;
        hours[20] = 2;
        assertThat(r.perHour()).containsExactly(hours);
        assertThat(r.perType()).containsExactly(Map.entry("text", 7L), Map.entry("emoji", 1L), Map.entry("image", 1L));
        assertThat(r.active()).as("u1, u2, u3, n2").isEqualTo(4);
        assertThat(r.silent()).as("u4, n3").isEqualTo(2);
        assertThat(r.topSpeakers()).extracting(Ranked::id, Ranked::count).containsExactly(
                tuple("wxid_u1", 3L), tuple("wxid_n2", 2L),
                tuple("wxid_u2", 2L), tuple(KnownHistory.BOT, 1L),
                tuple("wxid_u3", 1L));
        assertThat(r.topInviters()).extracting(Ranked::id, Ranked::count).containsExactly(
                tuple("wxid_u1", 2L), tuple("wxid_u2", 1L));
    }

    @Test
    void aWindowOfWholeMonthsReadsTheMonthlySpeakersAndAgreesWithTheDays() {
        StatsWindow months = new StatsWindow(history.d0.minusDays(40),
                history.d0.plusDays(6).withDayOfMonth(history.d0.plusDays(6).lengthOfMonth()), KnownHistory.ZONE);
        GroupReport r = app.parley().stats().group(groupRow(KnownHistory.ALPHA), KnownHistory.BOT, months);
        assertThat(r.messages()).as("with u4 on d0-1").isEqualTo(10);
        assertThat(r.active()).as("u1, u2, u3, u4, n2").isEqualTo(5);
        assertThat(r.topSpeakers()).extracting(Ranked::id, Ranked::count).containsExactly(tuple("wxid_u1", 3L),
                tuple("wxid_n2", 2L), tuple("wxid_u2", 2L), tuple(KnownHistory.BOT, 1L), tuple("wxid_u3", 1L));
        assertThat(r.silent()).as("n3 only").isEqualTo(1);
    }

    @Test
    void membershipAtPastMomentsIsExact() {
        long group = groupRow(KnownHistory.ALPHA).id();
        assertThat(app.parley().directory().ledger().membersAt(group, Instant.ofEpochMilli(history.at(2, "23:00"))))
                .extracting(Membership::memberId).containsExactlyInAnyOrder(KnownHistory.BOT, "wxid_u1", "wxid_u2",
                        "wxid_u3", "wxid_u4", "wxid_u5", "wxid_n1", "wxid_n2", "wxid_n3");
        StatsWindow day4 = new StatsWindow(history.d0.plusDays(4), history.d0.plusDays(4), KnownHistory.ZONE);
        GroupReport r = app.parley().stats().group(groupRow(KnownHistory.ALPHA), KnownHistory.BOT, day4);
        assertThat(r.membersStart()).isEqualTo(8);
        assertThat(r.membersEnd()).isEqualTo(8);
    }

    @Test
    void accountFiguresMatchTheKnownHistory() {
        Account a = accountRow();
        AccountReport r = app.parley().stats().account(a, window());
        assertThat(r.days()).extracting(AccountReport.Day::in).containsExactly(5L, 3L, 2L, 1L, 3L, 1L, 1L);
        assertThat(r.days()).extracting(AccountReport.Day::out).containsExactly(1L, 1L, 2L, 1L, 1L, 0L, 1L);
        assertThat(r.in()).isEqualTo(16);
        assertThat(r.out()).isEqualTo(7);
        assertThat(r.responses().sortedMillis()).containsExactly(10_000L, 60_000L, 120_000L, 300_000L, 1_800_000L);
        assertThat(r.responses().at(50)).isEqualTo(120_000L);
        assertThat(r.responses().at(90)).isEqualTo(1_800_000L);
        assertThat(r.unanswered()).isEqualTo(2);
        assertThat(r.groupsNow()).isEqualTo(3);
        assertThat(r.contactsNow()).isEqualTo(4);
    }

    @Test
    void overlapFleetAndRankingsMatchTheKnownHistory() {
        OverlapReport o = app.parley().stats().overlap(null);
        assertThat(o.groups()).isEqualTo(3);
        assertThat(o.people()).isEqualTo(8);
        assertThat(o.inTwoPlus()).isEqualTo(2);
        assertThat(o.topUsers()).extracting(Ranked::id, Ranked::count).containsExactly(
                tuple("wxid_u1", 3L), tuple("wxid_u2", 2L));
        assertThat(o.labels()).containsExactly("Alpha 一群", "Beta", "Gamma");
        assertThat(o.shared()).isEqualTo(new long[][] {{6, 2, 1}, {2, 3, 1}, {1, 1, 2}});

        FleetReport f = app.parley().stats().fleet();
        assertThat(f.online()).isEqualTo(1);
        assertThat(f.groups()).isEqualTo(3);
        assertThat(f.messages24h()).as("the first hi and u6 in Beta").isEqualTo(2);
        assertThat(f.busiest()).extracting(Ranked::name, Ranked::count).containsExactly(
                tuple("Beta", 1L));

        assertThat(app.parley().stats().topGroups(window())).extracting(Ranked::name, Ranked::count)
                .containsExactly(tuple("Alpha 一群", 9L));
        assertThat(app.parley().stats().topSpeakers(window())).extracting(Ranked::id, Ranked::count).containsExactly(
                tuple("wxid_u1", 3L), tuple("wxid_n2", 2L),
                tuple("wxid_u2", 2L), tuple("wxid_u3", 1L));
    }

    @Test
    void cardsShowTheFiguresInEnglishAndChinese() {
        Map<String, String> en = fields(app.run("/stats group " + KnownHistory.ALPHA + " " + window, "en"));
        assertThat(en).containsEntry("Members at start", "6").containsEntry("Members at end", "7")
                .containsEntry("Net growth", "+1").containsEntry("Joins", "3").containsEntry("Leaves", "2")
                .containsEntry("Churn", "33.3%").containsEntry("Messages", "9").containsEntry("Active members", "4")
                .containsEntry("Silent members", "2");
        Map<String, String> zh = fields(app.run("/统计 群 " + KnownHistory.ALPHA + " " + window.replace("from:", "从:")
                .replace("to:", "到:"), "zh-CN"));
        assertThat(zh).containsEntry("期初成员", "6").containsEntry("净增长", "+1").containsEntry("流失率", "33.3%")
                .containsEntry("沉默成员", "2");
        Map<String, String> account = fields(app.run("/stats account " + StatsKnownAnswersTest.account + " " + window, "en"));
        assertThat(account).containsEntry("Messages in", "16").containsEntry("Messages out", "7")
                .containsEntry("Response time p50", "2m 0s").containsEntry("Response time p90", "30m 0s")
                .containsEntry("Unanswered chats", "2");
        Map<String, String> zhAccount = fields(app.run("/统计 账号 " + StatsKnownAnswersTest.account + " " + window, "zh-CN"));
        assertThat(zhAccount).containsEntry("响应时间 p50", "2分0秒").containsEntry("未回复会话", "2");
    }

    @Test
    void theCsvExportRoundTripsToTheDailyFigures() {
        CommandClient.Response reply = app.run("/stats export group " + KnownHistory.ALPHA + " csv " + window, "en");
        JsonNode file = reply.body().path("card").path("file");
        String url = file.path("data").asText(file.path("url").asText());
        assertThat(url).startsWith("data:text/csv;base64,");
        byte[] bytes = Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1));
        assertThat(bytes).startsWith((byte) 0xEF, (byte) 0xBB, (byte) 0xBF);
        List<List<String>> rows = Csv.parse(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8));
        assertThat(rows.get(0)).containsExactly("day", "members", "joins", "leaves", "messages");
        List<List<String>> expected = new ArrayList<>();
        for (GroupReport.Day d : alpha().days()) {
            expected.add(List.of(d.day().toString(), Long.toString(d.members()), Long.toString(d.joins()),
                    Long.toString(d.leaves()), Long.toString(d.messages())));
        }
        assertThat(rows.subList(1, rows.size())).isEqualTo(expected);
    }

    @Test
    void quotedFieldsRoundTrip() {
        byte[] bytes = CsvFile.write(List.of("a", "b"), List.of(List.of("x,y", "say \"hi\"\nthen 群")));
        assertThat(Csv.parse(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8)))
                .containsExactly(List.of("a", "b"), List.of("x,y", "say \"hi\"\nthen 群"));
    }

    @Test
    void redeliveredCallbacksAndARebuildChangeNothing() throws Exception {
        Map<String, List<String>> before = Aggregates.dump(app.parley().db().jdbi());
        FakeGeweCallbacks again = fake.callbacks(URI.create(app.uri() + "/webhooks/gewe/" + TestParley.GEWE_SECRET));
        for (String body : delivered) {
            assertThat(again.post(body)).isEqualTo(200);
        }
        Thread.sleep(300);
        app.parley().statsAggregator().catchUp();
        assertThat(Aggregates.dump(app.parley().db().jdbi())).as("re-delivered").isEqualTo(before);
        CommandClient.Response rebuild = app.run("/stats rebuild", "en");
        LiveCards.Snapshot last;
        long seen = 0;
        do {
            last = app.parley().engine().liveCards().await(rebuild.liveId(), seen, PATIENCE).orElseThrow();
            seen = last.version();
        } while (!last.finished());
        assertThat(last.card().title()).isEqualTo("Statistics rebuilt");
        assertThat(Aggregates.dump(app.parley().db().jdbi())).as("rebuilt").isEqualTo(before);
    }

    @Test
    void everyCardCarriesADecodablePngChart() throws Exception {
        List<String> commands = List.of(
                "/stats group " + KnownHistory.ALPHA + " " + window,
                "/stats group " + KnownHistory.ALPHA + " " + window + " chart:joins",
                "/stats group " + KnownHistory.ALPHA + " " + window + " chart:hours",
                "/stats account " + account + " " + window,
                "/stats account " + account + " " + window + " chart:growth",
                "/stats overlap",
                "/stats top groups " + window,
                "/stats top speakers " + window);
        for (String locale : List.of("en", "zh-CN")) {
            for (String command : commands) {
                JsonNode image = app.run(command, locale).body().path("card").path("image");
                String src = image.path("src").asText();
                assertThat(src).as(command).startsWith("data:image/png;base64,");
                assertThat(image.path("alt").asText()).as(command).isNotBlank();
                BufferedImage png = ImageIO.read(new ByteArrayInputStream(
                        Base64.getDecoder().decode(src.substring(src.indexOf(',') + 1))));
                assertThat(png).as(command).isNotNull();
                assertThat(png.getWidth()).as(command).isGreaterThanOrEqualTo(300);
                assertThat(png.getHeight()).as(command).isGreaterThanOrEqualTo(200);
                assertThat(colours(png)).as(command + ": not blank").isGreaterThan(3);
            }
        }
    }

    private static int colours(BufferedImage png) {
        Set<Integer> seen = new HashSet<>();
        for (int y = 0; y < png.getHeight(); y += 2) {
            for (int x = 0; x < png.getWidth(); x += 2) {
                seen.add(png.getRGB(x, y));
            }
        }
        return seen.size();
    }

    private static GroupReport alpha() {
        return app.parley().stats().group(groupRow(KnownHistory.ALPHA), KnownHistory.BOT, window());
    }

    private static StatsWindow window() {
        return new StatsWindow(history.d0, history.d0.plusDays(6), KnownHistory.ZONE);
    }

    private static GroupRow groupRow(String chat) {
        return app.parley().directory().queries().find(chat, account).get(0);
    }

    private static Account accountRow() {
        Optional<Account> found = new AccountStore(app.parley().db().jdbi(), new AccountRegistry(InstantSource.system()),
                InstantSource.system()).find(account);
        return found.orElseThrow();
    }

    static Map<String, String> fields(CommandClient.Response reply) {
        Map<String, String> fields = new LinkedHashMap<>();
        reply.body().path("card").path("fields").forEach(f -> fields.put(f.path("label").asText(), f.path("value").asText()));
        assertThat(fields).as(reply.body().toString()).isNotEmpty();
        return fields;
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
