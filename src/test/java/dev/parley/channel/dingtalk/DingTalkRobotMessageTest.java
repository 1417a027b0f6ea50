package dev.parley.channel.dingtalk;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.parley.channel.dingtalk.CallbackSignature.Verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The robot message JSON, as an HTTP callback or a Stream CALLBACK's data carries it. */
class DingTalkRobotMessageTest {
    /** A group message that @mentions the robot, shaped like DingTalk's documented sample, plus a field from the future. */
    static final String GROUP_MESSAGE = """
            {"conversationId":"cidGroup123==","atUsers":[{"dingtalkId":"$:LWCP_v1:$bot"}],"chatbotCorpId":"dingcorp",
             "chatbotUserId":"$:LWCP_v1:$bot","msgId":"msgA1","senderNick":"张三","isAdmin":true,
             "senderStaffId":"manager4220","sessionWebhookExpiredTime":1700005400000,"createAt":1700000000000,
             "senderCorpId":"dingcorp","conversationType":"2","senderId":"$:LWCP_v1:$sender",
             "conversationTitle":"运营群","isInAtList":true,
             "sessionWebhook":"https://oapi.dingtalk.com/robot/sendBySession?session=abc",
             "text":{"content":" /bot list "},"robotCode":"dingbot","msgtype":"text","somethingNew":{"x":1}}
            """;

    @Test
    void aGroupMessageIsRead() {
        RobotMessage m = RobotMessage.parse(GROUP_MESSAGE);
        assertThat(m.msgId()).isEqualTo("msgA1");
        assertThat(m.conversationId()).isEqualTo("cidGroup123==");
        assertThat(m.inGroup()).isTrue();
        assertThat(m.senderStaffId()).isEqualTo("manager4220");
        assertThat(m.senderNick()).isEqualTo("张三");
        assertThat(m.text()).isEqualTo("/bot list");
        assertThat(m.inAtList()).isTrue();
        assertThat(m.robotCode()).isEqualTo("dingbot");
        assertThat(m.msgtype()).isEqualTo("text");
        assertThat(m.sessionWebhookExpiredTime()).isEqualTo(Instant.ofEpochMilli(1_700_005_400_000L));
        assertThat(m.sessionWebhookUsable(Instant.ofEpochMilli(1_700_005_399_999L))).isTrue();
        assertThat(m.sessionWebhookUsable(Instant.ofEpochMilli(1_700_005_400_000L))).isFalse();
    }

    @Test
    void aPictureHasNoTextAndAOneToOneChatIsNoGroup() {
        RobotMessage m = RobotMessage.parse("""
                {"msgId":"m2","conversationId":"cidPrivate","conversationType":"1","msgtype":"picture",
                 "content":{"downloadCode":"xyz"}}""");
        assertThat(m.text()).isEmpty();
        assertThat(m.inGroup()).isFalse();
        assertThat(m.sessionWebhookUsable(Instant.EPOCH)).isFalse();
    }

    @Test
    void malformedInputGivesAClearErrorWithoutTheBody() {
        assertThatThrownBy(() -> RobotMessage.parse("{\"msgId\":\"secret-body"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("malformed JSON")
                .hasMessageNotContaining("secret-body");
        assertThatThrownBy(() -> RobotMessage.parse("[1,2]")).hasMessageContaining("not an object");
        assertThatThrownBy(() -> RobotMessage.parse("")).hasMessageContaining("not an object");
        assertThatThrownBy(() -> RobotMessage.parse("{\"conversationId\":\"c\"}")).hasMessageContaining("msgId");
    }

    @Test
    void aSignedHttpCallbackIsVerifiedThenRead() {
        String secret = "app-secret-for-callbacks";
        long now = 1_700_000_000_000L;
        String timestamp = Long.toString(now - 1_000);
        String sign = Base64.getEncoder().encodeToString(CallbackSignature.hmac(secret, timestamp));
        CallbackSignature check = new CallbackSignature(secret, Clock.fixed(Instant.ofEpochMilli(now), ZoneOffset.UTC));

        assertThat(check.verify(timestamp, sign)).isEqualTo(Verdict.VALID);
        assertThat(RobotMessage.parse(GROUP_MESSAGE).text()).isEqualTo("/bot list");
        assertThat(check.verify(Long.toString(now - 7_200_000), sign)).isNotEqualTo(Verdict.VALID);
    }
}
