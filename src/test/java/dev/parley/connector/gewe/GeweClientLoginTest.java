package dev.parley.connector.gewe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.parley.connector.gewe.GeweCallback.Ping;
import dev.parley.connector.gewe.GeweException.Kind;

/** The QR login lifecycle of a device, from a new appId to re-login, against the fake GeWe. */
class GeweClientLoginTest {

    private final FakeGeweServer fake = FakeGeweServer.start();
    private final GeweClient gewe = GeweClient.builder().baseUrl(fake.baseUrl()).token(fake.token()).build();

    @AfterEach
    void close() {
        gewe.close();
        fake.close();
    }

    @Test
    void newDeviceLogsInThroughScanAndConfirm() throws Exception {
        LoginQrCode qr = gewe.getLoginQrCode(null, "ipad", "320000", null);

        assertThat(qr.appId()).startsWith("wx_");
        assertThat(qr.uuid()).isNotBlank();
        assertThat(qr.qrData()).isEqualTo("http://weixin.qq.com/x/" + qr.uuid());
        assertThat(qr.qrImgBase64()).startsWith("data:image/");
        FakeGeweRequest asked = fake.requests("/login/getLoginQrCode").getFirst();
        assertThat(asked.field("appId")).isEmpty();
        assertThat(asked.field("type")).isEqualTo("ipad");
        assertThat(asked.field("regionId")).isEqualTo("320000");
        assertThat(asked.field("proxyIp")).isEmpty();

        LoginStatus waiting = gewe.checkLogin(qr.appId(), qr.uuid(), null, null);
        assertThat(waiting.status()).isEqualTo(LoginStatus.WAITING);
        assertThat(waiting.expiredTime()).isBetween(1, 150);
        assertThat(waiting.scanned()).isFalse();
        assertThat(waiting.expired()).isFalse();
        assertThat(waiting.loginInfo()).isNull();

        fake.scan(qr.appId(), "Alice");
        LoginStatus scanned = gewe.checkLogin(qr.appId(), qr.uuid(), null, null);
        assertThat(scanned.status()).isEqualTo(LoginStatus.SCANNED);
        assertThat(scanned.scanned()).isTrue();
        assertThat(scanned.nickName()).isEqualTo("Alice");
        assertThat(scanned.headImgUrl()).startsWith("http://");
        assertThat(scanned.expiredTime()).isPositive();
        assertThat(scanned.loggedIn()).isFalse();

        fake.confirm(qr.appId(), "wxid_alice");
        LoginStatus done = gewe.checkLogin(qr.appId(), qr.uuid(), null, "123456");
        assertThat(done.loggedIn()).isTrue();
        assertThat(done.expired()).isFalse();
        assertThat(done.uuid()).isEqualTo(qr.uuid());
        assertThat(done.loginInfo().wxid()).isEqualTo("wxid_alice");
        assertThat(done.loginInfo().nickName()).isEqualTo("Alice");
        assertThat(done.loginInfo().uin()).matches("\\d+");
        assertThat(done.loginInfo().mobile()).matches("\\d{11}");
        assertThat(done.loginInfo().alias()).isNull();
        FakeGeweRequest polled = fake.requests("/login/checkLogin").getLast();
        assertThat(polled.field("captchCode")).isEqualTo("123456");
        assertThat(polled.field("autoSliding")).isEqualTo("false");

        assertThat(gewe.checkOnline(qr.appId())).isTrue();
        Profile profile = gewe.getProfile(qr.appId());
        assertThat(profile.wxid()).isEqualTo("wxid_alice");
        assertThat(profile.nickName()).isEqualTo("Alice");
        assertThat(profile.uin()).isEqualTo(done.loginInfo().uin());
    }

    @Test
    void everyQrCodeIsUniqueAndEveryNewDeviceGetsItsOwnAppId() throws Exception {
        LoginQrCode first = gewe.getLoginQrCode("", "ipad", "320000", null);
        LoginQrCode second = gewe.getLoginQrCode("", "ipad", "320000", null);

        assertThat(second.appId()).isNotEqualTo(first.appId());
        assertThat(second.uuid()).isNotEqualTo(first.uuid());
        assertThat(second.qrData()).isNotEqualTo(first.qrData());
    }

