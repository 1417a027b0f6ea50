package dev.parley.connector.gewe;

import static dev.parley.connector.gewe.FakeGeweServer.member;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import dev.parley.connector.gewe.GeweCallback.ContactChanged;
import dev.parley.connector.gewe.GeweCallback.ContactDeleted;
import dev.parley.connector.gewe.GeweCallback.Ignored;
import dev.parley.connector.gewe.GeweCallback.Message;
import dev.parley.connector.gewe.GeweCallback.Offline;
import dev.parley.message.ChatType;
import dev.parley.message.Direction;
import dev.parley.message.InboundMessage;
import dev.parley.message.MessageType;

/** The fake's callback emitter delivers what Parley's parser understands, duplicates included. */
class FakeGeweCallbacksTest {

    private static final String ROOM = "43218765901@chatroom";

    private final FakeGeweServer fake = FakeGeweServer.start()
            .friend("wxid_alice", "Alice", "客户")
            .room(ROOM, "产品交流群", "wxid_alice", member("wxid_alice", "Alice"), member("wxid_bob", "Bob"),
                    member("wxid_bot", "Bot"));
    private final WebhookReceiver webhook = WebhookReceiver.start();
    private final GeweCallbackParser parser = GeweCallbackParser.create();
    private final String appId = fake.onlineDevice("wxid_bot", "Bot");

    @AfterEach
    void close() {
        webhook.close();
        fake.close();
    }

    @Test
    void everyKindOfCallbackArrivesAndParses() throws Exception {
        FakeGeweCallbacks callbacks = fake.callbacks(webhook.uri());
        List<Integer> statuses = new ArrayList<>();

        statuses.add(callbacks.privateText(appId, "wxid_alice", "你好"));
        statuses.add(callbacks.groupText(appId, ROOM, "wxid_bob", "@Bot\u2005在吗", "wxid_bot"));
        statuses.add(callbacks.groupText(appId, ROOM, "wxid_bot", "我在"));
        statuses.add(callbacks.membersInvited(appId, ROOM, "wxid_alice", "wxid_carol", "wxid_dave"));
        statuses.add(callbacks.memberJoinedByQrCode(appId, ROOM, "wxid_erin", "wxid_bob"));
        statuses.add(callbacks.memberRemoved(appId, ROOM, "wxid_bob"));
        statuses.add(callbacks.renamed(appId, ROOM, "wxid_alice", "新群名"));
        statuses.add(callbacks.renamed(appId, ROOM, "wxid_bot", "我的群"));
        statuses.add(callbacks.removedFromGroup(appId, ROOM, "wxid_alice"));
        statuses.add(callbacks.notice(appId, ROOM, "你已成为新群主"));
        statuses.add(callbacks.roomChanged(appId, ROOM));
        statuses.add(callbacks.friendChanged(appId, "wxid_alice"));
        statuses.add(callbacks.contactDeleted(appId, ROOM));
        statuses.add(callbacks.statusSync(appId));
        statuses.add(callbacks.offline(appId));

        assertThat(statuses).hasSize(15).containsOnly(200);
        List<GeweCallback> parsed = parseAll();
        assertThat(parsed).hasSize(15);

        InboundMessage privateText = message(parsed.get(0));
        assertThat(privateText.accountExternalId()).isEqualTo(appId);
        assertThat(privateText.accountSelfId()).isEqualTo("wxid_bot");
        assertThat(privateText.chatType()).isEqualTo(ChatType.PRIVATE);
        assertThat(privateText.senderId()).isEqualTo("wxid_alice");
        assertThat(privateText.text()).isEqualTo("你好");
        assertThat(new BigInteger(privateText.platformMsgId())).isGreaterThan(BigInteger.valueOf(Long.MAX_VALUE));

        InboundMessage mention = message(parsed.get(1));
        assertThat(mention.chatId()).isEqualTo(ROOM);
        assertThat(mention.senderId()).isEqualTo("wxid_bob");
        assertThat(mention.mentions()).containsExactly("wxid_bot");
        assertThat(message(parsed.get(2)).direction()).isEqualTo(Direction.OUT);

        assertThat(message(parsed.get(3)).text()).isEqualTo("\"Alice\"邀请\"wxid_carol、wxid_dave\"加入了群聊");
        assertThat(message(parsed.get(4)).text()).isEqualTo("\"wxid_erin\"通过扫描\"Bob\"分享的二维码加入群聊");
        assertThat(message(parsed.get(5)).text()).isEqualTo("你将\"Bob\"移出了群聊");
        assertThat(message(parsed.get(6)).text()).isEqualTo("\"Alice\"修改群名为“新群名”");
        assertThat(message(parsed.get(7)).text()).isEqualTo("你修改群名为“我的群”");
        assertThat(message(parsed.get(8)).text()).isEqualTo("你被\"Alice\"移出群聊");
        assertThat(message(parsed.get(9)).text()).isEqualTo("你已成为新群主");
        assertThat(parsed.subList(3, 10)).allSatisfy(c -> assertThat(message(c).type()).isEqualTo(MessageType.SYSTEM));

        ContactChanged room = (ContactChanged) parsed.get(10);
        assertThat(room.group()).isTrue();
        assertThat(room.nickname()).isEqualTo("产品交流群");
        assertThat(room.ownerId()).isEqualTo("wxid_alice");
        ContactChanged friend = (ContactChanged) parsed.get(11);
        assertThat(friend.nickname()).isEqualTo("Alice");
        assertThat(friend.remark()).isEqualTo("客户");
        assertThat(parsed.get(12)).isEqualTo(new ContactDeleted(appId, "wxid_bot", ROOM));
        assertThat(parsed.get(13)).isEqualTo(new Ignored(appId, "status-sync"));
        assertThat(parsed.get(14)).isEqualTo(new Offline(appId, "wxid_bot"));
    }

