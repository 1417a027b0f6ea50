package dev.parley.channel.dingtalk;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import dev.parley.channel.ChannelException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** {@link DingTalkOpenApi} against {@link FakeDingTalk}: tokens, routes, payloads, errors. */
class DingTalkOpenApiTest {
    private FakeDingTalk fake;
    private HttpClient http;
    private MutableClock clock;
    private DingTalkOpenApi api;

    /** A clock tests move forward. */
    private static final class MutableClock extends Clock {
        private volatile Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration by) {
            now = now.plus(by);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    @BeforeEach
    void start() {
        fake = FakeDingTalk.start();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        clock = new MutableClock();
        api = new DingTalkOpenApi(settings(FakeDingTalk.CLIENT_SECRET), http, clock);
    }

    private DingTalkSettings settings(String secret) {
        return new DingTalkSettings(FakeDingTalk.CLIENT_ID, secret, DingTalkSettings.STREAM, fake.apiUrl(),
                fake.oapiUrl(), "tpl.schema");
    }

    @AfterEach
    void stop() {
        http.close();
        fake.close();
    }

    @Test
    void theTokenIsCachedAcrossSendsAndRenewedBeforeItExpires() throws Exception {
        api.send(Conversation.person("staff1"), RobotPayload.markdown("t", "one"));
        api.send(Conversation.group("cidG"), RobotPayload.markdown("t", "two"));
        assertThat(fake.tokenRequests()).hasSize(1);
        assertThat(fake.tokenRequests().get(0).path("appKey").asText()).isEqualTo(FakeDingTalk.CLIENT_ID);

        clock.advance(Duration.ofSeconds(7200).minus(DingTalkOpenApi.TOKEN_MARGIN).minusSeconds(1));
        api.send(Conversation.person("staff1"), RobotPayload.markdown("t", "three"));
        assertThat(fake.tokenRequests()).hasSize(1);
        clock.advance(Duration.ofSeconds(1));
        api.send(Conversation.person("staff1"), RobotPayload.markdown("t", "four"));
        assertThat(fake.tokenRequests()).hasSize(2);
        assertThat(fake.sent()).hasSize(4);
    }

    @Test
    void aRevokedTokenIsFetchedAgainOnceOn401() throws Exception {
        api.send(Conversation.person("staff1"), RobotPayload.markdown("t", "one"));
        fake.revokeTokens();
        api.send(Conversation.person("staff1"), RobotPayload.markdown("t", "two"));
        assertThat(fake.tokenRequests()).hasSize(2);
        assertThat(fake.sent()).extracting(FakeDingTalk.Sent::msgParam).extracting(p -> p.path("text").asText())
                .containsExactly("one", "two");
    }

    @Test
    void peopleAndGroupsGoToTheirRoutesWithTheRobotCode() throws Exception {
        api.send(Conversation.person("manager4220"), RobotPayload.markdown("Title", "**body**"));
        api.send(Conversation.group("cidGroup=="), RobotPayload.image("@media-1"));
        api.send(Conversation.group("cidGroup=="), RobotPayload.file("@media-2", "export.pdf", "pdf"));

        FakeDingTalk.Sent markdown = fake.sent().get(0);
        assertThat(markdown.route()).isEqualTo("oToMessages/batchSend");
        assertThat(markdown.to()).isEqualTo("manager4220");
        assertThat(markdown.robotCode()).isEqualTo(FakeDingTalk.CLIENT_ID);
        assertThat(markdown.msgKey()).isEqualTo("sampleMarkdown");
        assertThat(markdown.msgParam().path("title").asText()).isEqualTo("Title");
        assertThat(markdown.msgParam().path("text").asText()).isEqualTo("**body**");

        FakeDingTalk.Sent image = fake.sent().get(1);
        assertThat(image.route()).isEqualTo("groupMessages/send");
        assertThat(image.to()).isEqualTo("cidGroup==");
        assertThat(image.msgKey()).isEqualTo("sampleImageMsg");
        assertThat(image.msgParam().path("photoURL").asText()).isEqualTo("@media-1");

        FakeDingTalk.Sent file = fake.sent().get(2);
        assertThat(file.msgKey()).isEqualTo("sampleFile");
        assertThat(file.msgParam().path("mediaId").asText()).isEqualTo("@media-2");
        assertThat(file.msgParam().path("fileName").asText()).isEqualTo("export.pdf");
        assertThat(file.msgParam().path("fileType").asText()).isEqualTo("pdf");
    }

    @Test
    void throttlingIsRetryableWithRetryAfterAndOtherRefusalsPermanent() throws Exception {
        fake.throttle(1, 7);
        ChannelException throttled = catchThrowableOfType(ChannelException.class,
                () -> api.send(Conversation.group("cidG"), RobotPayload.markdown("t", "x")));
        assertThat(throttled.isTransient()).isTrue();
        assertThat(throttled.retryAfter()).isEqualTo(Duration.ofSeconds(7));
        assertThat(throttled.getMessage()).contains("429").contains("Throttling");
        api.send(Conversation.group("cidG"), RobotPayload.markdown("t", "x"));

        String wrongSecret = "wrong-secret-value";
        DingTalkOpenApi refused = new DingTalkOpenApi(settings(wrongSecret), http, clock);
        ChannelException permanent = catchThrowableOfType(ChannelException.class,
                () -> refused.send(Conversation.group("cidG"), RobotPayload.markdown("t", "x")));
        assertThat(permanent.isTransient()).isFalse();
        assertThat(permanent.getMessage()).contains("400").doesNotContain(wrongSecret);
    }

    @Test
    void anUnreachableServerIsRetryable() {
        int port = URI.create(fake.apiUrl()).getPort();
        fake.close();
        DingTalkOpenApi gone = new DingTalkOpenApi(new DingTalkSettings(FakeDingTalk.CLIENT_ID,
                FakeDingTalk.CLIENT_SECRET, "stream", "http://127.0.0.1:" + port, "http://127.0.0.1:" + port, ""),
                http, clock);
        ChannelException e = catchThrowableOfType(ChannelException.class,
                () -> gone.send(Conversation.person("p"), RobotPayload.markdown("t", "x")));
        assertThat(e.isTransient()).isTrue();
        assertThat(e.getMessage()).doesNotContain(FakeDingTalk.CLIENT_SECRET);
        fake = FakeDingTalk.start();
    }

    @Test
    void mediaIsUploadedThroughTheLegacyApiWithItsOwnCachedToken() throws Exception {
        byte[] png = {(byte) 0x89, 'P', 'N', 'G', 0, 1, 2, (byte) 0xff, '\r', '\n'};
        String first = api.upload("image", "qr.png", png);
        String second = api.upload("file", "导出.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8));
        assertThat(first).startsWith("@media-");
        assertThat(second).isNotEqualTo(first);
        assertThat(fake.legacyTokenRequests()).isEqualTo(1);
        assertThat(fake.uploads()).hasSize(2);
        assertThat(fake.uploads().get(0).type()).isEqualTo("image");
        assertThat(fake.uploads().get(0).bytes()).isEqualTo(png);
        assertThat(fake.uploads().get(1).fileName()).isEqualTo("导出.csv");

        fake.revokeTokens();
        api.upload("image", "again.png", png);
        assertThat(fake.legacyTokenRequests()).isEqualTo(2);
    }

    @Test
    void cardsAreDeliveredToTheRightSpaceAndUpdatedByKey() throws Exception {
        api.createAndDeliverCard("card-1", Conversation.group("cidG=="), Map.of("title", "Hi"), "STREAM");
        api.createAndDeliverCard("card-2", Conversation.person("staff9"), Map.of("title", "Hi"), "STREAM");
        api.updateCard("card-1", Map.of("markdown", "done"));

        var group = fake.cards().get(0).body();
        assertThat(group.path("cardTemplateId").asText()).isEqualTo("tpl.schema");
        assertThat(group.path("outTrackId").asText()).isEqualTo("card-1");
        assertThat(group.path("callbackType").asText()).isEqualTo("STREAM");
        assertThat(group.path("openSpaceId").asText()).isEqualTo("dtv1.card//IM_GROUP.cidG==");
        assertThat(group.path("imGroupOpenDeliverModel").path("robotCode").asText()).isEqualTo(FakeDingTalk.CLIENT_ID);
        assertThat(group.path("cardData").path("cardParamMap").path("title").asText()).isEqualTo("Hi");
        var person = fake.cards().get(1).body();
        assertThat(person.path("openSpaceId").asText()).isEqualTo("dtv1.card//IM_ROBOT.staff9");
        assertThat(person.path("imRobotOpenDeliverModel").path("spaceType").asText()).isEqualTo("IM_ROBOT");
        var update = fake.cards().get(2);
        assertThat(update.method()).isEqualTo("update");
        assertThat(update.body().path("cardUpdateOptions").path("updateCardDataByKey").asBoolean()).isTrue();
        assertThat(update.body().path("cardData").path("cardParamMap").path("markdown").asText()).isEqualTo("done");
    }

    @Test
    void sessionWebhooksTakeMarkdownUntilTheyExpire() throws Exception {
        api.replyBySession(fake.sessionWebhook("s1"), "Title", "text");
        assertThat(fake.posts()).hasSize(1);
        assertThat(fake.posts().get(0).body().path("msgtype").asText()).isEqualTo("markdown");
        assertThat(fake.posts().get(0).body().path("markdown").path("title").asText()).isEqualTo("Title");

        fake.expireSession("s1");
        assertThatThrownBy(() -> api.replyBySession(fake.sessionWebhook("s1"), "Title", "text"))
                .isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.isTransient()).isFalse());
        assertThat(fake.posts()).hasSize(1);
    }

    @Test
    void theCustomRobotTakesOnlySignedPosts() throws Exception {
        URI signed = new RobotWebhookSigner(FakeDingTalk.ROBOT_SECRET, Clock.systemUTC()).sign(fake.robotWebhook());
        api.postToRobotWebhook(signed, "Alert", "**down**");
        assertThat(fake.posts()).extracting(FakeDingTalk.Post::target).containsExactly("robot");

        URI wrong = new RobotWebhookSigner("SECwrong", Clock.systemUTC()).sign(fake.robotWebhook());
        assertThatThrownBy(() -> api.postToRobotWebhook(wrong, "Alert", "x")).isInstanceOf(ChannelException.class)
                .hasMessageContaining("310000");
    }

    @Test
    void noFailureMessageCarriesATokenOrTheSecret() {
        fake.throttle(1, 1);
        ChannelException e = catchThrowableOfType(ChannelException.class,
                () -> api.send(Conversation.person("p"), RobotPayload.markdown("t", "x")));
        for (String token : fake.tokensHandedOut()) {
            assertThat(e.getMessage()).doesNotContain(token);
        }
        assertThat(e.getMessage()).doesNotContain(FakeDingTalk.CLIENT_SECRET);
    }
}