    @Test
    void reloginAfterGoingOfflineReusesTheAppId() throws Exception {
        String appId = login("wxid_alice", "Alice");
        fake.goOffline(appId, false);
        assertThat(gewe.checkOnline(appId)).isFalse();

        LoginQrCode again = gewe.getLoginQrCode(appId, "ipad", "320000", "socks5://u:p@127.0.0.1:1080");

        assertThat(again.appId()).isEqualTo(appId);
        assertThat(fake.requests("/login/getLoginQrCode").getLast().field("proxyIp"))
                .isEqualTo("socks5://u:p@127.0.0.1:1080");
        fake.scan(appId, "Alice");
        fake.confirm(appId, "wxid_alice");
        assertThat(gewe.checkLogin(appId, again.uuid(), "socks5://u:p@127.0.0.1:1080", null).loggedIn()).isTrue();
        assertThat(gewe.checkOnline(appId)).isTrue();
    }

    @Test
    void aStaleUuidReadsAsExpired() throws Exception {
        LoginQrCode first = gewe.getLoginQrCode("", "ipad", "320000", null);
        LoginQrCode second = gewe.getLoginQrCode(first.appId(), "ipad", "320000", null);

        LoginStatus stale = gewe.checkLogin(first.appId(), first.uuid(), null, null);

        assertThat(stale.expired()).isTrue();
        assertThat(gewe.checkLogin(first.appId(), second.uuid(), null, null).expired()).isFalse();
    }

    @Test
    void qrCodeLoggedInAlreadyIsRefused() throws Exception {
        String appId = login("wxid_alice", "Alice");

        GeweException e = catchThrowableOfType(GeweException.class,
                () -> gewe.getLoginQrCode(appId, "ipad", "320000", null));

        assertThat(e.kind()).isEqualTo(Kind.ALREADY_LOGGED_IN);
        assertThat(e.msg()).isEqualTo("微信已登录，请勿重复登录。");
        assertThat(e.path()).isEqualTo("/login/getLoginQrCode");
        assertThat(e.isTransient()).isFalse();
    }

    @Test
    void expiredQrCodeReportsNoExpiredTimeAndCannotBeScanned() throws Exception {
        LoginQrCode qr = gewe.getLoginQrCode("", "ipad", "320000", null);
        fake.scan(qr.appId(), "Alice");
        fake.expire(qr.appId());

        LoginStatus status = gewe.checkLogin(qr.appId(), qr.uuid(), null, null);

        assertThat(status.expired()).isTrue();
        assertThat(status.scanned()).isFalse();
        assertThat(status.status()).isEqualTo(LoginStatus.WAITING);
        assertThat(status.expiredTime()).isNull();
        assertThat(catchThrowableOfType(IllegalStateException.class, () -> fake.confirm(qr.appId(), "wxid_a")))
                .hasMessageContaining("expired");
        JsonNode raw = fake.requests("/login/checkLogin").getLast().reply().path("data");
        assertThat(raw.has("expiredTime")).isFalse();
    }

    @Test
    void qrCodeExpiresByItselfAfterItsLifetime() throws Exception {
        try (FakeGeweServer quick = FakeGeweServer.builder().qrLifetime(Duration.ofSeconds(1)).start();
             GeweClient client = GeweClient.builder().baseUrl(quick.baseUrl()).token(quick.token()).build()) {
            LoginQrCode qr = client.getLoginQrCode("", "ipad", "320000", null);
            assertThat(client.checkLogin(qr.appId(), qr.uuid(), null, null).expired()).isFalse();

            long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
            LoginStatus status = client.checkLogin(qr.appId(), qr.uuid(), null, null);
            while (!status.expired() && System.nanoTime() < deadline) {
                Thread.sleep(50);
                status = client.checkLogin(qr.appId(), qr.uuid(), null, null);
            }

            assertThat(status.expired()).isTrue();
        }
    }

    @Test
    void reconnectionBringsBackADroppedAccountButNotALoggedOutOne() throws Exception {
        String appId = login("wxid_alice", "Alice");
        fake.goOffline(appId, true);
        assertThat(gewe.checkOnline(appId)).isFalse();

        gewe.reconnection(appId);
        assertThat(gewe.checkOnline(appId)).isTrue();
        assertThat(fake.requests("/login/reconnection").getLast().reply().has("data")).isFalse();

        gewe.logout(appId);
        assertThat(gewe.checkOnline(appId)).isFalse();
        GeweException e = catchThrowableOfType(GeweException.class, () -> gewe.reconnection(appId));
        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
    }

