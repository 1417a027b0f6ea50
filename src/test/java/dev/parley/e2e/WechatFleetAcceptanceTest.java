package dev.parley.e2e;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

import javax.imageio.ImageIO;

import dev.parley.connector.gewe.FakeGeweCallbacks;
import dev.parley.connector.gewe.FakeGeweRequest;
import dev.parley.connector.gewe.FakeGeweServer;
import dev.parley.console.CommandClient;
import dev.parley.testing.Await;
import dev.parley.testing.QrDecoder;
import dev.parley.testing.TestParley;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Issue 3's "done when", in one flow through {@code /api/commands} against a GeWe-compatible server: a QR
 * login whose image decodes to the server's qrData; the account online in {@code /bot list} with wxid and
 * nickname; a group message and a member join searchable and counted; {@code /send} reaching postText with
 * appId, toWxid and content at the configured pace; an Offline callback flipping the status and raising an
 * alert.
 */
class WechatFleetAcceptanceTest {
    private static final String ROOM = "34757816141@chatroom";
    private static final long GAP_MS = 300;
    private static FakeGeweServer gewe;
    private static TestParley app;

    @BeforeAll
    static void start() throws Exception {
        gewe = FakeGeweServer.start();
        gewe.room(ROOM, "退款咨询群", "wxid_owner", FakeGeweServer.member("wxid_owner", "群主"),
                FakeGeweServer.member("wxid_kefu", "客服"), FakeGeweServer.member("wxid_amy", "Amy"));
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        app = TestParley.start("fleet", Map.ofEntries(
                Map.entry("port", String.valueOf(port)),
                Map.entry("public.url", "http://127.0.0.1:" + port),
                Map.entry("gewe.base.url", gewe.baseUrl().toString()),
                Map.entry("gewe.token", gewe.token()),
                Map.entry("login.poll.ms", "100"),
                Map.entry("sync.pace.min.ms", "10"), Map.entry("sync.pace.max.ms", "20"),
                Map.entry("outbound.gap.ms", String.valueOf(GAP_MS)),
                Map.entry("outbound.group.gap.min.ms", String.valueOf(GAP_MS)),
                Map.entry("outbound.group.gap.max.ms", String.valueOf(GAP_MS * 2)),
                Map.entry("online.reconnect.attempts", "1"),
                Map.entry("online.reconnect.backoff.seconds", "0")));
    }

    @AfterAll
    static void stop() {
        app.close();
        gewe.close();
    }

    @Test
    void aWechatAccountIsRunFromChatAlone() throws Exception {
        // QR login from chat
        CommandClient.Response added = app.run("/bot add wechat 客服", "en");
        FakeGeweRequest qr = gewe.requests("/login/getLoginQrCode").getLast();
        String appId = qr.replied("appId");
        assertThat(decodeQr(added.body().path("card").path("image").path("src").asText())).isEqualTo(qr.replied("qrData"));
        gewe.scan(appId, "客服小王");
        gewe.confirm(appId, "wxid_kefu");
        awaitCard(added.liveId(), "Online as 客服小王 (wxid_kefu)");
        assertThat(app.run("/bot list", "en").text()).contains("客服", "online", "wxid_kefu", "客服小王");
        // the sync after the login stores the group and its members
        await(() -> app.count("SELECT COUNT(*) FROM group_members gm JOIN `groups` g ON g.id = gm.group_id"
                + " WHERE g.chat_id = '" + ROOM + "' AND gm.left_at IS NULL") == 3, "the group's members are synced");

        // a group message and a member join arrive, are searchable and counted
        FakeGeweCallbacks callbacks = gewe.callbacks(app.uri().resolve("/webhooks/gewe/" + TestParley.GEWE_SECRET));
        assertThat(callbacks.groupText(appId, ROOM, "wxid_amy", "请问怎么申请退款？")).isEqualTo(200);
        gewe.addMember(ROOM, FakeGeweServer.member("wxid_ben", "Ben"));
        assertThat(callbacks.membersInvited(appId, ROOM, "wxid_amy", "wxid_ben")).isEqualTo(200);
        await(() -> app.run("/search 申请退款", "en").text().contains("**申请退款**"), "the group message is searchable");
        assertThat(app.run("/search 申请退款", "en").text()).contains("退款咨询群", "Amy");
        await(() -> app.run("/search type:system 加入了群聊", "en").text().contains("Ben"), "the join notice is searchable");
        assertThat(app.count("SELECT message_count FROM accounts WHERE external_id = '" + appId + "'")).isEqualTo(2);
        await(() -> app.count("SELECT COUNT(*) FROM group_members gm JOIN `groups` g ON g.id = gm.group_id"
                + " WHERE g.chat_id = '" + ROOM + "' AND gm.member_id = 'wxid_ben' AND gm.left_at IS NULL"
                + " AND gm.inviter_id = 'wxid_amy'") == 1, "the join opened Ben's membership, invited by Amy");
        assertThat(app.run("/group info 退款咨询群", "en").text()).contains("4");

        // sends reach GeWe's postText, one at a time, paced
        int before = gewe.sent().size();
        for (String text : List.of("您好，这是退款流程", "第二步：填写订单号", "第三步：等待审核")) {
            assertThat(app.run("/send 客服 退款咨询群 " + text, "en").body().get("result").asText()).isEqualTo("ok");
        }
        await(() -> gewe.sent().size() - before == 3, "three sends reach GeWe");
        List<FakeGeweRequest> sent = gewe.sent().subList(before, before + 3);
        for (FakeGeweRequest send : sent) {
            assertThat(send.path()).endsWith("/message/postText");
            assertThat(send.field("appId")).isEqualTo(appId);
            assertThat(send.field("toWxid")).isEqualTo(ROOM);
        }
        assertThat(sent).extracting(s -> s.field("content")).containsExactly("您好，这是退款流程", "第二步：填写订单号",
                "第三步：等待审核");
        for (int i = 1; i < sent.size(); i++) {
            Duration gap = Duration.between(sent.get(i - 1).receivedAt(), sent.get(i).receivedAt());
            assertThat(gap).as("pause between sends").isGreaterThanOrEqualTo(Duration.ofMillis(GAP_MS - 20));
        }

        // an Offline callback flips the status and raises an alert
        gewe.goOffline(appId, false);
        assertThat(callbacks.offline(appId)).isEqualTo(200);
        await(() -> app.count("SELECT COUNT(*) FROM accounts WHERE external_id = '" + appId + "' AND status = 'offline'") == 1,
                "the account is offline");
        await(() -> app.run("/alerts", "en").text().contains("客服 is offline"), "an alert is raised");
        assertThat(app.run("/alerts", "zh-CN").text()).contains("客服 已离线", "重新登录");
        assertThat(app.get("/metrics").body()).contains("parley_accounts{platform=\"wechat\",status=\"offline\"} 1.0")
                .contains("parley_alerts_sent_total{rule=\"account_offline\"}");
    }

    private static void awaitCard(String liveId, String expected) throws Exception {
        long version = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (System.nanoTime() < deadline) {
            CommandClient.Response latest = app.commands().card(liveId, version);
            if (latest.text().contains(expected)) {
                return;
            }
            version = latest.liveVersion();
        }
        throw new AssertionError("the login card never said: " + expected);
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(condition, what);
    }

    private static String decodeQr(String dataUrl) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(dataUrl.substring("data:image/png;base64,".length()))));
        return QrDecoder.decode(image);
    }
}
