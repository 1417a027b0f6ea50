package dev.parley.e2e;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.parley.testing.TestParley;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Idle connections are closed by the server after its idle timeout, and {@code /health} answers while they are
 * open: a crowd of sockets that never send a request cannot use up the process's descriptors.
 */
class ConnectionLimitsTest {
    private static TestParley app;

    @BeforeAll
    static void start() {
        app = TestParley.start("limits", Map.of("http.idle.timeout.ms", "500", "http.idle.check.ms", "100"));
    }

    @AfterAll
    static void stop() {
        app.close();
    }

    /** @return whether the server closed the connection (end of stream or reset) within 15 s */
    private static boolean closedByServer(Socket socket) throws IOException {
        try (socket; InputStream in = socket.getInputStream()) {
            return in.read() < 0;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException reset) {
            return true;
        }
    }

    @Test
    void idleConnectionsAreClosedAndHealthAnswersMeanwhile() throws Exception {
        List<Socket> idle = new ArrayList<>();
        try {
            for (int i = 0; i < 300; i++) {
                Socket socket = new Socket(app.uri().getHost(), app.uri().getPort());
                socket.setSoTimeout(15_000);
                idle.add(socket);
            }
            assertThat(app.get("/health").status()).isEqualTo(200);
            for (Socket socket : idle) {
                assertThat(closedByServer(socket)).as("an idle connection closed by the server").isTrue();
            }
            assertThat(app.get("/health").status()).isEqualTo(200);
        } finally {
            for (Socket socket : idle) {
                socket.close();
            }
        }
    }
}
