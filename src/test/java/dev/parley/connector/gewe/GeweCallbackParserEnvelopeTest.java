package dev.parley.connector.gewe;

import static dev.parley.connector.gewe.GeweCallbackParserMessageTest.ALICE;
import static dev.parley.connector.gewe.GeweCallbackParserMessageTest.APP;
import static dev.parley.connector.gewe.GeweCallbackParserMessageTest.BOB;
import static dev.parley.connector.gewe.GeweCallbackParserMessageTest.BOT;
import static dev.parley.connector.gewe.GeweCallbackParserMessageTest.FRIEND;
import static dev.parley.connector.gewe.GeweCallbackParserMessageTest.RECEIVED_AT;
import static dev.parley.connector.gewe.GeweCallbackParserMessageTest.ROOM;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import dev.parley.connector.gewe.GeweCallback.ContactChanged;
import dev.parley.connector.gewe.GeweCallback.ContactDeleted;
import dev.parley.connector.gewe.GeweCallback.Ignored;
import dev.parley.connector.gewe.GeweCallback.Offline;
import dev.parley.connector.gewe.GeweCallback.Ping;
import dev.parley.message.ChatType;
import dev.parley.message.Direction;
import dev.parley.message.InboundMessage;
import dev.parley.message.MessageType;

/** Callbacks other than plain AddMsg: pings, contacts, offline, ignored kinds and the flat v2 shape. */
class GeweCallbackParserEnvelopeTest {

    private final GeweCallbackParser parser = GeweCallbackParser.create();

    @Test
    void verificationPingAndSubscriptionConfirmationArePings() throws Exception {
        assertThat(parse("ping-test-msg.json")).isEqualTo(new Ping());
        assertThat(parse("ping-subscribed.json")).isEqualTo(new Ping());
    }

    @Test
    void offlineHasNoData() throws Exception {
        assertThat(parse("offline.json")).isEqualTo(new Offline(APP, BOT));
        assertThat(parse("{\"TypeName\":\"Offline\",\"Appid\":\"" + APP + "\"}")).isEqualTo(new Offline(APP, null));
    }

    @Test
    void roomChangeCarriesNameOwnerAndRawData() throws Exception {
        ContactChanged room = (ContactChanged) parse("mod-contacts-room.json");

        assertThat(room.appId()).isEqualTo(APP);
        assertThat(room.selfId()).isEqualTo(BOT);
        assertThat(room.contactId()).isEqualTo(ROOM);
        assertThat(room.group()).isTrue();
        assertThat(room.nickname()).isEqualTo("产品交流群");
        assertThat(room.remark()).as("empty wrapper {}").isNull();
        assertThat(room.ownerId()).isEqualTo(ALICE);
        assertThat(room.raw()).isEqualTo(dataOf("mod-contacts-room.json"));
    }

    @Test
    void friendChangeWithoutWxidKeepsTheBigSnsIdExact() throws Exception {
        ContactChanged friend = (ContactChanged) parse("mod-contacts-friend.json");

        assertThat(friend).isEqualTo(new ContactChanged(APP, null, FRIEND, false, "李雷", "李雷-南京客户", null,
                dataOf("mod-contacts-friend.json")));
        assertThat(friend.raw()).contains("\"SnsBgobjectId\":14216284872728580667");
    }

    @Test
    void contactChangeWithoutUserNameIsIgnored() throws Exception {
        assertThat(parse("mod-contacts-no-username.json")).isEqualTo(new Ignored(APP, "contact-without-username"));
        assertThat(parse("{\"TypeName\":\"ModContacts\",\"Appid\":\"a\",\"Data\":{\"UserName\":{}}}"))
                .isEqualTo(new Ignored("a", "contact-without-username"));
        assertThat(parse("{\"TypeName\":\"DelContacts\",\"Appid\":\"a\",\"Data\":{\"UserName\":{\"string\":\" \"}}}"))
                .isEqualTo(new Ignored("a", "contact-without-username"));
    }

