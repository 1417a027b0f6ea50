package dev.parley.channel.feishu;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Split long-connection payloads come back whole in any order, and parts that never complete are dropped. */
class PayloadPartsTest {
    private final AtomicLong now = new AtomicLong(1_000_000);
    private final PayloadParts parts = new PayloadParts(() -> Instant.ofEpochMilli(now.get()), Duration.ofMinutes(5));

    @Test
    void aWholePayloadPassesAndSplitOnesAreJoinedInSeqOrder() {
        assertThat(parts.add("m0", 1, 0, bytes("whole"))).isEqualTo(bytes("whole"));
        assertThat(parts.add("m1", 3, 2, bytes("c"))).isNull();
        assertThat(parts.add("m1", 3, 0, bytes("a"))).isNull();
        assertThat(parts.add("m1", 3, 1, bytes("b"))).isEqualTo(bytes("abc"));
    }

    @Test
    void partsOlderThanTheLimitAreForgotten() {
        assertThat(parts.add("m2", 2, 0, bytes("a"))).isNull();
        now.addAndGet(Duration.ofMinutes(6).toMillis());
        assertThat(parts.add("m3", 2, 0, bytes("x"))).isNull();
        assertThat(parts.add("m2", 2, 1, bytes("b"))).isNull();
    }

    @Test
    void nonsensicalPartNumbersAreRefused() {
        assertThatThrownBy(() -> parts.add("m4", 2, 2, bytes("a"))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> parts.add("m4", 1000, 0, bytes("a"))).isInstanceOf(IllegalArgumentException.class);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
