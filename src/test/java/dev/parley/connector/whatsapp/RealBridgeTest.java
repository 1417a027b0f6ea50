package dev.parley.connector.whatsapp;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import dev.parley.console.CommandClient;
import dev.parley.testing.TestParley;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The bundled bridge itself, with the real Baileys installed from the lockfile: Parley starts {@code bridge.mjs} on
 * Node.js, a session is opened against a local endpoint that refuses WhatsApp's handshake (Baileys's
 * {@code waWebSocketUrl} option, passed through {@code open}), and the close comes back through the line protocol to
 * the login card — so the Node side cannot rot unnoticed. Skipped without Node.js 20, except in CI
 * ({@code PARLEY_REQUIRE_NODE}).
 */
class RealBridgeTest {
    @Test
    void theBundledBridgeReportsARefusedHandshakeBackThroughTheProtocol() throws Exception {
        boolean node = nodeMajor() >= 20;
        if (System.getenv("PARLEY_REQUIRE_NODE") != null) {
            assertThat(node).as("Node.js 20 or newer (PARLEY_REQUIRE_NODE is set)").isTrue();
        }
        Assumptions.assumeTrue(node, "Node.js 20 or newer is needed to run the real bridge");
        AtomicInteger handshakes = new AtomicInteger();
        try (ServerSocket refusing = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread.ofVirtual().start(() -> refuse(refusing, handshakes));
            try (TestParley app = TestParley.start("real-bridge", Map.of(
                    "whatsapp.socket.url", "ws://127.0.0.1:" + refusing.getLocalPort() + "/ws/chat",
                    "whatsapp.login.wait.ms", "60000"))) {
                CommandClient.Response added = app.run("/bot add whatsapp Real", "en");
                assertThat(added.body().get("result").asText()).isEqualTo("error");
                assertThat(added.text()).contains("did not answer");
                assertThat(handshakes.get()).as("Baileys dialled the endpoint given in open's options").isPositive();
                String metrics = app.get("/metrics").body();
                assertThat(metrics).contains("parley_whatsapp_bridge_up 1.0")
                        .contains("parley_whatsapp_bridge_events_total{event=\"connection.update\"}")
                        .contains("parley_whatsapp_bridge_events_total{event=\"creds.update\"} 1.0");
                assertThat(app.get("/health").json().path("connectors").path("whatsapp").path("version").asText())
                        .startsWith("7.");
                assertThat(app.count("SELECT COUNT(*) FROM whatsapp_sessions")).as("the fresh credentials, saved")
                        .isEqualTo(1);
                assertThat(app.count("SELECT COUNT(*) FROM whatsapp_sessions WHERE creds LIKE 'v1:%'")).isEqualTo(1);
            }
        }
    }

    /** Answers WhatsApp's WebSocket upgrade with a refusal, as a server that will not talk to this client. */
    private static void refuse(ServerSocket server, AtomicInteger handshakes) {
        while (!server.isClosed()) {
            try (Socket socket = server.accept()) {
                handshakes.incrementAndGet();
                socket.getInputStream().read(new byte[4096]);
                socket.getOutputStream().write("HTTP/1.1 403 Forbidden\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                        .getBytes(StandardCharsets.US_ASCII));
            } catch (IOException e) {
                return;
            }
        }
    }

    private static int nodeMajor() {
        try {
            Process p = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor();
            return out.startsWith("v") ? Integer.parseInt(out.substring(1, out.indexOf('.'))) : 0;
        } catch (IOException | NumberFormatException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }
}
