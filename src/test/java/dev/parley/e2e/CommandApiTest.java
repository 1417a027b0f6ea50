package dev.parley.e2e;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

import dev.parley.connector.gewe.GeweCallbackFixtures;
import dev.parley.console.CommandClient;
import dev.parley.testing.TestParley;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP command channel end to end: auth, bad bodies, search after ingestion and after restarts. */
class CommandApiTest {
    private static TestParley app;

    @BeforeAll
    static void start() {
        app = TestParley.start("api", Map.of("owners", "http:admin"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void withoutTheRightTokenNothingRuns() {
        byte[] body = "{\"text\":\"/role grant http:eve owner\"}".getBytes(StandardCharsets.UTF_8);
        assertThat(app.post("/api/commands", body, Map.of()).status()).isEqualTo(401);
        TestParley.Reply wrong = app.post("/api/commands", body, Map.of("Authorization", "Bearer nope",
                "Accept-Language", "zh-CN"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.json().get("error").asText()).contains("令牌");
        assertThat(app.count("SELECT COUNT(*) FROM admins WHERE user_id = 'eve'")).isZero();
    }

    @Test
    void badBodiesAreRefusedWithAReason() {
        Map<String, String> auth = Map.of("Authorization", "Bearer " + TestParley.TOKEN);
        assertThat(app.post("/api/commands", "not json".getBytes(StandardCharsets.UTF_8), auth).status()).isEqualTo(400);
        assertThat(app.post("/api/commands", "[1,2]".getBytes(StandardCharsets.UTF_8), auth).status()).isEqualTo(400);
        TestParley.Reply missing = app.post("/api/commands", "{\"locale\":\"en\"}".getBytes(StandardCharsets.UTF_8), auth);
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("error").asText()).contains("text");
        TestParley.Reply badUser = app.post("/api/commands",
                "{\"text\":\"/whoami\",\"user\":\"a b\"}".getBytes(StandardCharsets.UTF_8), auth);
        assertThat(badUser.status()).isEqualTo(400);
    }

    @Test
    void aCallbackIsSearchableWithinTwoSecondsAndAfterARestartAndAnIndexRebuild() throws Exception {
        String callback = GeweCallbackFixtures.privateText("wx_search", "wxid_s", "wxid_cust", "我想申请退款可以吗",
                "31415926535897932384", 1_763_800_000L);
        assertThat(app.postGewe(callback).status()).isEqualTo(200);
        assertThat(searchUntilFound("/search 退款", Duration.ofSeconds(2))).contains("我想申请**退款**可以吗");
        assertThat(app.run("/搜索 申请退款", null).text()).contains("**申请退款**");
        assertThat(app.run("/search 退款 account:wx_search", "en").text()).contains("**退款**");
        assertThat(app.run("/search 退款 account:nobody", "en").text()).contains("nobody");

        app.restart();
        assertThat(searchUntilFound("/search 退款", Duration.ofSeconds(2))).contains("**退款**");
        // the same callback after the restart changes no count
        assertThat(app.postGewe(callback).json().get("duplicate").asInt()).isEqualTo(1);

        app.parley().close();
        try (Stream<java.nio.file.Path> files = Files.walk(app.dataDir().resolve("index"))) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        assertThat(app.dataDir().resolve("index")).doesNotExist();
        app.restart();
        assertThat(searchUntilFound("/search 退款", Duration.ofSeconds(30))).contains("**退款**");
        assertThat(app.dataDir().resolve("index")).isDirectory();
    }

    @Test
    void bobListShowsAccountsWithStatusAndCounts() {
        app.postGewe(GeweCallbackFixtures.privateText("wx_list", "wxid_list", "wxid_c", "hello", "1", 1_763_800_000L));
        CommandClient.Response en = app.run("/bot list", "en");
        assertThat(en.body().get("result").asText()).isEqualTo("ok");
        assertThat(en.text()).contains("wxid_list", "online", "messages: 1");
        assertThat(app.run("/机器人 列表", null).text()).contains("wxid_list", "在线");
    }

    @Test
    void aViewerIsRefusedRoleGrant() throws Exception {
        assertThat(app.run("/role grant http:viewer1 viewer", "en").body().get("result").asText()).isEqualTo("ok");
        CommandClient.Response refused = app.commands().run("/role grant http:eve admin", "en", "viewer1");
        assertThat(refused.body().get("result").asText()).isEqualTo("denied");
        assertThat(refused.text()).contains("admin");
        assertThat(app.count("SELECT COUNT(*) FROM admins WHERE user_id = 'eve'")).isZero();
    }

    @Test
    void buttonsArePressedThroughTheActionsEndpoint() throws Exception {
        CommandClient.Response unknown = app.run("/serch", "en");
        assertThat(unknown.body().get("result").asText()).isEqualTo("unknown");
        String action = unknown.action(unknown.body().path("card").path("buttons").size());
        assertThat(action).isNotBlank();
        CommandClient.Response pressed = app.commands().press(action, "en", "admin");
        assertThat(pressed.body().get("result").asText()).isEqualTo("ok");
        assertThat(pressed.text()).contains("/search");
    }

    @Test
    void statusReportsDatabaseIndexAndQueues() {
        String text = app.run("/status", "en").text();
        assertThat(text).contains("MariaDB");
        assertThat(app.run("/状态", null).text()).contains("索引");
    }

    private static String searchUntilFound(String command, Duration within) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        String text;
        do {
            text = app.run(command, "en").text();
            if (text.contains("**退款**")) {
                return text;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return text;
    }
}
