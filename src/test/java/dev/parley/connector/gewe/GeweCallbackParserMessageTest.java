package dev.parley.connector.gewe;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import dev.parley.account.Platform;
import dev.parley.connector.gewe.GeweCallback.Ignored;
import dev.parley.message.ChatType;
import dev.parley.message.Direction;
import dev.parley.message.InboundMessage;
import dev.parley.message.MessageType;

/** Every kind of AddMsg callback, from recorded-style fixtures, mapped field by field. */
class GeweCallbackParserMessageTest {

    static final String APP = "wx_Qm7T2kLpZc9vN4xR8sYbA";
    static final String BOT = "wxid_parleybot01";
    static final String FRIEND = "wxid_k3m9p2q7r5s1";
    static final String ROOM = "43218765901@chatroom";
    static final String ALICE = "wxid_alice2024x";
    static final String BOB = "wxid_bob88zz";
    static final long RECEIVED_AT = 1_750_000_000_000L;

    private final GeweCallbackParser parser = GeweCallbackParser.create();

    @Test
    void privateTextReceived() throws Exception {
        InboundMessage m = message("private-text-in.json");

        assertThat(m.platform()).isEqualTo(Platform.WECHAT);
        assertThat(m.accountExternalId()).isEqualTo(APP);
        assertThat(m.accountSelfId()).isEqualTo(BOT);
        assertThat(m.platformMsgId()).isEqualTo("5391702846127384915");
        assertThat(m.chatId()).isEqualTo(FRIEND);
        assertThat(m.chatType()).isEqualTo(ChatType.PRIVATE);
        assertThat(m.senderId()).isEqualTo(FRIEND);
        assertThat(m.senderName()).isEqualTo("李雷");
        assertThat(m.direction()).isEqualTo(Direction.IN);
        assertThat(m.type()).isEqualTo(MessageType.TEXT);
        assertThat(m.text()).isEqualTo("明天下午三点开会，记得带电脑");
        assertThat(m.mentions()).isEmpty();
        assertThat(m.refMsgId()).isNull();
        assertThat(m.sentAt()).isEqualTo(1_736_820_013_000L);
    }

    @Test
    void rawIsTheCompactDataObject() throws Exception {
        InboundMessage m = message("private-text-in.json");

        String expected = new ObjectMapper().readTree(GeweCallbackFixtures.file("private-text-in.json"))
                .get("Data").toString();
        assertThat(m.raw()).isEqualTo(expected)
                .startsWith("{\"MsgId\":1040356095,\"FromUserName\":{\"string\":\"" + FRIEND + "\"}")
                .contains("\"NewMsgId\":5391702846127384915")
                .doesNotContain("TypeName", "\n  ");
    }

    @Test
    void privateTextSentFromThePhone() throws Exception {
        InboundMessage m = message("private-text-out.json");

        assertThat(m.chatId()).isEqualTo(FRIEND);
        assertThat(m.chatType()).isEqualTo(ChatType.PRIVATE);
        assertThat(m.senderId()).isEqualTo(BOT);
        assertThat(m.senderName()).isNull();
        assertThat(m.direction()).isEqualTo(Direction.OUT);
        assertThat(m.text()).isEqualTo("收到，谢谢");
        assertThat(m.platformMsgId()).isEqualTo("1832659047712093846");
        assertThat(m.sentAt()).isEqualTo(1_736_820_075_000L);
    }

    @Test
    void groupTextWithMentionsLosesItsSenderPrefix() throws Exception {
        InboundMessage m = message("group-text-mentions.json");

        assertThat(m.chatId()).isEqualTo(ROOM);
        assertThat(m.chatType()).isEqualTo(ChatType.GROUP);
        assertThat(m.senderId()).isEqualTo(ALICE);
        assertThat(m.direction()).isEqualTo(Direction.IN);
        assertThat(m.text()).isEqualTo("@客服小助手\u2005@Bob\u2005 请看一下这个退款单，订单号 20250113-8841");
        assertThat(m.mentions()).containsExactly(BOT, BOB);
        assertThat(m.senderName()).as("\"…在群聊中@了你\" names nobody").isNull();
    }

