package dev.parley.connector.gewe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.parley.connector.gewe.GeweException.Kind;

/** Sending, revoking and downloading against the fake GeWe, with message ids beyond 64 bits. */
class GeweClientMessagesTest {

    private static final BigInteger SIGNED_64_MAX = BigInteger.valueOf(Long.MAX_VALUE);
    private static final String ROOM = "34757816141@chatroom";

    private final FakeGeweServer fake = FakeGeweServer.start();
    private final GeweClient gewe = GeweClient.builder().baseUrl(fake.baseUrl()).token(fake.token()).build();
    private final String appId = fake.onlineDevice("wxid_bot", "Bot");

    @AfterEach
    void close() {
        gewe.close();
        fake.close();
    }

    @Test
    void textIdsAboveTwoToTheSixtyThreeRoundTripToRevokeAsStrings() throws Exception {
        SendResult sent = gewe.postText(appId, "wxid_bob", "你好 Bob", null);

        assertThat(new BigInteger(sent.newMsgId())).isGreaterThan(SIGNED_64_MAX);
        assertThat(sent.newMsgId()).isEqualTo(FakeGeweServer.FIRST_NEW_MSG_ID.toString());
        assertThat(sent.toWxid()).isEqualTo("wxid_bob");
        assertThat(sent.type()).isEqualTo(1);
        assertThat(sent.msgId()).matches("\\d+");
        assertThat(sent.createTime()).matches("\\d{10}");
        FakeGeweRequest request = fake.sent().getFirst();
        assertThat(request.field("appId")).isEqualTo(appId);
        assertThat(request.field("toWxid")).isEqualTo("wxid_bob");
        assertThat(request.field("content")).isEqualTo("你好 Bob");
        assertThat(request.body().has("ats")).isFalse();
        assertThat(request.reply().path("data").path("newMsgId").isBigInteger()).isTrue();

        gewe.revokeMsg(appId, sent.toWxid(), sent.msgId(), sent.newMsgId(), sent.createTime());

        FakeGeweRequest revoke = fake.revoked().getFirst();
        assertThat(revoke.field("newMsgId")).isEqualTo("14216284872728580667");
        assertThat(revoke.isString("newMsgId")).isTrue();
        assertThat(revoke.isString("msgId")).isTrue();
        assertThat(revoke.isString("createTime")).isTrue();
        assertThat(revoke.field("msgId")).isEqualTo(sent.msgId());
        assertThat(revoke.field("createTime")).isEqualTo(sent.createTime());
    }

    @Test
    void revokingTwiceOrWithAnAlteredIdIsRefused() throws Exception {
        SendResult sent = gewe.postText(appId, "wxid_bob", "oops", null);
        String oneOff = new BigInteger(sent.newMsgId()).subtract(BigInteger.ONE).toString();

        GeweException wrongId = catchThrowableOfType(GeweException.class,
                () -> gewe.revokeMsg(appId, "wxid_bob", sent.msgId(), oneOff, sent.createTime()));
        gewe.revokeMsg(appId, "wxid_bob", sent.msgId(), sent.newMsgId(), sent.createTime());
        GeweException twice = catchThrowableOfType(GeweException.class,
                () -> gewe.revokeMsg(appId, "wxid_bob", sent.msgId(), sent.newMsgId(), sent.createTime()));

        assertThat(wrongId.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(twice.kind()).isEqualTo(Kind.PERMANENT);
        assertThat(twice.msg()).isEqualTo("撤回消息失败");
        assertThat(fake.revoked()).hasSize(1);
    }

    @Test
    void groupTextWithMentionsSendsAtsCommaJoined() throws Exception {
        gewe.postText(appId, ROOM, "@Alice\u2005@Bob\u2005开会了", "wxid_alice,wxid_bob");
        gewe.postText(appId, ROOM, "@所有人 通知", "notify@all");
        gewe.postText(appId, ROOM, "no mention", " ");

        List<FakeGeweRequest> sent = fake.sent();
        assertThat(sent.get(0).field("ats")).isEqualTo("wxid_alice,wxid_bob");
        assertThat(sent.get(0).field("content")).isEqualTo("@Alice\u2005@Bob\u2005开会了");
        assertThat(sent.get(1).field("ats")).isEqualTo("notify@all");
        assertThat(sent.get(2).body().has("ats")).isFalse();
    }

    @Test
    void everyKindOfSendUsesTheOfficialFieldNames() throws Exception {
        SendResult image = gewe.postImage(appId, ROOM, "https://example.invalid/a.png");
        SendResult file = gewe.postFile(appId, ROOM, "https://example.invalid/r.pdf", "报告.pdf");
        SendResult link = gewe.postLink(appId, ROOM, "标题", "描述", "https://example.invalid/x", null);
        SendResult app = gewe.postAppMsg(appId, ROOM, "<appmsg appid=\"\"><title>回复</title><type>57</type></appmsg>");

        assertThat(image.type()).isNull();
        assertThat(file.type()).isEqualTo(6);
        assertThat(link.type()).isEqualTo(5);
        assertThat(app.type()).isZero();
        List<FakeGeweRequest> sent = fake.sent();
        assertThat(sent).extracting(FakeGeweRequest::path)
                .containsExactly("/message/postImage", "/message/postFile", "/message/postLink", "/message/postAppMsg");
        assertThat(sent.get(0).field("imgUrl")).isEqualTo("https://example.invalid/a.png");
        assertThat(sent.get(1).field("fileUrl")).isEqualTo("https://example.invalid/r.pdf");
        assertThat(sent.get(1).field("fileName")).isEqualTo("报告.pdf");
        assertThat(sent.get(2).field("linkUrl")).isEqualTo("https://example.invalid/x");
        assertThat(sent.get(2).field("desc")).isEqualTo("描述");
        assertThat(sent.get(2).field("thumbUrl")).isEmpty();
        assertThat(sent.get(3).field("appmsg")).contains("<type>57</type>");
        assertThat(sent).extracting(r -> r.replied("newMsgId"))
                .containsExactly(image.newMsgId(), file.newMsgId(), link.newMsgId(), app.newMsgId())
                .doesNotHaveDuplicates();
    }

    @Test
    void concurrentSendsGetDistinctExactIds() throws Exception {
        int senders = 8;
        int each = 10;
        List<Future<List<String>>> results = new ArrayList<>();
        try (ExecutorService pool = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("sender-", 0).factory())) {
            for (int s = 0; s < senders; s++) {
                String to = "wxid_friend" + s;
                results.add(pool.submit(() -> {
                    List<String> ids = new ArrayList<>();
                    for (int i = 0; i < each; i++) {
                        ids.add(gewe.postText(appId, to, "n" + i, null).newMsgId());
                    }
                    return ids;
                }));
            }
            Set<String> ids = new HashSet<>();
            for (Future<List<String>> result : results) {
                ids.addAll(result.get());
            }
            assertThat(ids).hasSize(senders * each);
            assertThat(fake.sent()).extracting(r -> r.replied("newMsgId")).containsExactlyInAnyOrderElementsOf(ids);
        }
    }