    @Test
    void deletedContactNamesTheGroupOrFriend() throws Exception {
        assertThat(parse("del-contacts.json")).isEqualTo(new ContactDeleted(APP, BOT, ROOM));
    }

    @Test
    void unhandledTypeNamesAreIgnoredWithTheirName() throws Exception {
        assertThat(parse("finder-msg.json")).isEqualTo(new Ignored(APP, "unhandled-type:FinderMsg"));
        assertThat(parse("long-serve-start.json")).isEqualTo(new Ignored(APP, "unhandled-type:Long_Serve_START_SUCCESS"));
        assertThat(parse("{\"TypeName\":\"SystemMessages\"}")).isEqualTo(new Ignored(null, "unhandled-type:SystemMessages"));
    }

    @Test
    void typeNamesMatchInAnyCase() throws Exception {
        assertThat(parse("{\"type_name\":\"OFFLINE\",\"APPID\":\"a\",\"WXID\":\"w\"}")).isEqualTo(new Offline("a", "w"));
        assertThat(parse("{\"typeName\":\"del_contacts\",\"appid\":\"a\",\"data\":{\"userName\":{\"string\":\"x\"}}}"))
                .isEqualTo(new ContactDeleted("a", null, "x"));
    }

    @Test
    void flatTextMessage() throws Exception {
        InboundMessage m = message("v2-text.json");

        assertThat(m.accountExternalId()).isEqualTo(APP);
        assertThat(m.accountSelfId()).isEqualTo(BOT);
        assertThat(m.platformMsgId()).isEqualTo("3768973957878705021");
        assertThat(m.chatId()).isEqualTo(FRIEND);
        assertThat(m.chatType()).isEqualTo(ChatType.PRIVATE);
        assertThat(m.senderId()).isEqualTo(FRIEND);
        assertThat(m.senderName()).isEqualTo("李雷");
        assertThat(m.direction()).isEqualTo(Direction.IN);
        assertThat(m.type()).isEqualTo(MessageType.TEXT);
        assertThat(m.text()).isEqualTo("v2 格式的消息");
        assertThat(m.mentions()).isEmpty();
        assertThat(m.sentAt()).isEqualTo(1_779_163_000_000L);
        assertThat(m.raw()).isEqualTo(new ObjectMapper().readTree(GeweCallbackFixtures.file("v2-text.json")).toString());
    }

    @Test
    void flatGroupMessageSentByTheAccountUsesIsSelfAndAtUserList() throws Exception {
        InboundMessage m = message("v2-group-sent.json");

        assertThat(m.chatId()).isEqualTo(ROOM);
        assertThat(m.chatType()).isEqualTo(ChatType.GROUP);
        assertThat(m.senderId()).isEqualTo(BOT);
        assertThat(m.direction()).isEqualTo(Direction.OUT);
        assertThat(m.mentions()).containsExactly(ALICE, BOB);
        assertThat(m.text()).isEqualTo("@Alice\u2005@Bob\u2005 收到，马上处理");
    }

    @Test
    void flatGroupMessageReceivedLosesItsPrefix() throws Exception {
        InboundMessage m = message("v2-group-received.json");

        assertThat(m.chatId()).isEqualTo(ROOM);
        assertThat(m.senderId()).isEqualTo(BOB);
        assertThat(m.senderName()).isEqualTo("Bob");
        assertThat(m.direction()).isEqualTo(Direction.IN);
        assertThat(m.text()).isEqualTo("今天的周报发群里了");
    }

    @Test
    void flatStatusEventIsIgnored() throws Exception {
        assertThat(parse("v2-status.json")).isEqualTo(new Ignored(APP, "status-event:LOGIN_SUCCESS"));
        assertThat(parse("{\"msgType\":\"long_fail\",\"appid\":\"a\"}")).isEqualTo(new Ignored("a", "status-event:long_fail"));
    }