    @Test
    void groupTextMentioningEveryoneKeepsNotifyAll() throws Exception {
        InboundMessage m = message("group-text-at-all.json");

        assertThat(m.mentions()).containsExactly("notify@all");
        assertThat(m.senderName()).isEqualTo("Alice");
        assertThat(m.senderId()).isEqualTo(ALICE);
        assertThat(m.text()).isEqualTo("@所有人 今晚八点直播，请准时参加");
    }

    @Test
    void groupTextSentFromThePhone() throws Exception {
        InboundMessage m = message("group-text-from-phone.json");

        assertThat(m.chatId()).isEqualTo(ROOM);
        assertThat(m.chatType()).isEqualTo(ChatType.GROUP);
        assertThat(m.senderId()).isEqualTo(BOT);
        assertThat(m.direction()).isEqualTo(Direction.OUT);
        assertThat(m.text()).isEqualTo("大家好，我是客服小助手，有问题随时找我");
        assertThat(m.mentions()).isEmpty();
    }

    @Test
    void mediaCarryNoText() throws Exception {
        assertMedia(message("image.json"), MessageType.IMAGE, "6906713067183447582");
        assertMedia(message("video.json"), MessageType.VIDEO, "6628526085342711793");
        assertMedia(message("emoji.json"), MessageType.EMOJI, "6674256223577965652");
    }

    private static void assertMedia(InboundMessage m, MessageType type, String id) {
        assertThat(m.type()).isEqualTo(type);
        assertThat(m.text()).isNull();
        assertThat(m.platformMsgId()).isEqualTo(id);
        assertThat(m.chatId()).isEqualTo(FRIEND);
        assertThat(m.senderName()).isEqualTo("李雷");
    }

    @Test
    void groupVoiceHasItsXmlPrefixRemovedAndNoText() throws Exception {
        InboundMessage m = message("voice-group.json");

        assertThat(m.type()).isEqualTo(MessageType.VOICE);
        assertThat(m.text()).isNull();
        assertThat(m.chatId()).isEqualTo(ROOM);
        assertThat(m.senderId()).isEqualTo(BOB);
        assertThat(m.senderName()).isEqualTo("Bob");
    }

    @Test
    void cardIsSearchableByTheCardsNickname() throws Exception {
        InboundMessage m = message("card.json");

        assertThat(m.type()).isEqualTo(MessageType.CARD);
        assertThat(m.text()).isEqualTo("韩梅梅");
    }

    @Test
    void locationIsSearchableByPlaceAndAddress() throws Exception {
        InboundMessage m = message("location.json");

        assertThat(m.type()).isEqualTo(MessageType.LOCATION);
        assertThat(m.text()).isEqualTo("德基广场\n江苏省南京市玄武区中山路18号");
        assertThat(m.senderName()).as("\"李雷分享了一个地理位置\" has no \" : \"").isNull();
    }

    @Test
    void friendRequestKeepsTheGreeting() throws Exception {
        InboundMessage m = message("friend-request.json");

        assertThat(m.type()).isEqualTo(MessageType.FRIEND_REQUEST);
        assertThat(m.text()).isEqualTo("我是王小明，想咨询一下课程");
        assertThat(m.chatId()).isEqualTo("fmessage");
        assertThat(m.senderId()).isEqualTo("fmessage");
        assertThat(m.direction()).isEqualTo(Direction.IN);
    }

    @Test
    void linkJoinsTitleDescriptionAndUnescapedUrl() throws Exception {
        InboundMessage m = message("link.json");

        assertThat(m.type()).isEqualTo(MessageType.LINK);
        assertThat(m.text()).isEqualTo("2025 年春节放假安排\n国务院办公厅关于 2025 年部分节假日安排的通知\n"
                + "http://mp.weixin.qq.com/s?__biz=MzA4NDI3NjcyNA==&mid=2650011300&idx=1#rd");
    }

