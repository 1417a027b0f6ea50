package dev.parley.channel.dingtalk;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;

import org.junit.jupiter.api.Test;

import dev.parley.channel.dingtalk.CallbackSignature.Verdict;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * HTTP callback signatures and custom robot webhook signing, against vectors made once on the command line with
 * {@code printf '%s\n%s' "$TS" "$SECRET" | openssl dgst -sha256 -hmac "$SECRET" -binary | base64}.
 */
class DingTalkSignatureTest {
    private static final String SECRET = "this-is-a-test-app-secret";
    private static final long TS = 1_700_000_000_000L;
    /** openssl's answer for SECRET and TS. */
    private static final String VECTOR = "pMLwTgx7Mtbr7a2K4h6rvtIzeipp2QM/w6gl4icO4P8=";
    private static final String ROBOT_SECRET = "SEC0123456789abcdef";
    private static final long ROBOT_TS = 1_577_262_236_757L;
    /** openssl's answer for ROBOT_SECRET and ROBOT_TS. */
    private static final String ROBOT_VECTOR = "Pgr6tpIpjVrMPPJUPkaI9sivFPPTYOy5zIOMF2GPFMA=";

    private static Clock at(long millis) {
        return Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC);
    }

    @Test
    void theHmacMatchesOpenssl() {
        assertThat(Base64.getEncoder().encodeToString(CallbackSignature.hmac(SECRET, Long.toString(TS))))
                .isEqualTo(VECTOR);
        assertThat(Base64.getEncoder().encodeToString(CallbackSignature.hmac(ROBOT_SECRET, Long.toString(ROBOT_TS))))
                .isEqualTo(ROBOT_VECTOR);
    }

    @Test
    void aFreshCorrectSignaturePasses() {
        CallbackSignature check = new CallbackSignature(SECRET, at(TS + 5_000));
        assertThat(check.verify(Long.toString(TS), VECTOR)).isEqualTo(Verdict.VALID);
        assertThat(check.verify(" " + TS + " ", VECTOR + " ")).isEqualTo(Verdict.VALID);
    }

    @Test
    void missingGarbledWrongAndStaleAreRefused() {
        CallbackSignature check = new CallbackSignature(SECRET, at(TS));
        assertThat(check.verify(null, VECTOR)).isEqualTo(Verdict.MISSING);
        assertThat(check.verify(Long.toString(TS), "")).isEqualTo(Verdict.MISSING);
        assertThat(check.verify("yesterday", VECTOR)).isEqualTo(Verdict.MALFORMED);
        assertThat(check.verify(Long.toString(TS), "%%%not base64")).isEqualTo(Verdict.MALFORMED);
        assertThat(check.verify(Long.toString(TS), ROBOT_VECTOR)).isEqualTo(Verdict.WRONG);
        assertThat(new CallbackSignature("another-secret", at(TS)).verify(Long.toString(TS), VECTOR))
                .isEqualTo(Verdict.WRONG);
        long hour = Duration.ofHours(1).toMillis();
        assertThat(new CallbackSignature(SECRET, at(TS + hour)).verify(Long.toString(TS), VECTOR))
                .isEqualTo(Verdict.VALID);
        assertThat(new CallbackSignature(SECRET, at(TS + hour + 1)).verify(Long.toString(TS), VECTOR))
                .isEqualTo(Verdict.STALE);
        assertThat(new CallbackSignature(SECRET, at(TS - hour - 1)).verify(Long.toString(TS), VECTOR))
                .isEqualTo(Verdict.STALE);
    }

    @Test
    void anEmptySecretIsRefusedUpFront() {
        assertThatThrownBy(() -> new CallbackSignature("", Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RobotWebhookSigner("", Clock.systemUTC()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theRobotWebhookGetsTimestampAndUrlEncodedSign() {
        URI signed = new RobotWebhookSigner(ROBOT_SECRET, at(ROBOT_TS))
                .sign(URI.create("https://oapi.dingtalk.com/robot/send?access_token=abc"));
        String expectedSign = "Pgr6tpIpjVrMPPJUPkaI9sivFPPTYOy5zIOMF2GPFMA%3D";
        assertThat(signed.toString()).isEqualTo("https://oapi.dingtalk.com/robot/send?access_token=abc&timestamp="
                + ROBOT_TS + "&sign=" + expectedSign);
        assertThat(URLDecoder.decode(expectedSign, StandardCharsets.UTF_8)).isEqualTo(ROBOT_VECTOR);
        assertThat(new RobotWebhookSigner(ROBOT_SECRET, at(ROBOT_TS)).sign(URI.create("http://127.0.0.1:9/hook"))
                .toString()).startsWith("http://127.0.0.1:9/hook?timestamp=" + ROBOT_TS + "&sign=");
    }
}
