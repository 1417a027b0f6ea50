package dev.parley.channel.feishu;

import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import dev.parley.testing.TestParley;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Stopping Parley in long-connection mode closes the socket with a close frame and leaves no thread of the
 * Feishu channel running, so nothing keeps the JVM up or talks to Feishu after shutdown.
 */
class FeishuLongConnectionShutdownTest {
    @Test
    void shutdownClosesTheSocketAndStopsEveryFeishuThread() throws Exception {
        try (FakeFeishuLongConnection socket = FakeFeishuLongConnection.start();
             FakeFeishuServer feishu = FakeFeishuServer.start().longConnection(socket)) {
            TestParley app = TestParley.start("feishuwsstop", Map.of(
                    "feishu.app.id", "cli_stop_" + UUID.randomUUID().toString().substring(0, 8),
                    "feishu.app.secret", "stop-secret",
                    "feishu.mode", "websocket",
                    "feishu.base.url", feishu.baseUrl().toString()));
            try {
                assertThat(eventually(() -> socket.open() == 1 && !socket.pings().isEmpty())).isTrue();
                assertThat(feishuThreads()).isPositive();
            } finally {
                app.close();
            }
            assertThat(eventually(() -> socket.closedByClient() == 1 && socket.open() == 0)).isTrue();
            assertThat(eventually(() -> feishuThreads() == 0))
                    .as("running: %s", Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                            .filter(n -> n.startsWith("parley-feishu")).toList())
                    .isTrue();
            int connections = socket.connections();
            Thread.sleep(1500);
            assertThat(socket.connections()).isEqualTo(connections);
        }
    }

    private static long feishuThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith("parley-feishu")).count();
    }

    private static boolean eventually(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(25);
        }
        return true;
    }
}
