package dev.parley.e2e;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import dev.parley.connector.whatsapp.Baileys;
import dev.parley.connector.whatsapp.FakeBridge;
import dev.parley.console.CommandClient;
import dev.parley.testing.Await;
import dev.parley.testing.TestParley;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * WhatsApp sessions through their life, against the fake bridge: a login by pairing code, what each close reason does
 * (403 banned, 440 replaced: alerted at once and not reconnected; a transient close: reconnected), a re-login of a
 * linked session that needs no new code, a logout from chat, and options that do not apply refused before anything
 * happens.
 */
class WhatsAppSessionsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static FakeBridge bridge;
    private static TestParley app;
    private static HttpServer cdn;
    private static final List<String> downloads = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        JsonNode image = vector();
        cdn = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        cdn.createContext("/", exchange -> {
            downloads.add(exchange.getRequestURI().toString());
            byte[] body = Base64.getDecoder().decode(image.path("encrypted").asText());
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        cdn.start();
        bridge = FakeBridge.start();
        bridge.answer("requestPairingCode", call -> new TextNode("K7QW3XZ9"));
        bridge.answer("groupFetchAllParticipating", call -> JSON.createObjectNode());
        bridge.answer("logout", call -> JSON.nullNode());
        app = TestParley.start("whatsapp-sessions", Map.ofEntries(
                Map.entry("whatsapp.bridge", bridge.command()),
                Map.entry("whatsapp.restart.min.ms", "50"),
                Map.entry("whatsapp.media.host", "http://127.0.0.1:" + cdn.getAddress().getPort()),
                Map.entry("media.gap.min.ms", "0"), Map.entry("media.gap.max.ms", "0"),
                Map.entry("login.poll.ms", "100"),
                Map.entry("online.reconnect.attempts", "2"),
                Map.entry("online.reconnect.backoff.seconds", "0")));
    }

    @AfterAll
    static void stop() {
        app.close();
        bridge.close();
        cdn.stop(0);
    }

    @Test
    void mediaIsDownloadedFromItsDirectPathAndDecryptedOnlyWhenAsked() throws Exception {
        String session = linked("Pictures", "8613900000051");
        JsonNode vector = vector();
        ObjectNode m = (ObjectNode) FakeBridge.fixture("upsert-image", session, Map.of()).path("data").path("messages")
                .path(0).deepCopy();
        ObjectNode media = (ObjectNode) m.path("message").path("imageMessage");
        media.put("url", "http://169.254.169.254/latest/meta-data") // not WhatsApp's CDN: never fetched
                .put("directPath", "/v/t62.7118-24/parley_n.enc?ccb=11-4")
                .put("mediaKey", vector.path("mediaKey").asText())
                .put("fileEncSha256", vector.path("fileEncSha256").asText())
                .put("fileSha256", vector.path("fileSha256").asText());
        bridge.emit(session, "messages.upsert", Baileys.upsert("notify", m));
        String id = m.path("key").path("id").asText();
        await(() -> app.count("SELECT COUNT(*) FROM messages WHERE platform_msg_id = '" + id + "'") == 1, "stored");
        assertThat(downloads).as("nothing is downloaded before someone asks").isEmpty();
        long row = app.count("SELECT id FROM messages WHERE platform_msg_id = '" + id + "'");

        JsonNode card = finished(app.run("/media #" + row, "en"));
        assertThat(downloads).containsExactly("/v/t62.7118-24/parley_n.enc?ccb=11-4");
        assertThat(card.path("image").path("src").asText()).startsWith("data:image/png;base64,");
        assertThat(card.path("text").asText()).contains("/api/media/" + row);
    }

    @Test
    void aPairingCodeLoginShowsTheCodeToTypeInsteadOfAQrCode() throws Exception {
        int before = bridge.recorded();
        CompletableFuture<CommandClient.Response> adding = CompletableFuture.supplyAsync(
                () -> app.run("/bot add whatsapp Support phone:+8613900000009", "en"));
        JsonNode open = bridge.awaitFrom(before, op -> op.path("op").asText().equals("open"));
        String session = open.path("account").asText();
        assertThat(open.path("phone").asText()).isEqualTo("8613900000009");
        bridge.emit(session, "creds.update", Baileys.freshCreds());
        bridge.emit(session, "connection.update", Baileys.qr("2@ignored-when-pairing"));
        JsonNode asked = bridge.awaitFrom(before, op -> op.path("method").asText().equals("requestPairingCode"));
        assertThat(asked.path("args").path(0).asText()).isEqualTo("8613900000009");
        CommandClient.Response card = adding.get(20, TimeUnit.SECONDS);
        assertThat(card.text()).contains("K7QW3XZ9", "Link with phone number instead", "8613900000009");
        assertThat(card.body().path("card").path("image").isMissingNode()).isTrue();
        online(session, "8613900000009", "Support Phone");
    }

    @Test
    void aBanAndATakeOverAreAlertedAtOnceAndNotReconnected() throws Exception {
        String banned = linked("Banned", "8613900000011");
        bridge.emit(banned, "connection.update", Baileys.close(403, "Forbidden"));
        await(() -> status(banned).equals("banned"), "the account shows banned");
        await(() -> app.run("/alerts", "en").text().contains("Banned is refused by the platform"), "a ban alert");
        assertThat(app.run("/bot list", "zh-CN").text()).contains("已被封禁");

        String replaced = linked("Replaced", "8613900000012");
        bridge.emit(replaced, "connection.update", Baileys.close(440, "Stream Errored (conflict)"));
        await(() -> app.run("/alerts", "en").text().contains("Replaced was taken over by another client"),
                "a take-over alert");
        assertThat(status(replaced)).isEqualTo("offline");
        int afterLosses = bridge.recorded();
        // linking another account takes longer than the monitor's reconnection (no back-off here) would: neither lost
        // session was asked to open again meanwhile
        linked("Later", "8613900000013");
        assertThat(bridge.opsFrom(afterLosses, op -> op.path("op").asText().equals("open")
                && (op.path("account").asText().equals(banned) || op.path("account").asText().equals(replaced))))
                .as("opens of the lost sessions after they were lost").isEmpty();
        assertThat(app.get("/metrics").body()).contains("parley_accounts{platform=\"whatsapp\",status=\"banned\"} 1.0");
    }

    @Test
    void aTransientCloseIsReconnectedByTheMonitor() throws Exception {
        String session = linked("Flaky", "8613900000021");
        int before = bridge.recorded();
        bridge.emit(session, "connection.update", Baileys.close(428, "Connection Closed"));
        JsonNode reopen = bridge.awaitOp(before, "open", session);
        assertThat(reopen.path("auth").path("creds").path("me").path("id").asText()).startsWith("8613900000021");
        bridge.emit(session, "connection.update", Baileys.open());
        await(() -> status(session).equals("online"), "the account is online again");
        assertThat(app.run("/alerts", "en").text()).doesNotContain("Flaky");
    }

    @Test
    void aReloginOfALinkedSessionOpensItWithoutANewCode() throws Exception {
        String session = linked("Steady", "8613900000031");
        int before = bridge.recorded();
        bridge.emit(session, "connection.update", Baileys.close(408, "Connection Lost"));
        // the monitor reconnects (it asks once more per attempt); answer none of its opens but the relogin's
        CompletableFuture<CommandClient.Response> relogin = CompletableFuture.supplyAsync(
                () -> app.run("/bot relogin Steady", "en"));
        bridge.awaitOp(before, "open", session);
        bridge.emit(session, "connection.update", Baileys.open());
        CommandClient.Response answer = relogin.get(30, TimeUnit.SECONDS);
        assertThat(answer.text()).contains("already online");
        assertThat(bridge.ops(op -> op.path("op").asText().equals("open") && op.path("account").asText().equals(session)))
                .allMatch(op -> op.path("auth").isNull() || op.path("auth").path("creds").has("me"));
        await(() -> status(session).equals("online"), "online again");
    }

    @Test
    void aLogoutFromChatUnlinksTheDeviceAndForgetsTheSession() throws Exception {
        String session = linked("Leaving", "8613900000041");
        CommandClient.Response question = app.run("/bot logout Leaving", "en");
        int before = bridge.recorded();
        CompletableFuture<CommandClient.Response> done = CompletableFuture.supplyAsync(() -> {
            try {
                return app.commands().press(question.action(1), "en", "admin");
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
        bridge.awaitFrom(before, op -> op.path("method").asText().equals("logout") && op.path("account").asText()
                .equals(session));
        assertThat(done.get(30, TimeUnit.SECONDS).text()).contains("logged out");
        bridge.emit(session, "connection.update", Baileys.close(401, "Intentional Logout"));
        await(() -> app.count("SELECT COUNT(*) FROM whatsapp_sessions WHERE external_id = '" + session + "'") == 0,
                "the session is forgotten");
        assertThat(status(session)).isEqualTo("logged_out");
        assertThat(app.run("/alerts", "en").text()).doesNotContain("Leaving");
    }

    @Test
    void optionsThatDoNotApplyAreRefusedBeforeTheBridgeIsAsked() {
        int before = bridge.recorded();
        assertThat(app.run("/bot add whatsapp X region:440000", "en").text()).contains("are for WeChat logins");
        assertThat(app.run("/bot add whatsapp X phone:12", "en").text()).contains("is not a phone number");
        assertThat(app.run("/bot add wechat X phone:+8613800138000", "zh-CN").text()).contains("只有 WhatsApp 支持");
        assertThat(bridge.recorded()).isEqualTo(before);
    }

    /** Adds an account and links it: QR shown, the phone links, 515, open. */
    private static String linked(String label, String digits) throws Exception {
        int before = bridge.recorded();
        CompletableFuture<CommandClient.Response> adding = CompletableFuture.supplyAsync(
                () -> app.run("/bot add whatsapp " + label, "en"));
        String session = bridge.awaitFrom(before, op -> op.path("op").asText().equals("open")).path("account").asText();
        bridge.emit(session, "creds.update", Baileys.freshCreds());
        bridge.emit(session, "connection.update", Baileys.qr("2@" + label));
        adding.get(20, TimeUnit.SECONDS);
        online(session, digits, label + " Phone");
        return session;
    }

    private static void online(String session, String digits, String name) throws Exception {
        bridge.emit(session, "creds.update", Baileys.paired(digits, name, "9" + digits));
        int before = bridge.recorded();
        bridge.emit(session, "connection.update", Baileys.close(515, "Stream Errored (restart required)"));
        bridge.awaitOp(before, "open", session);
        bridge.emit(session, "connection.update", Baileys.open());
        await(() -> status(session).equals("online"), "the account is online");
    }

    private static JsonNode vector() throws IOException {
        try (var in = WhatsAppSessionsTest.class.getResourceAsStream("/whatsapp/media/image.json")) {
            return JSON.readTree(in);
        }
    }

    private static JsonNode finished(CommandClient.Response answer) throws Exception {
        CommandClient.Response latest = answer;
        long deadline = System.nanoTime() + java.time.Duration.ofSeconds(20).toNanos();
        while (latest.stillChanging() && System.nanoTime() < deadline) {
            latest = app.commands().card(answer.liveId(), latest.liveVersion());
        }
        assertThat(latest.stillChanging()).as("the media card finished").isFalse();
        return latest.body().path("card");
    }

    private static String status(String session) {
        return app.parley().db().jdbi().withHandle(h -> h.createQuery(
                        "SELECT status FROM accounts WHERE external_id = :s").bind("s", session).mapTo(String.class)
                .findOne().orElse("none"));
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(condition, what);
    }
}
