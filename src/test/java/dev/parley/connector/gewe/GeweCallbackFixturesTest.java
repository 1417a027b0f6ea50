package dev.parley.connector.gewe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.parley.connector.gewe.GeweCallback.ContactChanged;
import dev.parley.connector.gewe.GeweCallback.ContactDeleted;
import dev.parley.connector.gewe.GeweCallback.Ignored;
import dev.parley.connector.gewe.GeweCallback.Offline;
import dev.parley.connector.gewe.GeweCallback.Ping;
import dev.parley.connector.gewe.GeweCallbackFixtures.Person;
import dev.parley.message.ChatType;
import dev.parley.message.Direction;
import dev.parley.message.InboundMessage;
import dev.parley.message.MessageType;

/** The fixtures other tests build callbacks with must be what the parser reads back. */
class GeweCallbackFixturesTest {

    private static final String HOSTILE_TEXT = "引号\" 反斜杠\\ 换行\n <xml>&amp; 😀 \u0001";

    private final GeweCallbackParser parser = GeweCallbackParser.create();

    @Test
    void privateTextRoundTripsWithAnIdBeyond64Bits() throws Exception {
        InboundMessage m = message(GeweCallbackFixtures.privateText("wx_app", "wxid_me", "wxid_you", HOSTILE_TEXT,
                "18446744073709551615", 1_736_820_013L));

        assertThat(m.accountExternalId()).isEqualTo("wx_app");
        assertThat(m.accountSelfId()).isEqualTo("wxid_me");
        assertThat(m.platformMsgId()).isEqualTo("18446744073709551615");
        assertThat(m.chatId()).isEqualTo("wxid_you");
        assertThat(m.chatType()).isEqualTo(ChatType.PRIVATE);
        assertThat(m.senderId()).isEqualTo("wxid_you");
        assertThat(m.senderName()).isEqualTo("wxid_you");
        assertThat(m.direction()).isEqualTo(Direction.IN);
        assertThat(m.type()).isEqualTo(MessageType.TEXT);
        assertThat(m.text()).isEqualTo(HOSTILE_TEXT);
        assertThat(m.sentAt()).isEqualTo(1_736_820_013_000L);
        assertThat(m.raw()).contains("\"NewMsgId\":18446744073709551615");
    }

    @Test
    void privateTextSentIsOutgoing() throws Exception {
        InboundMessage m = message(GeweCallbackFixtures.privateTextSent("wx_app", "wxid_me", "wxid_you", "ok",
                "not-a-number-id", 1_736_820_013L));

        assertThat(m.direction()).isEqualTo(Direction.OUT);
        assertThat(m.chatId()).isEqualTo("wxid_you");
        assertThat(m.senderId()).isEqualTo("wxid_me");
        assertThat(m.platformMsgId()).isEqualTo("not-a-number-id");
    }

    @Test
    void groupTextReceivedCarriesPrefixAndMentions() throws Exception {
        InboundMessage m = message(GeweCallbackFixtures.groupText("wx_app", "wxid_me", "123@chatroom", "wxid_a",
                HOSTILE_TEXT, "42", 1_736_820_013L, "wxid_me", "notify@all", "<b>&"));

        assertThat(m.chatId()).isEqualTo("123@chatroom");
        assertThat(m.chatType()).isEqualTo(ChatType.GROUP);
        assertThat(m.senderId()).isEqualTo("wxid_a");
        assertThat(m.direction()).isEqualTo(Direction.IN);
        assertThat(m.text()).isEqualTo(HOSTILE_TEXT);
        assertThat(m.mentions()).containsExactly("wxid_me", "notify@all", "<b>&");
    }

    @Test
    void groupTextBySelfHasThePhoneShape() throws Exception {
        InboundMessage m = message(GeweCallbackFixtures.groupText("wx_app", "wxid_me", "123@chatroom", "wxid_me",
                "hi all", "43", 1_736_820_013L));

        assertThat(m.chatId()).isEqualTo("123@chatroom");
        assertThat(m.senderId()).isEqualTo("wxid_me");
        assertThat(m.direction()).isEqualTo(Direction.OUT);
        assertThat(m.text()).isEqualTo("hi all");
        assertThat(m.mentions()).isEmpty();
        assertThat(m.senderName()).isNull();
    }

