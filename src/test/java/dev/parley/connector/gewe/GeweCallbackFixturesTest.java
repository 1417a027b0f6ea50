package dev.parley.connector.gewe;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import dev.parley.connector.gewe.GeweCallback.Offline;
import dev.parley.connector.gewe.GeweCallback.Ping;
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

    private GeweCallback parse(String json) throws GeweCallbackException {
        return parser.parse(json.getBytes(StandardCharsets.UTF_8), 0L);
    }

    private InboundMessage message(String json) throws GeweCallbackException {
        return ((GeweCallback.Message) parse(json)).message();
    }
}