    @Test
    void sendingFromAnOfflineAccountIsAnOfflineError() throws Exception {
        fake.goOffline(appId, true);

        GeweException e = catchThrowableOfType(GeweException.class, () -> gewe.postText(appId, "wxid_bob", "hi", null));

        assertThat(e.kind()).isEqualTo(Kind.OFFLINE);
        assertThat(e.dataCode()).isEqualTo("-1");
        assertThat(e.dataMsg()).isEqualTo("微信已离线");
        assertThat(fake.sent()).isEmpty();
        assertThat(fake.requests("/message/postText")).hasSize(1);
    }

    @Test
    void downloadsAnswerLinksTheFakeServes() throws Exception {
        String imageXml = "<msg><img aeskey=\"k\" cdnmidimgurl=\"u\" length=\"3\" md5=\"m\"/></msg>";
        byte[] png = {(byte) 0x89, 'P', 'N', 'G'};
        fake.media(imageXml, png);

        String image = gewe.downloadImage(appId, imageXml, 2);
        String voice = gewe.downloadVoice(appId, "<msg><voicemsg voicelength=\"2540\"/></msg>", "1040356095");
        String video = gewe.downloadVideo(appId, "<msg><videomsg playlength=\"3\"/></msg>");
        String file = gewe.downloadFile(appId, "<msg><appmsg><type>6</type></appmsg></msg>");

        assertThat(fetch(image)).isEqualTo(png);
        assertThat(new String(fetch(voice), StandardCharsets.UTF_8)).startsWith("fake media /message/downloadVoice");
        assertThat(fetch(video)).isNotEmpty();
        assertThat(fetch(file)).isNotEmpty();
        assertThat(List.of(image, voice, video, file)).doesNotHaveDuplicates()
                .allSatisfy(url -> assertThat(url).startsWith("http://127.0.0.1:" + fake.port() + "/files/"));
        FakeGeweRequest voiceRequest = fake.requests("/message/downloadVoice").getFirst();
        assertThat(voiceRequest.body().path("msgId").isIntegralNumber()).isTrue();
        assertThat(voiceRequest.field("msgId")).isEqualTo("1040356095");
        assertThat(fake.requests("/message/downloadImage").getFirst().field("type")).isEqualTo("2");
    }

    @Test
    void downloadWithoutAFileUrlIsMalformed() {
        fake.on("/message/downloadFile").times(1).envelope("{\"ret\":200,\"msg\":\"操作成功\",\"data\":{}}");

        GeweException e = catchThrowableOfType(GeweException.class, () -> gewe.downloadFile(appId, "<msg/>"));

        assertThat(e.kind()).isEqualTo(Kind.TRANSIENT);
        assertThat(e.getMessage()).contains("no fileUrl");
    }

    private static byte[] fetch(String url) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(response.statusCode()).isEqualTo(200);
            return response.body();
        }
    }
}