    @Test
    void groupInvitationIsASystemNotice() throws Exception {
        InboundMessage m = message("group-invite.json");

        assertThat(m.type()).isEqualTo(MessageType.SYSTEM);
        assertThat(m.text()).isEqualTo("\"李雷\"邀请你加入群聊\"产品交流群\"，进入可查看详情。");
        assertThat(m.chatId()).isEqualTo(FRIEND);
    }

    @Test
    void finishedFileIsNamedAndTheUploadStartIsIgnored() throws Exception {
        InboundMessage file = message("file.json");
        assertThat(file.type()).isEqualTo(MessageType.FILE);
        assertThat(file.text()).isEqualTo("季度报表.xlsx");
        assertThat(file.platformMsgId()).isEqualTo("3617029648443513152");

        assertThat(parse("file-started.json")).isEqualTo(new Ignored(APP, "file-upload-started"));
    }

    @Test
    void miniProgramIsSearchableByTitle() throws Exception {
        InboundMessage m = message("mini-program.json");

        assertThat(m.type()).isEqualTo(MessageType.MINI_PROGRAM);
        assertThat(m.text()).isEqualTo("腾讯云助手");
    }

    @Test
    void quoteInAGroupReferencesTheQuotedMessage() throws Exception {
        InboundMessage m = message("quote-group.json");

        assertThat(m.type()).isEqualTo(MessageType.QUOTE);
        assertThat(m.text()).isEqualTo("这个表格第三页数据不对");
        assertThat(m.refMsgId()).isEqualTo("3617029648443513152");
        assertThat(m.chatId()).isEqualTo(ROOM);
        assertThat(m.senderId()).isEqualTo(ALICE);
        assertThat(m.senderName()).isEqualTo("Alice");
    }

    @Test
    void transfersAndRedPacketsAreAppMessagesWithTheirTitle() throws Exception {
        InboundMessage transfer = message("transfer.json");
        assertThat(transfer.type()).isEqualTo(MessageType.APP);
        assertThat(transfer.text()).isEqualTo("微信转账");

        InboundMessage redPacket = message("red-packet.json");
        assertThat(redPacket.type()).isEqualTo(MessageType.APP);
        assertThat(redPacket.text()).as("type and title in CDATA").isEqualTo("微信红包");
    }

    @Test
    void callKeepsTheBubbleText() throws Exception {
        InboundMessage m = message("call.json");

        assertThat(m.type()).isEqualTo(MessageType.CALL);
        assertThat(m.text()).isEqualTo("通话时长 01:23");
    }

    @Test
    void plainNoticeInAGroupComesFromTheGroup() throws Exception {
        InboundMessage m = message("notice-removed.json");

        assertThat(m.type()).isEqualTo(MessageType.SYSTEM);
        assertThat(m.text()).isEqualTo("你被\"Alice\"移出群聊");
        assertThat(m.chatId()).isEqualTo(ROOM);
        assertThat(m.chatType()).isEqualTo(ChatType.GROUP);
        assertThat(m.senderId()).isEqualTo(ROOM);
        assertThat(m.direction()).isEqualTo(Direction.IN);
    }

    @Test
    void joinTemplateNamesEveryNewMember() throws Exception {
        InboundMessage m = message("sysmsg-join.json");

        assertThat(m.type()).isEqualTo(MessageType.SYSTEM);
        assertThat(m.text()).isEqualTo("\"刘贺\"邀请\"张三、李四、王五\"加入了群聊");
        assertThat(m.chatId()).isEqualTo(ROOM);
        assertThat(m.senderId()).as("10002 group notices are prefixed with the room id").isEqualTo(ROOM);
    }

    @Test
    void kickTemplateNamesTheRemovedMember() throws Exception {
        assertThat(message("sysmsg-kick.json").text()).isEqualTo("你将\"白开水加糖\"移出了群聊");
    }