    @Test
    void roomChangedCarriesTheFakesCurrentName() throws Exception {
        fake.renameRoom(ROOM, "改名后");

        fake.callbacks(webhook.uri()).roomChanged(appId, ROOM);

        assertThat(((ContactChanged) parseAll().getFirst()).nickname()).isEqualTo("改名后");
    }

    @Test
    void resendDeliversTheSameBodyAgain() throws Exception {
        FakeGeweCallbacks callbacks = fake.callbacks(webhook.uri());
        callbacks.groupText(appId, ROOM, "wxid_bob", "重复");

        assertThat(callbacks.resend()).isEqualTo(200);
        assertThat(callbacks.resend()).isEqualTo(200);

        List<String> bodies = webhook.bodies();
        assertThat(bodies).hasSize(3).containsOnly(callbacks.lastBody());
        List<GeweCallback> parsed = parseAll();
        assertThat(parsed).extracting(c -> message(c).platformMsgId()).containsOnly(message(parsed.getFirst())
                .platformMsgId());
    }

    @Test
    void eachMessageGetsItsOwnId() throws Exception {
        FakeGeweCallbacks callbacks = fake.callbacks(webhook.uri());
        for (int i = 0; i < 5; i++) {
            callbacks.privateText(appId, "wxid_alice", "m" + i);
        }

        assertThat(parseAll()).extracting(c -> message(c).platformMsgId()).doesNotHaveDuplicates().hasSize(5);
    }

    @Test
    void fixturesArePostedVerbatimAndTheWebhooksStatusIsReturned() throws Exception {
        FakeGeweCallbacks callbacks = fake.callbacks(webhook.uri());
        webhook.answer(503);

        assertThat(callbacks.fixture("sysmsg-join.json")).isEqualTo(503);
        assertThat(callbacks.fixture("mod-contacts-room.json")).isEqualTo(503);
        assertThat(callbacks.fixture("status-sync.json")).isEqualTo(503);

        assertThat(webhook.bodies().getFirst().getBytes(StandardCharsets.UTF_8))
                .isEqualTo(GeweCallbackFixtures.file("sysmsg-join.json"));
        assertThat(message(parseAll().getFirst()).text()).isEqualTo("\"刘贺\"邀请\"张三、李四、王五\"加入了群聊");
    }

    @Test
    void callbacksGoToTheUrlSetThroughTheApi() throws Exception {
        try (GeweClient gewe = GeweClient.builder().baseUrl(fake.baseUrl()).token(fake.token()).build()) {
            assertThatThrownBy(fake::callbacks).isInstanceOf(IllegalStateException.class);
            gewe.setCallback(fake.token(), webhook.uri().toString());

            fake.callbacks().offline(appId);

            assertThat(parseAll()).hasSize(2).first().isEqualTo(new GeweCallback.Ping());
        }
    }

    @Test
    void refusesToPostAnywhereButThisMachine() {
        assertThatThrownBy(() -> fake.callbacks(URI.create("http://192.0.2.10/webhooks/gewe/x")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> fake.callbacks(URI.create("file:///tmp/x"))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void accountThatNeverLoggedInHasNoWxidToSendAs() throws Exception {
        String pending;
        try (GeweClient gewe = GeweClient.builder().baseUrl(fake.baseUrl()).token(fake.token()).build()) {
            pending = gewe.getLoginQrCode("", "ipad", "320000", null).appId();
        }
        FakeGeweCallbacks callbacks = fake.callbacks(webhook.uri());

        assertThatThrownBy(() -> callbacks.offline(pending)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> callbacks.offline("wx_unknown")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(callbacks::resend).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void unreachableWebhookIsAnError() {
        URI gone;
        try (WebhookReceiver closed = WebhookReceiver.start()) {
            gone = closed.uri();
        }
        FakeGeweCallbacks callbacks = fake.callbacks(gone);

        assertThatThrownBy(() -> callbacks.offline(appId)).isInstanceOf(UncheckedIOException.class);
    }

    private List<GeweCallback> parseAll() throws GeweCallbackException {
        List<GeweCallback> parsed = new ArrayList<>();
        for (String body : webhook.bodies()) {
            parsed.add(parser.parse(body.getBytes(StandardCharsets.UTF_8), System.currentTimeMillis()));
        }
        return parsed;
    }

    private static InboundMessage message(GeweCallback callback) {
        assertThat(callback).isInstanceOf(Message.class);
        return ((Message) callback).message();
    }
}