    @Test
    void dialogLoginIsConfirmedOnThePhone() throws Exception {
        String appId = login("wxid_alice", "Alice");
        assertThat(catchThrowableOfType(GeweException.class, () -> gewe.dialogLogin(appId, "320000", null)).kind())
                .isEqualTo(Kind.ALREADY_LOGGED_IN);
        fake.goOffline(appId, false);

        DialogLogin dialog = gewe.dialogLogin(appId, "320000", null);
        fake.confirm(appId, "wxid_alice");

        assertThat(dialog.appId()).isEqualTo(appId);
        LoginStatus status = gewe.checkLogin(appId, dialog.uuid(), null, null);
        assertThat(status.loggedIn()).isTrue();
        assertThat(status.loginInfo().nickName()).isEqualTo("Alice");
    }

    @Test
    void unknownDeviceIsAPermanentError() {
        GeweException e = catchThrowableOfType(GeweException.class, () -> gewe.checkOnline("wx_nobody"));

        assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(e.ret()).isEqualTo(500);
        assertThat(e.dataMsg()).isEqualTo("设备不存在");
    }

    @Test
    void setCallbackPingsTheWebhookFirst() throws Exception {
        try (WebhookReceiver webhook = WebhookReceiver.start()) {
            gewe.setCallback(fake.token(), webhook.uri().toString());

            assertThat(fake.callbackUrl()).isEqualTo(webhook.uri().toString());
            List<String> bodies = webhook.bodies();
            assertThat(bodies).hasSize(1);
            assertThat(GeweCallbackParser.create().parse(bodies.getFirst().getBytes(StandardCharsets.UTF_8), 0L))
                    .isEqualTo(new Ping());
            assertThat(bodies.getFirst()).contains("验证回调地址是否可用", fake.token());
            assertThat(fake.requests("/login/setCallback").getLast().reply().has("data")).isFalse();
        }
    }

    @Test
    void setCallbackFailsWhenTheWebhookDoesNotAnswer() throws Exception {
        String unreachable;
        try (WebhookReceiver gone = WebhookReceiver.start()) {
            unreachable = gone.uri().toString();
        }
        try (WebhookReceiver failing = WebhookReceiver.start()) {
            failing.answer(503);

            assertThat(catchThrowableOfType(GeweException.class,
                    () -> gewe.setCallback(fake.token(), failing.uri().toString())).kind()).isEqualTo(Kind.PERMANENT);
            assertThat(catchThrowableOfType(GeweException.class,
                    () -> gewe.setCallback(fake.token(), unreachable)).kind()).isEqualTo(Kind.PERMANENT);
            assertThat(catchThrowableOfType(GeweException.class,
                    () -> gewe.setCallback(fake.token(), "http://192.0.2.1/hook")).kind()).isEqualTo(Kind.PERMANENT);
            assertThat(fake.callbackUrl()).isNull();
        }
    }

    @Test
    void selfHostedPrefixWorksTheSame() throws Exception {
        try (FakeGeweServer selfHosted = FakeGeweServer.builder().prefix("/v2/api").token("t0k3n").start();
             GeweClient client = GeweClient.builder().baseUrl(selfHosted.baseUrl() + "/").token("t0k3n").build()) {
            assertThat(selfHosted.baseUrl().getPath()).isEqualTo("/v2/api");

            LoginQrCode qr = client.getLoginQrCode("", "ipad", "110000", null);

            assertThat(qr.appId()).startsWith("wx_");
            assertThat(selfHosted.requests()).extracting(FakeGeweRequest::path).containsExactly("/login/getLoginQrCode");
        }
    }

    private String login(String wxid, String nickName) throws GeweException {
        LoginQrCode qr = gewe.getLoginQrCode("", "ipad", "320000", null);
        fake.scan(qr.appId(), nickName);
        fake.confirm(qr.appId(), wxid);
        assertThat(gewe.checkLogin(qr.appId(), qr.uuid(), null, null).loggedIn()).isTrue();
        return qr.appId();
    }
}
