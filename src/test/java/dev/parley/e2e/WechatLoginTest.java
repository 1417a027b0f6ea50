package dev.parley.e2e;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import javax.imageio.ImageIO;

import dev.parley.connector.gewe.FakeGeweRequest;
import dev.parley.connector.gewe.FakeGeweServer;
import dev.parley.console.CommandClient;
import dev.parley.testing.QrDecoder;
import dev.parley.testing.TestParley;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WeChat accounts from chat, against a GeWe-compatible server: QR login with a scannable image and a card
 * that follows the login, account status, going offline (reconnected, or alerted with a Re-login button),
 * re-login on the same device, verification codes, logout and removal.
 */
class WechatLoginTest {
    private static FakeGeweServer gewe;
    private static TestParley app;

    private static String publicUrl;

    @BeforeAll
    static void start() throws Exception {
        gewe = FakeGeweServer.start();
        int port;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = socket.getLocalPort();
        }
        publicUrl = "http://127.0.0.1:" + port; // GeWe checks a callback URL by calling it
        app = TestParley.start("login", Map.of(
                "port", String.valueOf(port),
                "gewe.base.url", gewe.baseUrl().toString(),
                "gewe.token", gewe.token(),
                "public.url", publicUrl + "/",
                "login.poll.ms", "100",
                "online.reconnect.attempts", "2",
                "online.reconnect.backoff.seconds", "0"));
    }

    @AfterAll
    static void stop() {
        app.close();
        gewe.close();
    }

    @Test
    void aQrLoginFromChatEndsWithTheAccountOnlineAndItsCallbackRegistered() throws Exception {
        CommandClient.Response added = app.run("/bot add wechat 客服1号 region:440000", "en");
        assertThat(added.body().get("result").asText()).isEqualTo("ok");
        FakeGeweRequest qr = gewe.requests("/login/getLoginQrCode").getLast();
        assertThat(qr.field("appId")).isEmpty();
        assertThat(qr.field("regionId")).isEqualTo("440000");
        String appId = qr.replied("appId");
        assertThat(decodeQr(added.body().path("card").path("image").path("src").asText())).isEqualTo(qr.replied("qrData"));
        assertThat(added.text()).contains("客服1号", "440000");
        assertThat(app.run("/bot list", "en").text()).contains("客服1号", "waiting for login");
        String live = added.liveId();
        assertThat(live).isNotNull();

        gewe.scan(appId, "Alice");
        CommandClient.Response scanned = awaitCard(live, 1, "Scanned by Alice");
        gewe.confirm(appId, "wxid_alice");
        CommandClient.Response online = awaitCard(live, scanned.liveVersion(), "Online as Alice (wxid_alice)");
        assertThat(online.stillChanging()).isFalse();
        assertThat(gewe.callbackUrl()).isEqualTo(publicUrl + "/webhooks/gewe/" + TestParley.GEWE_SECRET);

        String list = app.run("/bot list", "en").text();
        assertThat(list).contains("客服1号", "online", "wxid_alice", appId);
        assertThat(app.run("/bot info 客服1号", "zh-CN").text()).contains("在线", "wxid_alice", "Alice", "440000");
    }

    @Test
    void anOfflineAccountThatDoesNotReconnectRaisesAnAlertThatAReloginOnTheSameDeviceResolves() throws Exception {
        String appId = loggedIn("wxid_bob", "Bob", "售后");
        long before = gewe.requests("/login/reconnection").size();
        gewe.goOffline(appId, false);
        assertThat(gewe.callbacks(app.uri().resolve("/webhooks/gewe/" + TestParley.GEWE_SECRET)).offline(appId))
                .isEqualTo(200);
        assertThat(app.count("SELECT COUNT(*) FROM accounts WHERE external_id = '" + appId + "' AND status = 'offline'"))
                .isEqualTo(1);
        String alerts = awaitText("/alerts", "Bob", "en");
        assertThat(alerts).contains("售后 is offline");
        assertThat(gewe.requests("/login/reconnection").size() - before).isEqualTo(2);
        CommandClient.Response shown = app.run("/alerts", "en");
        assertThat(shown.text()).contains("reconnection attempts");
        long id = app.count("SELECT id FROM accounts WHERE external_id = '" + appId + "'");
        assertThat(shown.text()).contains("Re-login · /bot relogin " + id);

        CommandClient.Response relogin = app.run("/bot relogin 售后", "zh-CN");
        assertThat(gewe.requests("/login/getLoginQrCode").getLast().field("appId")).isEqualTo(appId);
        gewe.scan(appId, "Bob");
        gewe.confirm(appId, "wxid_bob");
        awaitCard(relogin.liveId(), 1, "已上线");
        assertThat(awaitText("/alerts", "Nothing needs attention", "en")).contains("Nothing needs attention");
    }

    @Test
    void anOfflineAccountThatReconnectsComesBackWithoutAnAlert() throws Exception {
        String appId = loggedIn("wxid_carol", "Carol", "Carol");
        gewe.goOffline(appId, true);
        gewe.callbacks(app.uri().resolve("/webhooks/gewe/" + TestParley.GEWE_SECRET)).offline(appId);
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (app.count("SELECT COUNT(*) FROM accounts WHERE external_id = '" + appId + "' AND status = 'online'") == 0
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(app.count("SELECT COUNT(*) FROM accounts WHERE external_id = '" + appId + "' AND status = 'online'"))
                .isEqualTo(1);
        assertThat(app.run("/alerts", "en").text()).doesNotContain("Carol");
    }

    @Test
    void anExpiredQrCodeOffersANewOneAndAVerificationCodeReachesThePlatform() throws Exception {
        CommandClient.Response added = app.run("/bot add wechat Dave", "en");
        String appId = gewe.requests("/login/getLoginQrCode").getLast().replied("appId");
        long id = app.count("SELECT id FROM accounts WHERE external_id = '" + appId + "'");
        assertThat(app.run("/bot code " + id + " 654321", "en").body().get("result").asText()).isEqualTo("ok");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (gewe.requests("/login/checkLogin").stream().noneMatch(r -> "654321".equals(r.field("captchCode")))
                && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertThat(gewe.requests("/login/checkLogin")).anyMatch(r -> "654321".equals(r.field("captchCode")));
        gewe.expire(appId);
        CommandClient.Response expired = awaitCard(added.liveId(), 1, "The QR code expired");
        assertThat(expired.stillChanging()).isFalse();
        assertThat(expired.text()).contains("/bot relogin " + id);
        // cancelling the login of an account that never logged in forgets it
        app.run("/bot relogin " + id, "en");
        assertThat(app.run("/bot cancel " + id, "en").text()).contains("forgotten");
        assertThat(app.count("SELECT COUNT(*) FROM accounts WHERE external_id = '" + appId + "'")).isZero();
    }

    @Test
    void logoutAndRemoveAskFirstAndLeaveNothingRunning() throws Exception {
        String appId = loggedIn("wxid_erin", "Erin", "Erin");
        long id = app.count("SELECT id FROM accounts WHERE external_id = '" + appId + "'");
        CommandClient.Response question = app.run("/bot logout Erin", "en");
        assertThat(question.body().path("card").path("tone").asText()).isEqualTo("warning");
        assertThat(gewe.isOnline(appId)).isTrue();
        CommandClient.Response done = app.commands().press(question.action(1), "en", "admin");
        assertThat(done.text()).contains("logged out");
        assertThat(gewe.isOnline(appId)).isFalse();
        assertThat(app.count("SELECT COUNT(*) FROM accounts WHERE id = " + id + " AND status = 'logged_out'")).isEqualTo(1);
        // an Offline callback after a logout on purpose changes nothing and alerts nobody
        gewe.callbacks(app.uri().resolve("/webhooks/gewe/" + TestParley.GEWE_SECRET)).offline(appId);
        assertThat(app.count("SELECT COUNT(*) FROM accounts WHERE id = " + id + " AND status = 'logged_out'")).isEqualTo(1);
        assertThat(app.run("/alerts", "en").text()).doesNotContain("Erin");

        CommandClient.Response removal = app.run("/bot remove " + id, "en");
        app.commands().press(removal.action(1), "en", "admin");
        assertThat(app.run("/bot list", "en").text()).doesNotContain("Erin");
        assertThat(app.run("/bot info " + id, "en").text()).contains("No account matches");
    }

    @Test
    void withoutGeweConfiguredAddingAnAccountSaysWhatToSet() {
        try (TestParley bare = TestParley.start("login-bare")) {
            CommandClient.Response reply = bare.run("/bot add wechat", "en");
            assertThat(reply.body().get("result").asText()).isEqualTo("error");
            assertThat(reply.text()).contains("PARLEY_GEWE_BASE_URL", "PARLEY_GEWE_TOKEN");
            assertThat(bare.run("/账号 添加 微信", null).text()).contains("PARLEY_GEWE_BASE_URL");
        }
    }

    @Test
    void badRegionsAndProxiesAreRefusedBeforeAnythingHappens() {
        long before = gewe.requests("/login/getLoginQrCode").size();
        assertThat(app.run("/bot add wechat X region:guangdong", "en").text()).contains("6-digit province code");
        assertThat(app.run("/bot add wechat X proxy:myproxy", "en").text()).contains("socks5://");
        assertThat(gewe.requests("/login/getLoginQrCode")).hasSize((int) before);
    }

    /** Logs a new device in as the given account and waits until Parley shows it online. */
    private static String loggedIn(String wxid, String nickname, String label) throws Exception {
        CommandClient.Response added = app.run("/bot add wechat " + label, "en");
        String appId = gewe.requests("/login/getLoginQrCode").getLast().replied("appId");
        gewe.scan(appId, nickname);
        gewe.confirm(appId, wxid);
        awaitCard(added.liveId(), 1, "Online as " + nickname);
        return appId;
    }

    private static CommandClient.Response awaitCard(String liveId, long after, String expected) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        long version = after;
        CommandClient.Response latest = null;
        while (System.nanoTime() < deadline) {
            latest = app.commands().card(liveId, version);
            if (latest.text().contains(expected)) {
                return latest;
            }
            version = Math.max(version, latest.liveVersion());
        }
        throw new AssertionError("the live card never said '" + expected + "'; last: " + (latest == null ? null : latest.text()));
    }

    private static String awaitText(String command, String expected, String locale) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String text;
        do {
            text = app.run(command, locale).text();
            if (text.contains(expected)) {
                return text;
            }
            Thread.sleep(50);
        } while (System.nanoTime() < deadline);
        return text;
    }

    private static String decodeQr(String dataUrl) throws Exception {
        assertThat(dataUrl).startsWith("data:image/png;base64,");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(dataUrl.substring("data:image/png;base64,".length()))));
        assertThat(image.getWidth()).isGreaterThan(100);
        return QrDecoder.decode(image);
    }
}
