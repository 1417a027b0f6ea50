package dev.parley.channel.feishu;

import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The hand-written {@code pbbp2.Frame} codec against bytes produced by the SDK itself: the hex strings below
 * are {@code com.lark.oapi.ws.pb.Pbbp2.Frame#toByteArray()} of oapi-sdk 2.5.3 with its shaded protobuf runtime.
 */
class FeishuFrameTest {
    /** The SDK's {@code newPingFrame(7)}. */
    private static final String SDK_PING = "08001000180720002a0c0a0474797065120470696e67";
    /** SeqID 300, LogID 2^40, service 7, DATA, two headers, empty payload_encoding, payload_type json, LogIDNew. */
    private static final String SDK_DATA = "08ac0210808080808020180720012a0d0a047479706512056576656e742a100a0a6d657373"
            + "6167655f696412026d3132003a046a736f6e420b7b2261223a22e9a39e227d4a03782d39";

    @Test
    void aPingIsEncodedByteForByteAsTheSdkDoes() {
        assertThat(HexFormat.of().formatHex(FeishuFrame.ping(7).toBytes())).isEqualTo(SDK_PING);
    }

    @Test
    void aDataFrameOfTheSdkIsReadAndWrittenBackUnchanged() {
        FeishuFrame frame = FeishuFrame.parse(HexFormat.of().parseHex(SDK_DATA));
        assertThat(frame.seqId()).isEqualTo(300);
        assertThat(frame.logId()).isEqualTo(1L << 40);
        assertThat(frame.service()).isEqualTo(7);
        assertThat(frame.method()).isEqualTo(FeishuFrame.DATA);
        assertThat(frame.headers()).containsExactly(new FeishuFrame.Header("type", "event"),
                new FeishuFrame.Header("message_id", "m1"));
        assertThat(frame.header("message_id")).isEqualTo("m1");
        assertThat(frame.header("sum")).isNull();
        assertThat(frame.payloadEncoding()).isEmpty();
        assertThat(frame.payloadType()).isEqualTo("json");
        assertThat(new String(frame.payload(), StandardCharsets.UTF_8)).isEqualTo("{\"a\":\"飞\"}");
        assertThat(frame.logIdNew()).isEqualTo("x-9");
        assertThat(HexFormat.of().formatHex(frame.toBytes())).isEqualTo(SDK_DATA);
    }

    @Test
    void anAnswerKeepsTheFrameAndAddsAHeader() {
        FeishuFrame frame = FeishuFrame.parse(HexFormat.of().parseHex(SDK_DATA));
        FeishuFrame answer = FeishuFrame.parse(frame.answer("{}".getBytes(StandardCharsets.UTF_8),
                new FeishuFrame.Header("biz_rt", "3")).toBytes());
        assertThat(answer.seqId()).isEqualTo(300);
        assertThat(answer.header("biz_rt")).isEqualTo("3");
        assertThat(answer.headers()).hasSize(3);
        assertThat(new String(answer.payload(), StandardCharsets.UTF_8)).isEqualTo("{}");
    }

    @Test
    void truncatedOrOverlongInputIsRefused() {
        byte[] data = HexFormat.of().parseHex(SDK_DATA);
        assertThatThrownBy(() -> FeishuFrame.parse(java.util.Arrays.copyOf(data, data.length - 3)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> FeishuFrame.parse(new byte[] {0x42, 0x7f, 0x01}))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(FeishuFrame.parse(new byte[0]).headers()).isEqualTo(List.of());
    }
}