    @Test
    void flatAppMessageWithoutXmlKeepsItsDeclaredType() throws Exception {
        InboundMessage m = message("v2-link-plain.json");

        assertThat(m.type()).isEqualTo(MessageType.LINK);
        assertThat(m.text()).isEqualTo("https://example.com/article/42");
        assertThat(m.platformMsgId()).as("id sent as a string").isEqualTo("3768973957878705024");
        assertThat(m.accountSelfId()).isEqualTo(BOT);
    }

    @Test
    void flatMessageWithXmlContentIsReadLikeTheLegacyOne() throws Exception {
        String quote = "<msg><appmsg><title>好的</title><type>57</type><refermsg><svrid>42</svrid></refermsg>"
                + "</appmsg></msg>";
        InboundMessage m = message(flat("QUOTE", quote));

        assertThat(m.type()).isEqualTo(MessageType.QUOTE);
        assertThat(m.text()).isEqualTo("好的");
        assertThat(m.refMsgId()).isEqualTo("42");
    }

    @Test
    void flatNumericAndUnknownMessageTypes() throws Exception {
        assertThat(message(flat("3", "<msg><img/></msg>")).type()).isEqualTo(MessageType.IMAGE);
        InboundMessage unknown = message(flat("HOLOGRAM", "a hologram"));
        assertThat(unknown.type()).isEqualTo(MessageType.UNKNOWN);
        assertThat(unknown.text()).isEqualTo("a hologram");
        InboundMessage notice = message(flat("SYSTEM", "你已成为新群主"));
        assertThat(notice.type()).isEqualTo(MessageType.SYSTEM);
        assertThat(notice.text()).isEqualTo("你已成为新群主");
    }

    @Test
    void flatShapeWithAnotherTypeNameIsIgnored() throws Exception {
        assertThat(parse("{\"typeName\":\"ModContacts\",\"appid\":\"a\",\"fromUser\":\"x\"}"))
                .isEqualTo(new Ignored("a", "unhandled-type:ModContacts"));
    }

    @Test
    void flatMessageWithoutIsSelfComparesTheSenderWithTheAccount() throws Exception {
        InboundMessage m = message("{\"appid\":\"a\",\"wxid\":\"me\",\"msgType\":\"TEXT\",\"fromUser\":\"me\","
                + "\"toUser\":\"you\",\"content\":\"hi\",\"newMsgId\":7,\"isSelf\":\"maybe\"}");

        assertThat(m.direction()).isEqualTo(Direction.OUT);
        assertThat(m.chatId()).isEqualTo("you");
        assertThat(m.sentAt()).as("no createTime: the time it arrived").isEqualTo(RECEIVED_AT);
    }

    private static String flat(String msgType, String content) {
        return new ObjectMapper().createObjectNode()
                .put("typeName", "AddMsg").put("appid", APP).put("wxid", BOT).put("msgType", msgType)
                .put("fromUser", FRIEND).put("toUser", BOT).put("content", content).put("createTime", 1779163000)
                .put("newMsgId", 99).toString();
    }

    private String dataOf(String fixture) throws Exception {
        return new ObjectMapper().readTree(GeweCallbackFixtures.file(fixture)).get("Data").toString();
    }

    private GeweCallback parse(String fixtureOrJson) throws GeweCallbackException {
        byte[] body = fixtureOrJson.endsWith(".json")
                ? GeweCallbackFixtures.file(fixtureOrJson)
                : fixtureOrJson.getBytes(StandardCharsets.UTF_8);
        return parser.parse(body, RECEIVED_AT);
    }

    private InboundMessage message(String fixtureOrJson) throws GeweCallbackException {
        GeweCallback callback = parse(fixtureOrJson);
        assertThat(callback).isInstanceOf(GeweCallback.Message.class);
        return ((GeweCallback.Message) callback).message();
    }
}
