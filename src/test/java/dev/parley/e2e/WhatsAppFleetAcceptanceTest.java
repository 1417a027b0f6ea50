package dev.parley.e2e;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import javax.imageio.ImageIO;

import dev.parley.connector.whatsapp.Baileys;
import dev.parley.connector.whatsapp.FakeBridge;
import dev.parley.console.CommandClient;
import dev.parley.testing.Await;
import dev.parley.testing.QrDecoder;
import dev.parley.testing.TestParley;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The WhatsApp Web issue's "done when", in one flow through {@code /api/commands} against a bridge process that speaks
 * the bridge's line contract (Baileys's side scripted by {@link FakeBridge}): {@code /bot add whatsapp} answers a card
 * whose PNG decodes to the bridge's QR string, rotated QR codes replace it, the pairing flow (515) ends online in
 * {@code /bot list}; a group message is found by {@code /search} and its re-delivery stores nothing; a participant add
 * with an author shows in {@code /group info} and {@code /stats group}; {@code /send} reaches the bridge as
 * {@code sendMessage} with the group's JID and the text; after a Parley restart the bridge is opened with the saved
 * credentials and keys; a bridge that exits is restarted and its sessions reopened; a close with 401 shows the account
 * logged out and raises an alert.
 */
class WhatsAppFleetAcceptanceTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String GROUP = "120363041234567890@g.us";
    private static final String ME = "8613800138000";
    private static final String AMY_LID = "111111111111111@lid";
    private static final String AMY = "8613900000001@s.whatsapp.net";
    private static final String BEN_LID = "222222222222222@lid";
    private static final String BEN = "8613900000002@s.whatsapp.net";
    private static FakeBridge bridge;
    private static TestParley app;

    @BeforeAll
    static void start() {
        bridge = FakeBridge.start();
        bridge.answer("groupFetchAllParticipating", call -> {
            ObjectNode all = JSON.createObjectNode();
            all.set(GROUP, Baileys.group(GROUP, "Refunds 退款群", AMY_LID, AMY_LID, AMY, "333333333333333@lid",
                    ME + "@s.whatsapp.net", "555555555555555@lid", null));
            return all;
        });
        bridge.answer("sendMessage", call -> Baileys.sent("3EB0C767D26A1D29F2B0",
                call.path("args").path(0).asText(), call.path("args").path(1).path("text").asText()));
        app = TestParley.start("whatsapp", Map.ofEntries(
                Map.entry("whatsapp.bridge", bridge.command()),
                Map.entry("whatsapp.restart.min.ms", "50"),
                Map.entry("login.poll.ms", "100"),
                Map.entry("sync.pace.min.ms", "10"), Map.entry("sync.pace.max.ms", "20"),
                Map.entry("online.reconnect.attempts", "1"),
                Map.entry("online.reconnect.backoff.seconds", "0")));
    }

    @AfterAll
    static void stop() {
        app.close();
        bridge.close();
    }

    @Test
    void aWhatsappAccountIsRunFromChatAlone() throws Exception {
        // /bot add whatsapp: the bridge is started and asked to open a new session; the card shows its QR code
        int before = bridge.recorded();
        CompletableFuture<CommandClient.Response> adding = CompletableFuture.supplyAsync(
                () -> app.run("/bot add whatsapp Sales", "en"));
        JsonNode open = bridge.awaitFrom(before, op -> op.path("op").asText().equals("open"));
        String session = open.path("account").asText();
        assertThat(open.path("auth").isNull()).isTrue();
        assertThat(open.path("options").path("markOnlineOnConnect").asBoolean(true)).isFalse();
        bridge.emit(session, "creds.update", Baileys.freshCreds());
        bridge.emit(session, "connection.update", JSON.createObjectNode().put("connection", "connecting"));
        String firstQr = "2@y8ncXQXYIiBTGlb8,9d2Klr+DBqhT0D0gM/CS5pDT0F3+9dPGPzE/OT+KXx4=,G5SryB2d9XMJ6Hwv3dV+mYT9fr6h1m0"
                + "JvznBMVgdTG0=,fU0ZlGLiYUr4hgJ8qHbqURqBDcL89RRmY9BDVkyn9Nc=,1";
        bridge.emit(session, "connection.update", Baileys.qr(firstQr));
        CommandClient.Response added = adding.get(20, TimeUnit.SECONDS);
        assertThat(added.body().get("result").asText()).isEqualTo("ok");
        assertThat(decodeQr(added.body().path("card").path("image").path("src").asText())).isEqualTo(firstQr);
        assertThat(added.text()).contains("Linked devices");
        assertThat(app.run("/bot list", "en").text()).contains("Sales", "WhatsApp", "waiting for login");

        // Baileys rotates the QR code: the card is edited in place with the new one
        String secondQr = firstQr.replace("2@y8nc", "2@ZZZZ");
        bridge.emit(session, "connection.update", Baileys.qr(secondQr));
        CommandClient.Response rotated = awaitCard(added.liveId(), 1, r -> qrOf(r).equals(secondQr));
        assertThat(rotated.stillChanging()).isTrue();

        // the phone links: new credentials, the restart WhatsApp asks for (515), the socket opens again with them
        bridge.emit(session, "creds.update", Baileys.paired(ME, "Sales Phone", "444444444444444"));
        bridge.emit(session, "connection.update", JSON.createObjectNode().put("isNewLogin", true));
        int beforeRestart = bridge.recorded();
        bridge.emit(session, "connection.update", Baileys.close(515, "Stream Errored (restart required)"));
        JsonNode reopened = bridge.awaitOp(beforeRestart, "open", session);
        assertThat(reopened.path("auth").path("creds").path("me").path("id").asText()).isEqualTo(ME + ":12@s.whatsapp.net");
        assertThat(reopened.path("auth").path("creds").path("noiseKey").path("private").path("data").asText())
                .isEqualTo("bm9pc2UtcHJpdmF0ZQ==");
        bridge.emit(session, "keys.set", keys());
        bridge.emit(session, "connection.update", Baileys.open());
        awaitCard(added.liveId(), rotated.liveVersion(), r -> r.text().contains("Online as Sales Phone (" + ME
                + "@s.whatsapp.net)"));
        assertThat(app.run("/bot list", "en").text()).contains("Sales", "online", ME + "@s.whatsapp.net");

        // the sync after the login reads the groups and their members
        bridge.await(op -> op.path("method").asText().equals("groupFetchAllParticipating"));
        await(() -> app.count("SELECT COUNT(*) FROM group_members gm JOIN `groups` g ON g.id = gm.group_id"
                + " WHERE g.chat_id = '" + GROUP + "' AND gm.left_at IS NULL") == 3, "the group's members are synced");
        assertThat(app.count("SELECT COUNT(*) FROM group_members WHERE member_id = '" + AMY + "'"))
                .as("a LID with its phone number beside it is stored under the number").isEqualTo(1);

        // a group message is archived and searchable; its re-delivery stores nothing
        long now = Instant.now().getEpochSecond();
        JsonNode message = Baileys.groupText("3EB0A1B2C3D4E5F60718", GROUP, AMY_LID, AMY, "Amy", "请问怎么申请退款？", now);
        bridge.emit(session, "messages.upsert", message);
        await(() -> app.run("/search 申请退款", "en").text().contains("**申请退款**"), "the group message is searchable");
        assertThat(app.run("/search 申请退款", "en").text()).contains("Refunds 退款群", "Amy");
        bridge.emit(session, "messages.upsert", message);
        await(() -> app.get("/metrics").body().contains("parley_messages_duplicate_total{platform=\"whatsapp\"} 1.0"),
                "the re-delivery counts as a duplicate");
        assertThat(app.count("SELECT COUNT(*) FROM messages WHERE platform_msg_id = '3EB0A1B2C3D4E5F60718'")).isEqualTo(1);
        assertThat(app.count("SELECT COUNT(*) FROM messages WHERE sender_id = '" + AMY + "'")).isEqualTo(1);

        // Amy adds Ben: the join, with who invited him, is in the membership ledger
        bridge.emit(session, "group-participants.update", Baileys.participants(GROUP, AMY_LID, AMY, "add", BEN_LID, BEN));
        await(() -> app.count("SELECT COUNT(*) FROM group_members gm JOIN `groups` g ON g.id = gm.group_id"
                + " WHERE g.chat_id = '" + GROUP + "' AND gm.member_id = '" + BEN + "' AND gm.left_at IS NULL"
                + " AND gm.inviter_id = '" + AMY + "'") == 1, "Ben's membership is open, invited by Amy");
        assertThat(app.run("/group info " + GROUP, "en").text()).contains("joined, invited by");
        await(() -> app.run("/stats group " + GROUP + " 1d", "en").text().contains("Joins"), "the stats answer");
        assertThat(app.run("/stats group " + GROUP + " 1d", "en").body().toString()).contains("\"Joins\"");
        assertThat(app.count("SELECT COUNT(*) FROM group_events e JOIN `groups` g ON g.id = e.group_id WHERE g.chat_id = '"
                + GROUP + "' AND e.kind = 'join' AND e.actor_id = '" + AMY + "'")).isEqualTo(1);

        // /send reaches the bridge as sendMessage with the group's JID and the text
        int beforeSend = bridge.recorded();
        assertThat(app.run("/send Sales " + GROUP + " 退款已受理", "en").body().get("result").asText()).isEqualTo("ok");
        JsonNode send = bridge.awaitFrom(beforeSend, op -> op.path("method").asText().equals("sendMessage"));
        assertThat(send.path("account").asText()).isEqualTo(session);
        assertThat(send.path("args").path(0).asText()).isEqualTo(GROUP);
        assertThat(send.path("args").path(1).path("text").asText()).isEqualTo("退款已受理");
        await(() -> app.count("SELECT COUNT(*) FROM outbound WHERE state = 'sent' AND sent_id = '3EB0C767D26A1D29F2B0'") == 1,
                "the send is recorded as sent");

        // a restart of Parley opens the session again with the saved credentials and keys
        int beforeParleyRestart = bridge.recorded();
        int processesBefore = bridge.processes();
        app.restart();
        JsonNode resumed = bridge.awaitOp(beforeParleyRestart, "open", session);
        assertThat(bridge.processes()).as("the restarted Parley starts a bridge of its own").isEqualTo(processesBefore + 1);
        assertThat(resumed.path("auth").path("creds").path("me").path("id").asText()).startsWith(ME);
        assertThat(resumed.path("auth").path("keys").path("pre-key").path("1").path("private").path("data").asText())
                .isEqualTo("cHJla2V5LXByaXZhdGU=");
        assertThat(resumed.path("auth").path("keys").path("session").has(AMY_LID.replace("@lid", ".0"))).isTrue();
        bridge.emit(session, "connection.update", Baileys.open());

        // a bridge that exits is started again and its sessions reopened
        int processes = bridge.processes();
        int beforeCrash = bridge.recorded();
        bridge.crash();
        JsonNode again = bridge.awaitOp(beforeCrash, "open", session);
        assertThat(bridge.processes()).isEqualTo(processes + 1);
        assertThat(again.path("auth").path("creds").path("me").path("id").asText()).startsWith(ME);
        bridge.emit(session, "connection.update", Baileys.open());
        await(() -> app.get("/metrics").body().contains("parley_whatsapp_bridge_restarts_total 1.0"),
                "the restart is counted");
        assertThat(app.get("/health").json().path("connectors").path("whatsapp")
                .path("bridge").asText()).isEqualTo("running");

        // the phone unlinks the device: logged out, and an alert
        bridge.emit(session, "connection.update", Baileys.close(401, "Connection Failure"));
        await(() -> app.count("SELECT COUNT(*) FROM accounts WHERE external_id = '" + session + "' AND status = 'logged_out'")
                == 1, "the account is logged out");
        assertThat(app.run("/bot list", "en").text()).contains("logged out");
        await(() -> app.run("/alerts", "en").text().contains("Sales was logged out"), "an alert is raised");
        assertThat(app.run("/alerts", "en").text()).contains("/bot relogin");
        assertThat(app.count("SELECT COUNT(*) FROM whatsapp_sessions WHERE external_id = '" + session + "'"))
                .as("the unlinked session is forgotten").isZero();
        assertThat(app.get("/metrics").body()).contains("parley_accounts{platform=\"whatsapp\",status=\"logged_out\"} 1.0");
    }

    /** A {@code keys.set} as Baileys writes one after the first pre-keys upload and a first session. */
    private static JsonNode keys() {
        ObjectNode keys = JSON.createObjectNode();
        ObjectNode preKey = keys.putObject("pre-key").putObject("1");
        preKey.putObject("private").put("type", "Buffer").put("data", "cHJla2V5LXByaXZhdGU=");
        preKey.putObject("public").put("type", "Buffer").put("data", "cHJla2V5LXB1YmxpYw==");
        keys.putObject("session").putObject(AMY_LID.replace("@lid", ".0")).put("type", "Buffer").put("data", "c2Vzc2lvbg==");
        keys.putObject("lid-mapping").put(AMY.replace("@s.whatsapp.net", ""), AMY_LID.replace("@lid", ""));
        return keys;
    }

    private static CommandClient.Response awaitCard(String liveId, long after,
                                                    java.util.function.Predicate<CommandClient.Response> done)
            throws Exception {
        long version = after;
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        CommandClient.Response latest = null;
        while (System.nanoTime() < deadline) {
            latest = app.commands().card(liveId, version);
            if (done.test(latest)) {
                return latest;
            }
            version = Math.max(version, latest.liveVersion());
        }
        throw new AssertionError("the card never got there; last: " + (latest == null ? null : latest.text()));
    }

    private static String qrOf(CommandClient.Response card) {
        String src = card.body().path("card").path("image").path("src").asText("");
        try {
            return src.isEmpty() ? "" : decodeQr(src);
        } catch (Exception e) {
            return "";
        }
    }

    private static void await(BooleanSupplier condition, String what) throws InterruptedException {
        Await.until(condition, what);
    }

    private static String decodeQr(String dataUrl) throws Exception {
        assertThat(dataUrl).startsWith("data:image/png;base64,");
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(dataUrl.substring("data:image/png;base64,".length()))));
        return QrDecoder.decode(image);
    }
}
