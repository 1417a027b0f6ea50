package dev.parley.e2e;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.parley.connector.gewe.GeweCallbackFixtures;
import dev.parley.testing.TestParley;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** GeWe callbacks through the real HTTP server into MariaDB: durable, idempotent, and strict about bad input. */
class GeweWebhookTest {
    private static TestParley app;

    @BeforeAll
    static void start() {
        app = TestParley.start("webhook", Map.of("webhook.max.body.bytes", "65536"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    @Test
    void aTextCallbackIsStoredOnceAndARedeliveryOnlyCountsAsDuplicate() {
        String callback = GeweCallbackFixtures.privateText("wx_once", "wxid_bot", "wxid_cust", "我想申请退款可以吗",
                "14216284872728580667", 1_763_800_000L);
        TestParley.Reply first = app.postGewe(callback);
        assertThat(first.status()).isEqualTo(200);
        assertThat(first.json().get("stored").asInt()).isEqualTo(1);
        TestParley.Reply again = app.postGewe(callback);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.json().get("duplicate").asInt()).isEqualTo(1);
        assertThat(app.count("SELECT COUNT(*) FROM messages m JOIN accounts a ON a.id = m.account_id"
                + " WHERE a.external_id = 'wx_once'")).isEqualTo(1);
        assertThat(app.count("SELECT message_count FROM accounts WHERE external_id = 'wx_once'")).isEqualTo(1);
        String id = app.parley().db().jdbi().withHandle(h -> h.createQuery(
                "SELECT platform_msg_id FROM messages m JOIN accounts a ON a.id = m.account_id WHERE a.external_id = 'wx_once'")
                .mapTo(String.class).one());
        assertThat(id).isEqualTo("14216284872728580667");
    }

    @Test
    void anUnknownAppIdBecomesAnOnlineAccount() {
        app.postGewe(GeweCallbackFixtures.groupText("wx_newapp", "wxid_newbot", "123@chatroom", "wxid_m", "大家好",
                "5001", 1_763_800_001L, "wxid_newbot"));
        assertThat(app.count("SELECT COUNT(*) FROM accounts WHERE external_id = 'wx_newapp' AND status = 'online'"
                + " AND self_id = 'wxid_newbot'")).isEqualTo(1);
        assertThat(app.count("SELECT COUNT(*) FROM messages WHERE chat_id = '123@chatroom' AND sender_id = 'wxid_m'"
                + " AND chat_type = 'group' AND mentions = 'wxid_newbot'")).isEqualTo(1);
    }

    @Test
    void aWrongSecretIsANotFoundAndStoresNothing() {
        long before = app.count("SELECT COUNT(*) FROM messages");
        TestParley.Reply reply = app.post("/webhooks/gewe/wrong-secret", GeweCallbackFixtures.privateText("wx_x", "wxid_b",
                "wxid_c", "hi", "7001", 1_763_800_002L).getBytes(StandardCharsets.UTF_8), Map.of());
        assertThat(reply.status()).isEqualTo(404);
        assertThat(app.count("SELECT COUNT(*) FROM messages")).isEqualTo(before);
    }

    @Test
    void badBodiesGetALocalizedReasonAndChangeNothing() {
        long before = app.count("SELECT COUNT(*) FROM messages");
        TestParley.Reply malformed = app.post("/webhooks/gewe/" + TestParley.GEWE_SECRET, "{\"TypeName\":".getBytes(
                StandardCharsets.UTF_8), Map.of("Accept-Language", "zh-CN,zh;q=0.9"));
        assertThat(malformed.status()).isEqualTo(400);
        assertThat(malformed.json().get("error").asText()).startsWith("请求体不是有效的 JSON");
        TestParley.Reply missing = app.postGewe("{\"TypeName\":\"AddMsg\",\"Appid\":\"wx_m\",\"Wxid\":\"wxid_b\","
                + "\"Data\":{\"MsgType\":1,\"FromUserName\":{\"string\":\"a\"},\"ToUserName\":{\"string\":\"wxid_b\"},"
                + "\"Content\":{\"string\":\"x\"},\"CreateTime\":1}}");
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.json().get("error").asText()).contains("NewMsgId");
        // two ids that differ only outside ASCII would be stored as one: both are refused, neither is lost as a duplicate
        for (String id : new String[] {"消息1", "消息2"}) {
            TestParley.Reply notAscii = app.postGewe(GeweCallbackFixtures.privateText("wx_m", "wxid_b", "wxid_c", "hi",
                    id, 1_763_800_001L));
            assertThat(notAscii.status()).as(id).isEqualTo(400);
            assertThat(notAscii.json().get("error").asText()).contains("NewMsgId");
        }
        byte[] huge = ("{\"testMsg\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
        TestParley.Reply tooLarge = app.post("/webhooks/gewe/" + TestParley.GEWE_SECRET, huge, Map.of());
        assertThat(tooLarge.status()).isEqualTo(413);
        assertThat(tooLarge.json().get("error").asText()).contains("65536");
        assertThat(app.count("SELECT COUNT(*) FROM messages")).isEqualTo(before);
        // and the service keeps working
        assertThat(app.postGewe(GeweCallbackFixtures.ping()).status()).isEqualTo(200);
    }

    @Test
    void namesLongerThanTheColumnsAreCutVisiblyAndTheChangeIsStored() {
        assertThat(app.postGewe(GeweCallbackFixtures.privateText("wx_long", "wxid_long_bot", "wxid_long_friend", "hi",
                "7001", 1_763_800_010L)).status()).isEqualTo(200);
        String longName = "很长的昵称😀".repeat(50);
        TestParley.Reply changed = app.postGewe(GeweCallbackFixtures.friendChanged("wx_long", "wxid_long_bot",
                "wxid_long_friend", longName, "备注" + longName));
        assertThat(changed.status()).isEqualTo(200);
        String stored = app.parley().db().jdbi().withHandle(h -> h.createQuery("SELECT nickname FROM contacts"
                + " WHERE contact_id = 'wxid_long_friend'").mapTo(String.class).one());
        assertThat(stored.codePointCount(0, stored.length())).isEqualTo(256);
        assertThat(stored).endsWith("…").startsWith("很长的昵称😀很长的昵称😀");
    }

    @Test
    void aWithdrawalNamingAnIdNoMessageCanHaveIsStoredAndHarmsNoNeighbour() throws Exception {
        String revoke = new String(GeweCallbackFixtures.file("sysmsg-revoke.json"), StandardCharsets.UTF_8)
                .replace("<newmsgid>5391702846127384915</newmsgid>", "<newmsgid>撤回５３９</newmsgid>")
                .replace("\"NewMsgId\": 1968256046", "\"NewMsgId\": 1968256999");
        List<CompletableFuture<TestParley.Reply>> replies = new ArrayList<>();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            replies.add(CompletableFuture.supplyAsync(() -> app.postGewe(revoke), pool));
            for (int i = 0; i < 6; i++) {
                String neighbour = GeweCallbackFixtures.privateText("wx_Qm7T2kLpZc9vN4xR8sYbA", "wxid_parleybot01",
                        "wxid_k3m9p2q7r5s1", "neighbour " + i, String.valueOf(88_000 + i), 1_736_824_400L + i);
                replies.add(CompletableFuture.supplyAsync(() -> app.postGewe(neighbour), pool));
            }
            for (CompletableFuture<TestParley.Reply> reply : replies) {
                assertThat(reply.get(30, TimeUnit.SECONDS).status()).isEqualTo(200);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(app.count("SELECT COUNT(*) FROM messages WHERE platform_msg_id = '1968256999'"
                + " AND ref_msg_id IS NULL")).isEqualTo(1);
        assertThat(app.count("SELECT COUNT(*) FROM messages WHERE text LIKE 'neighbour %'")).isEqualTo(6);
    }

    @Test
    void noiseIsAcknowledgedWithoutBeingStoredAndOfflineFlipsTheStatus() throws Exception {
        long before = app.count("SELECT COUNT(*) FROM messages");
        assertThat(app.postGewe(new String(GeweCallbackFixtures.file("status-sync.json"), StandardCharsets.UTF_8))
                .status()).isEqualTo(200);
        assertThat(app.count("SELECT COUNT(*) FROM messages")).isEqualTo(before);
        app.postGewe(GeweCallbackFixtures.privateText("wx_off", "wxid_off", "wxid_c", "hi", "8001", 1_763_800_003L));
        assertThat(app.postGewe(GeweCallbackFixtures.offline("wx_off", "wxid_off")).status()).isEqualTo(200);
        assertThat(app.count("SELECT COUNT(*) FROM accounts WHERE external_id = 'wx_off' AND status = 'offline'"))
                .isEqualTo(1);
    }

    @Test
    void manyConcurrentSendersAreAllStored() throws Exception {
        int senders = 200;
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<CompletableFuture<TestParley.Reply>> replies = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            String body = GeweCallbackFixtures.privateText("wx_burst", "wxid_burst", "wxid_c" + i % 7,
                    "第" + i + "条 订单号 " + i, String.valueOf(900_000 + i), 1_763_800_100L + i);
            replies.add(CompletableFuture.supplyAsync(() -> app.postGewe(body), pool));
            if (i % 3 == 0) {
                replies.add(CompletableFuture.supplyAsync(() -> app.postGewe(body), pool)); // a concurrent duplicate
            }
        }
        for (CompletableFuture<TestParley.Reply> r : replies) {
            assertThat(r.get().status()).isEqualTo(200);
        }
        pool.shutdown();
        assertThat(app.count("SELECT message_count FROM accounts WHERE external_id = 'wx_burst'")).isEqualTo(senders);
        assertThat(app.count("SELECT COUNT(*) FROM messages m JOIN accounts a ON a.id = m.account_id"
                + " WHERE a.external_id = 'wx_burst'")).isEqualTo(senders);
    }
}