    @Test
    void hiddenRevokeLinkRendersAsNothing() throws Exception {
        assertThat(message("sysmsg-invite-revocable.json").text()).isEqualTo("你邀请\"柠檬不酸\"加入了群聊");
    }

    @Test
    void revokeReferencesTheWithdrawnMessage() throws Exception {
        InboundMessage m = message("sysmsg-revoke.json");

        assertThat(m.type()).isEqualTo(MessageType.REVOKE);
        assertThat(m.refMsgId()).isEqualTo("5391702846127384915");
        assertThat(m.text()).isEqualTo("\"李雷\" 撤回了一条消息");
        assertThat(m.platformMsgId()).isEqualTo("1968256046");
        assertThat(m.chatId()).isEqualTo(FRIEND);
        assertThat(m.chatType()).isEqualTo(ChatType.PRIVATE);
    }

    @Test
    void patRendersItsTemplateWithWxids() throws Exception {
        InboundMessage m = message("sysmsg-pat.json");

        assertThat(m.type()).isEqualTo(MessageType.SYSTEM);
        assertThat(m.text()).isEqualTo("\"" + ALICE + "\" 拍了拍 \"" + BOT + "\"");
        assertThat(m.chatId()).isEqualTo(ROOM);
    }

    @Test
    void otherSystemMessagesKeepTheirReadableText() throws Exception {
        InboundMessage m = message("sysmsg-announcement.json");

        assertThat(m.type()).isEqualTo(MessageType.SYSTEM);
        assertThat(m.text()).isEqualTo("本群禁止发广告，违者移出");
        assertThat(m.chatId()).isEqualTo(ROOM);
        assertThat(m.senderId()).isEqualTo(ALICE);
        assertThat(m.direction()).isEqualTo(Direction.IN);
    }

    @Test
    void statusSyncIsIgnored() throws Exception {
        assertThat(parse("status-sync.json")).isEqualTo(new Ignored(APP, "status-sync"));
    }

    @Test
    void idBeyondSigned64BitsComesOutDigitExact() throws Exception {
        InboundMessage m = message("big-id.json");

        assertThat(m.platformMsgId()).isEqualTo("14216284872728580667");
        assertThat(m.raw()).contains("\"NewMsgId\":14216284872728580667");
        assertThat(m.text()).isEqualTo("id 超过 2^63 的消息");
    }

    @Test
    void lowerCaseAndSnakeCaseKeysAreRead() throws Exception {
        InboundMessage m = message("lowercase-keys.json");

        assertThat(m.accountExternalId()).isEqualTo(APP);
        assertThat(m.accountSelfId()).isEqualTo(BOT);
        assertThat(m.platformMsgId()).isEqualTo("4520938475610293847");
        assertThat(m.chatId()).isEqualTo(FRIEND);
        assertThat(m.senderName()).isEqualTo("李雷");
        assertThat(m.text()).isEqualTo("新版本的回调也能收到吗？");
        assertThat(m.sentAt()).isEqualTo(1_741_000_000_000L);
        assertThat(m.raw()).startsWith("{\"msgId\":1040356199,");
    }

    @Test
    void unicodeAndEmojiPassThroughUnchanged() throws Exception {
        InboundMessage m = message("unicode-emoji.json");

        assertThat(m.text()).isEqualTo("周末爬山🏔️去吗？👨‍👩‍👧 \u2028 𠮷野家 结束");
        assertThat(m.senderName()).isEqualTo("Alice🌸");
        assertThat(m.senderId()).isEqualTo(ALICE);
    }

    private GeweCallback parse(String fixture) throws GeweCallbackException {
        return parser.parse(GeweCallbackFixtures.file(fixture), RECEIVED_AT);
    }

    private InboundMessage message(String fixture) throws GeweCallbackException {
        GeweCallback callback = parse(fixture);
        assertThat(callback).isInstanceOf(GeweCallback.Message.class);
        return ((GeweCallback.Message) callback).message();
    }
}
