package dev.parley.connector.gewe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.parley.connector.gewe.GeweException.Kind;

/** Every way a GeWe call can fail, sorted into kinds, with the token kept out of every message. */
class GeweClientErrorsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final FakeGeweServer fake = FakeGeweServer.start();
    private final GeweClient gewe = client(fake.token(), Duration.ofSeconds(10));
    private final String appId = fake.onlineDevice("wxid_bot", "Bot");

    @AfterEach
    void close() {
        gewe.close();
        fake.close();
    }

    @Test
    void fakeAnswersAMissingTokenWithHttp200AndAnErrorEnvelope() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/login/checkOnline"))
                    .POST(HttpRequest.BodyPublishers.ofString("{\"appId\":\"" + appId + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode body = JSON.readTree(response.body());
            assertThat(body.path("ret").asInt()).isEqualTo(500);
            assertThat(body.path("msg").asText()).isEqualTo("header:X-GEWE-TOKEN 不可为空");
        }
    }

    @Test
    void missingTokenEnvelopeIsATokenError() {
        fake.on("/login/checkOnline").times(1).envelope("{\"ret\":500,\"msg\":\"header:X-GEWE-TOKEN 不可为空\"}");

        GeweException e = catchThrowableOfType(GeweException.class, () -> gewe.checkOnline(appId));

        assertThat(e.kind()).isEqualTo(Kind.TOKEN);
        assertThat(e.ret()).isEqualTo(500);
        assertThat(e.msg()).isEqualTo("header:X-GEWE-TOKEN 不可为空");
        assertThat(e.path()).isEqualTo("/login/checkOnline");
    }

    @Test
    void wrongTokenIsATokenErrorThatNeverShowsTheToken() {
        String wrong = "wrong-token-5f0c9e";
        try (GeweClient intruder = client(wrong, Duration.ofSeconds(10))) {
            GeweException e = catchThrowableOfType(GeweException.class, () -> intruder.checkOnline(appId));

            assertThat(e.kind()).isEqualTo(Kind.TOKEN);
            assertThat(e.msg()).contains("不可用或已过期");
            assertNoToken(e, wrong);
            assertNoToken(e, fake.token());
        }
    }

    @Test
    void tokenEchoedByTheServerIsRedacted() {
        String echo = "{\"ret\":500,\"msg\":\"token " + fake.token() + " 不可用或已过期\","
                + "\"data\":{\"code\":\"" + fake.token() + "\",\"msg\":\"bad " + fake.token() + "\"}}";
        fake.on("/login/checkOnline").times(1).envelope(echo);

        GeweException e = catchThrowableOfType(GeweException.class, () -> gewe.checkOnline(appId));

        assertThat(e.kind()).isEqualTo(Kind.TOKEN);
        assertThat(e.msg()).isEqualTo("token *** 不可用或已过期");
        assertThat(e.dataCode()).isEqualTo("***");
        assertThat(e.dataMsg()).isEqualTo("bad ***");
        assertNoToken(e, fake.token());
    }

    @Test
    void tokenNeverAppearsInAnyKindOfError() {
        List<GeweException> errors = new ArrayList<>();
        fake.on("/login/checkOnline").times(1).httpStatus(500);
        fake.on("/login/checkOnline").times(1).malformedJson();
        fake.on("/login/checkOnline").times(1).offline();
        fake.on("/login/checkOnline").times(1).envelope("{\"ret\":500,\"msg\":\"未知错误\"}");
        for (int i = 0; i < 4; i++) {
            errors.add(catchThrowableOfType(GeweException.class, () -> gewe.checkOnline(appId)));
        }
        try (GeweClient refused = refusedClient()) {
            errors.add(catchThrowableOfType(GeweException.class, () -> refused.checkOnline(appId)));
        }

        assertThat(errors).extracting(GeweException::kind)
                .containsExactly(Kind.TRANSIENT, Kind.TRANSIENT, Kind.OFFLINE, Kind.PERMANENT, Kind.TRANSIENT);
        errors.forEach(e -> assertNoToken(e, fake.token()));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            {"ret":500,"msg":"header:X-GEWE-TOKEN 不可为空"}                                  | TOKEN
            {"ret":500,"msg":"token不可用或已过期"}                                           | TOKEN
            {"ret":500,"msg":"X-GEWE-TOKEN 不可用或已过期","data":{"code":"-1","msg":"微信已离线"}} | TOKEN
            {"ret":500,"msg":"获取联系人列表失败","data":{"code":"-1","msg":"微信已离线"}}      | OFFLINE
            {"ret":500,"msg":"微信不在线"}                                                    | OFFLINE
            {"ret":500,"msg":"操作失败","data":{"code":"-1","msg":"设备未登录"}}                | OFFLINE
            {"ret":500,"msg":"微信已登录，请勿重复登录。"}                                    | ALREADY_LOGGED_IN
            {"ret":500,"msg":"失败","data":{"code":"-1","msg":"已达到最大客户端数量操作"}}       | LIMIT
            {"ret":500,"msg":"搜索联系人失败","data":{"code":"-4","msg":"用户不存在"}}          | PERMANENT
            {"ret":500,"msg":"获取群成员列表异常:null"}                                       | PERMANENT
            {"ret":500}                                                                    | PERMANENT
            {"ret":401,"msg":"unauthorized"}                                               | PERMANENT
            """)
    void errorEnvelopesAreSortedByWhatTheySay(String envelope, Kind kind) {
        fake.on("/login/checkOnline").times(1).envelope(envelope);

        assertThat(catchThrowableOfType(GeweException.class, () -> gewe.checkOnline(appId)).kind()).isEqualTo(kind);
    }

    @Test
    void offlineEnvelopeCarriesTheNestedDetail() {
        fake.on("/contacts/fetchContactsList").offline();

        GeweException e = catchThrowableOfType(GeweException.class, () -> gewe.fetchContactsList(appId));

        assertThat(e.kind()).isEqualTo(Kind.OFFLINE);
        assertThat(e.ret()).isEqualTo(500);
        assertThat(e.msg()).isEqualTo("获取联系人列表失败");
        assertThat(e.dataCode()).isEqualTo("-1");
        assertThat(e.dataMsg()).isEqualTo("微信已离线");
        assertThat(e.getMessage()).isEqualTo("GeWe /contacts/fetchContactsList failed (offline): "
                + "ret=500 msg=获取联系人列表失败 data.code=-1 data.msg=微信已离线");
    }

    @Test
    void clientQuotaIsALimitError() {
        fake.on("/login/getLoginQrCode").envelope(
                "{\"ret\":500,\"msg\":\"获取二维码失败\",\"data\":{\"code\":\"-1\",\"msg\":\"已达到最大客户端数量操作\"}}");

        GeweException e = catchThrowableOfType(GeweException.class, () -> gewe.getLoginQrCode("", "ipad", "320000", null));

        assertThat(e.kind()).isEqualTo(Kind.LIMIT);
        assertThat(e.isTransient()).isFalse();
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 429, 408})
    void serverTroubleIsTransient(int status) {
        fake.on("/message/postText").times(1).httpStatus(status);

        GeweException e = catchThrowableOfType(GeweException.class, () -> gewe.postText(appId, "wxid_b", "x", null));

        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.isTransient()).isTrue();
        assertThat(e.httpStatus()).isEqualTo(status);
        assertThat(e.ret()).isNull();
        assertThat(fake.sent()).isEmpty();
    }

    @Test
    void wrongPathOrBaseUrlIsPermanent() {
        try (GeweClient misconfigured = GeweClient.builder().baseUrl("http://127.0.0.1:" + fake.port() + "/wrong/api")
                .token(fake.token()).build()) {
            GeweException e = catchThrowableOfType(GeweException.class, () -> misconfigured.checkOnline(appId));

            assertThat(e.kind()).isEqualTo(Kind.PERMANENT);
            assertThat(e.httpStatus()).isEqualTo(404);
        }
    }

    @Test
    void timeoutIsTransientAndASlowSendMayStillHaveGoneOut() {
        fake.on("/message/postText").times(1).delay(Duration.ofSeconds(2));
        try (GeweClient impatient = client(fake.token(), Duration.ofMillis(200))) {
            long started = System.nanoTime();
            GeweException e = catchThrowableOfType(GeweException.class,
                    () -> impatient.postText(appId, "wxid_b", "slow", null));

            assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
            assertThat(e.getMessage()).contains("timed out after 200 ms");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofMillis(1500));
        }
    }

    @Test
    void malformedRepliesAreTransient() {
        fake.on("/login/checkOnline").times(1).malformedJson();
        fake.on("/login/checkOnline").times(1).envelope("<html><body>502 Bad Gateway</body></html>");
        fake.on("/login/checkOnline").times(1).envelope("[1,2,3]");
        fake.on("/login/checkOnline").times(1).envelope("{\"msg\":\"no ret\"}");
        fake.on("/login/checkOnline").times(1).envelope("");
        fake.on("/login/checkOnline").times(1).envelope("{\"ret\":200,\"msg\":\"操作成功\",\"data\":\"maybe\"}");

        for (int i = 0; i < 6; i++) {
            GeweException e = catchThrowableOfType(GeweException.class, () -> gewe.checkOnline(appId));
            assertThat(e.kind()).as("reply %d", i).isEqualTo(Kind.TRANSIENT);
            assertThat(e.getMessage()).as("reply %d", i).contains("malformed reply");
        }
    }

    @Test
    void connectionRefusedIsTransient() {
        try (GeweClient refused = refusedClient()) {
            GeweException e = catchThrowableOfType(GeweException.class, () -> refused.checkOnline(appId));

            assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
            assertThat(e.getMessage()).contains("no reply");
            assertThat(e.getCause()).isNotNull();
        }
    }

    @Test
    void otherErrorEnvelopesArePermanent() {
        fake.on("/group/getChatroomInfo").times(1).envelope(
                "{\"ret\":500,\"msg\":\"创建群聊失败\",\"data\":{\"code\":\"0\",\"msg\":\"MemberList are wrong\"}}");
        fake.on("/group/getChatroomInfo").times(1).envelope("{\"ret\":\"404\"}");

        GeweException first = catchThrowableOfType(GeweException.class, () -> gewe.getChatroomInfo(appId, "1@chatroom"));
        GeweException second = catchThrowableOfType(GeweException.class, () -> gewe.getChatroomInfo(appId, "1@chatroom"));

        assertThat(first.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(first.dataCode()).isEqualTo("0");
        assertThat(first.dataMsg()).isEqualTo("MemberList are wrong");
        assertThat(second.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(second.ret()).isEqualTo(404);
        assertThat(second.msg()).isNull();
    }

    @Test
    void offlineDetailAsAPlainStringIsStillOffline() {
        fake.on("/message/postText").times(1).envelope("{\"ret\":500,\"msg\":\"发送失败\",\"data\":\"微信不在线\"}");

        GeweException e = catchThrowableOfType(GeweException.class, () -> gewe.postText(appId, "wxid_b", "x", null));

        assertThat(e.kind()).isEqualTo(Kind.OFFLINE);
        assertThat(e.dataMsg()).isEqualTo("微信不在线");
    }

    @Test
    void hostileServerTextIsKeptToOneShortLine() {
        String longLine = "错".repeat(500);
        fake.on("/login/logout").times(1).envelope("{\"ret\":500,\"msg\":\"line1\\nline2\\r\\u0000" + longLine + "\"}");

        GeweException e = catchThrowableOfType(GeweException.class, () -> gewe.logout(appId));

        assertThat(e.msg()).doesNotContain("\n", "\r", "\u0000").hasSizeLessThanOrEqualTo(161);
        assertThat(e.getMessage()).doesNotContain("\n");
    }

    @Test
    void faultsLastForTheirCountThenTheEndpointRecovers() throws Exception {
        fake.on("/login/checkOnline").times(2).httpStatus(503);

        assertThat(catchThrowableOfType(GeweException.class, () -> gewe.checkOnline(appId)).httpStatus()).isEqualTo(503);
        assertThat(catchThrowableOfType(GeweException.class, () -> gewe.checkOnline(appId)).httpStatus()).isEqualTo(503);
        assertThat(gewe.checkOnline(appId)).isTrue();
        assertThat(fake.requests("/login/checkOnline")).hasSize(3)
                .extracting(FakeGeweRequest::reply).first().isNull();
    }

    @Test
    void geweDownUntilClearedThenBack() throws Exception {
        fake.onAnyPath().httpStatus(502);

        for (int i = 0; i < 3; i++) {
            assertThat(catchThrowableOfType(GeweException.class, () -> gewe.postText(appId, "wxid_b", "x", null))
                    .isTransient()).isTrue();
        }
        assertThat(catchThrowableOfType(GeweException.class, () -> gewe.fetchContactsList(appId)).isTransient()).isTrue();
        fake.clearFaults();

        assertThat(gewe.postText(appId, "wxid_b", "x", null).newMsgId()).isNotNull();
        assertThat(fake.sent()).hasSize(1);
    }

    @Test
    void successWithoutDataIsFineWhereGeweOmitsIt() throws Exception {
        fake.onAnyPath().envelope("{\"ret\":200,\"msg\":\"操作成功\"}");

        gewe.logout(appId);
        gewe.reconnection(appId);
        gewe.revokeMsg(appId, "wxid_b", "1", "14216284872728580667", "1703841160");
        gewe.setCallback(fake.token(), "http://127.0.0.1:1/unused");
        SendResult sent = gewe.postText(appId, "wxid_b", "x", null);

        assertThat(sent).isEqualTo(new SendResult("wxid_b", null, null, null, null));
        assertThat(gewe.getChatroomInfo(appId, "1@chatroom").members()).isEmpty();
        assertThat(gewe.getChatroomMemberList(appId, "1@chatroom").members()).isEmpty();
        assertThat(gewe.fetchContactsList(appId).friends()).isEmpty();
        assertThat(gewe.getBriefInfo(appId, List.of("wxid_b"))).isEmpty();
        assertThat(catchThrowableOfType(GeweException.class, () -> gewe.getLoginQrCode("", "ipad", "320000", null))
                .kind()).isEqualTo(Kind.TRANSIENT);
    }

    @Test
    void idsKeepTheirDigitsWhateverJsonTypeCarriesThem() throws Exception {
        fake.on("/message/postText").times(1).envelope("{\"ret\":\"200\",\"msg\":\"ok\",\"data\":{\"toWxid\":\"r@chatroom\","
                + "\"createTime\":\"1703841160\",\"msgId\":0,\"newMsgId\":\"18446744073709551615\",\"type\":\"1\"}}");
        fake.on("/message/postText").times(1).envelope("{\"ret\":200,\"data\":{\"createTime\":1.70384116E9,"
                + "\"msgId\":{\"string\":\"77\"},\"newMsgId\":99999999999999999999999,\"type\":null}}");

        SendResult strings = gewe.postText(appId, "r@chatroom", "x", null);
        SendResult odd = gewe.postText(appId, "wxid_b", "x", null);

        assertThat(strings).isEqualTo(new SendResult("r@chatroom", "1703841160", "0", "18446744073709551615", 1));
        assertThat(odd).isEqualTo(new SendResult("wxid_b", "1703841160", "77", "99999999999999999999999", null));
    }

    @Test
    void leniencyForNullsAndWrongTypes() throws Exception {
        fake.on("/login/checkLogin").times(1).envelope("{\"ret\":200,\"data\":{\"status\":\"2\",\"loginInfo\":"
                + "{\"uin\":4077276085,\"wxid\":\"wxid_x\",\"nickName\":null,\"mobile\":\"\",\"alias\":null}}}");
        fake.on("/login/checkLogin").times(1).envelope("{\"ret\":200,\"data\":null}");
        fake.on("/group/getChatroomMemberList").times(1).envelope("{\"ret\":200,\"data\":{\"memberList\":"
                + "[{\"wxid\":\"a\"},{\"nickName\":\"no wxid\"},{\"userName\":\"b\",\"displayName\":\"\"},7,null],"
                + "\"chatroomOwner\":\"a\",\"adminWxid\":null}}");

        LoginStatus loggedIn = gewe.checkLogin(appId, "u", null, null);
        LoginStatus empty = gewe.checkLogin(appId, "u", null, null);
        ChatroomMembers members = gewe.getChatroomMemberList(appId, "r@chatroom");

        assertThat(loggedIn.loggedIn()).isTrue();
        assertThat(loggedIn.loginInfo()).isEqualTo(new LoginInfo("wxid_x", null, null, null, "4077276085"));
        assertThat(empty.status()).isZero();
        assertThat(empty.expired()).isTrue();
        assertThat(members.members()).extracting(ChatroomMember::wxid).containsExactly("a", "b");
        assertThat(members.members().get(1).name()).isEqualTo("b");
        assertThat(members.admins()).isEmpty();
    }

    @Test
    void lenientBooleansAndNumbers() throws Exception {
        fake.on("/login/checkOnline").times(1).envelope("{\"ret\":200,\"data\":\"false\"}");
        fake.on("/login/checkOnline").times(1).envelope("{\"ret\":200,\"data\":1}");
        fake.on("/login/checkOnline").times(1).envelope("{\"ret\":200,\"data\":\" TRUE \"}");
        fake.on("/login/checkOnline").times(1).envelope("{\"ret\":200,\"data\":{\"online\":true}}");
        fake.on("/message/postFile").times(1).envelope("{\"ret\":200,\"data\":{\"type\":\"six\","
                + "\"createTime\":99999999999,\"newMsgId\":1.5,\"msgId\":[1]}}");

        assertThat(gewe.checkOnline(appId)).isFalse();
        assertThat(gewe.checkOnline(appId)).isTrue();
        assertThat(gewe.checkOnline(appId)).isTrue();
        assertThat(catchThrowableOfType(GeweException.class, () -> gewe.checkOnline(appId)).isTransient()).isTrue();
        assertThat(gewe.postFile(appId, "wxid_b", "https://example.invalid/f", "f"))
                .isEqualTo(new SendResult("wxid_b", "99999999999", null, "1.5", null));
    }

    @Test
    void dialogLoginWithoutUuidIsMalformed() {
        fake.on("/login/dialogLogin").times(1).envelope("{\"ret\":200,\"data\":{\"appId\":\"wx_a\"}}");

        GeweException e = catchThrowableOfType(GeweException.class, () -> gewe.dialogLogin(appId, "320000", null));

        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.getMessage()).contains("no uuid");
    }

    @Test
    void voiceDownloadNeedsANumericMsgId() {
        assertThatThrownBy(() -> gewe.downloadVoice(appId, "<msg/>", "abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> gewe.downloadVoice(appId, "<msg/>", " ")).isInstanceOf(IllegalArgumentException.class);
        assertThat(fake.requests()).isEmpty();
    }

    @Test
    void interruptedCallIsTransientAndKeepsTheInterrupt() throws Exception {
        fake.on("/login/checkOnline").times(1).delay(Duration.ofSeconds(5));
        AtomicReference<GeweException> failure = new AtomicReference<>();
        AtomicBoolean stillInterrupted = new AtomicBoolean();
        Thread caller = Thread.ofPlatform().name("interrupted-caller").start(() -> {
            try {
                gewe.checkOnline(appId);
            } catch (GeweException e) {
                failure.set(e);
                stillInterrupted.set(Thread.currentThread().isInterrupted());
            }
        });
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (caller.getState() != Thread.State.TIMED_WAITING && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }

        caller.interrupt();
        caller.join(Duration.ofSeconds(5));

        assertThat(caller.isAlive()).isFalse();
        assertThat(failure.get().kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(failure.get().getMessage()).endsWith("interrupted");
        assertThat(stillInterrupted).isTrue();
    }

    @Test
    void builderRefusesBadConfiguration() {
        assertThatThrownBy(() -> GeweClient.builder().token("t").build()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> GeweClient.builder().baseUrl("http://127.0.0.1:1").build())
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> GeweClient.builder().token(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeweClient.builder().baseUrl("ftp://127.0.0.1/x"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeweClient.builder().baseUrl("/gewe/v2/api")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeweClient.builder().baseUrl("http://127.0.0.1:1/api?x=1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> GeweClient.builder().requestTimeout(Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fakeRejectsOtherMethodsUnknownPathsAndUnofficialFieldNames() throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(fake.baseUrl() + "/login/checkOnline"))
                    .header("X-GEWE-TOKEN", fake.token()).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertThat(get.statusCode()).isEqualTo(405);
        }
        fake.on("/message/postImage").times(1).envelope("{\"ret\":200}");
        gewe.postImage(appId, "wxid_b", "https://example.invalid/a.png");

        GeweException unofficial = catchThrowableOfType(GeweException.class,
                () -> gewe.postLink(appId, "wxid_b", "t", "d", " ", "thumb"));

        assertThat(unofficial.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(unofficial.msg()).isEqualTo("参数错误");
        assertThat(unofficial.dataMsg()).isEqualTo("linkUrl");
    }

    @Test
    void fakeCloseIsIdempotentAndFreesThePort() {
        FakeGeweServer other = FakeGeweServer.start();
        try (GeweClient client = client(other.token(), Duration.ofSeconds(2), other.baseUrl())) {
            other.close();
            other.close();

            assertThat(catchThrowableOfType(GeweException.class, () -> client.checkOnline("wx_x")).isTransient()).isTrue();
        }
    }

    private GeweClient refusedClient() {
        FakeGeweServer gone = FakeGeweServer.start();
        URI base = gone.baseUrl();
        gone.close();
        return client(fake.token(), Duration.ofSeconds(2), base);
    }

    private GeweClient client(String token, Duration timeout) {
        return client(token, timeout, fake.baseUrl());
    }

    private static GeweClient client(String token, Duration timeout, URI base) {
        return GeweClient.builder().baseUrl(base).token(token).requestTimeout(timeout).connectTimeout(Duration.ofSeconds(2))
                .build();
    }

    private static void assertNoToken(Throwable error, String token) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            assertThat(String.valueOf(t.getMessage())).doesNotContain(token);
            assertThat(t.toString()).doesNotContain(token);
        }
        if (error instanceof GeweException e) {
            assertThat(String.valueOf(e.msg()) + e.dataMsg() + e.dataCode() + e.path()).doesNotContain(token);
        }
    }
}