    @Test
    void offlineAndPing() throws Exception {
        assertThat(parse(GeweCallbackFixtures.offline("wx_app", "wxid_me"))).isEqualTo(new Offline("wx_app", "wxid_me"));
        assertThat(parse(GeweCallbackFixtures.ping())).isEqualTo(new Ping());
    }

    @Test
    void groupNoticeHasNoSenderPrefix() throws Exception {
        InboundMessage m = message(GeweCallbackFixtures.groupNotice("wx_app", "wxid_me", "123@chatroom",
                "\"Bob\"修改群名为“新群名”", "14216284872728580667", 1_736_820_013L));

        assertThat(m.type()).isEqualTo(MessageType.SYSTEM);
        assertThat(m.chatId()).isEqualTo("123@chatroom");
        assertThat(m.senderId()).isEqualTo("123@chatroom");
        assertThat(m.text()).isEqualTo("\"Bob\"修改群名为“新群名”");
        assertThat(m.platformMsgId()).isEqualTo("14216284872728580667");
    }

    @Test
    void membersInvitedRendersLikeThePhone() throws Exception {
        InboundMessage m = message(GeweCallbackFixtures.membersInvited("wx_app", "wxid_me", "123@chatroom",
                new Person("wxid_inviter", "刘贺"),
                List.of(new Person("wxid_a", "张三"), new Person("wxid_b", "李]]>四")), "44", 1_736_820_013L));

        assertThat(m.type()).isEqualTo(MessageType.SYSTEM);
        assertThat(m.chatId()).isEqualTo("123@chatroom");
        assertThat(m.text()).isEqualTo("\"刘贺\"邀请\"张三、李]]>四\"加入了群聊");
        assertThat(m.raw()).contains("wxid_inviter", "wxid_a", "wxid_b");
    }

    @Test
    void memberJoinedByQrCodeAndMemberRemoved() throws Exception {
        InboundMessage joined = message(GeweCallbackFixtures.memberJoinedByQrCode("wx_app", "wxid_me",
                "123@chatroom", new Person("wxid_new", "Zed"), new Person("wxid_alice", "Alice"), "45",
                1_736_820_013L));
        InboundMessage removed = message(GeweCallbackFixtures.memberRemoved("wx_app", "wxid_me", "123@chatroom",
                new Person("wxid_gone", "白开水"), "46", 1_736_820_013L));

        assertThat(joined.text()).isEqualTo("\"Zed\"通过扫描\"Alice\"分享的二维码加入群聊");
        assertThat(removed.text()).isEqualTo("你将\"白开水\"移出了群聊");
        assertThat(removed.type()).isEqualTo(MessageType.SYSTEM);
    }

    @Test
    void statusSyncIsIgnored() throws Exception {
        assertThat(parse(GeweCallbackFixtures.statusSync("wx_app", "wxid_me", "47", 1_736_820_013L)))
                .isEqualTo(new Ignored("wx_app", "status-sync"));
    }

    @Test
    void contactChangesAndDeletion() throws Exception {
        ContactChanged room = (ContactChanged) parse(GeweCallbackFixtures.roomChanged("wx_app", "wxid_me",
                "123@chatroom", "产品群", "wxid_owner"));
        ContactChanged friend = (ContactChanged) parse(GeweCallbackFixtures.friendChanged("wx_app", "wxid_me",
                "wxid_f", "李雷", "客户"));
        ContactChanged noRemark = (ContactChanged) parse(GeweCallbackFixtures.friendChanged("wx_app", "wxid_me",
                "wxid_g", "韩梅梅", null));

        assertThat(room.group()).isTrue();
        assertThat(room.contactId()).isEqualTo("123@chatroom");
        assertThat(room.nickname()).isEqualTo("产品群");
        assertThat(room.ownerId()).isEqualTo("wxid_owner");
        assertThat(friend.group()).isFalse();
        assertThat(friend.remark()).isEqualTo("客户");
        assertThat(friend.raw()).contains("14216284872728580667");
        assertThat(noRemark.remark()).isNull();
        assertThat(parse(GeweCallbackFixtures.contactDeleted("wx_app", "wxid_me", "123@chatroom")))
                .isEqualTo(new ContactDeleted("wx_app", "wxid_me", "123@chatroom"));
    }

    private GeweCallback parse(String json) throws GeweCallbackException {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), 0L);
    }

    private InboundMessage message(String json) throws GeweCallbackException {
        return ((GeweCallback.Message) parse(json)).message();
    }
}
