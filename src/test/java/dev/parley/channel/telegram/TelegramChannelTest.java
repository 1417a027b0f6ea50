package dev.parley.channel.telegram;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import javax.imageio.ImageIO;

import dev.parley.connector.gewe.FakeGeweServer;
import dev.parley.testing.QrDecoder;
import dev.parley.testing.TestParley;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Telegram channel end to end: the whole service with the real SDK against {@link FakeTelegramServer},
 * long polling, with WeChat logins against {@link FakeGeweServer}.
 */
class TelegramChannelTest {
    static final String TOKEN = "123456:TEST-telegram-token-never-logged";
    private static final long ADMIN = 1001;
    private static final long VIEWER = 2002;
    private static final ConcurrentLinkedQueue<String> LOGGED = new ConcurrentLinkedQueue<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            StringWriter text = new StringWriter();
            text.append(record.getLoggerName()).append(' ').append(String.valueOf(record.getMessage()));
            if (record.getParameters() != null) {
                for (Object p : record.getParameters()) {
                    text.append(' ').append(String.valueOf(p));
                }
            }
            if (record.getThrown() != null) {
                record.getThrown().printStackTrace(new PrintWriter(text));
            }
            if (record.getLoggerName() == null || !record.getLoggerName().startsWith("com.sun.net.httpserver")) {
                LOGGED.add(text.toString());
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    /** Kept here so their levels hold; the fake's own HTTP server logs the token in paths and is not watched. */
    private static final List<Logger> PARLEY_AND_SDK = List.of(Logger.getLogger("dev.parley"),
            Logger.getLogger("org.telegram"));
    private static Level rootLevel;
    private static FakeTelegramServer telegram;
    private static FakeGeweServer gewe;
    private static TestParley app;

    @BeforeAll
    static void start() {
        Logger root = Logger.getLogger("");
        rootLevel = root.getLevel();
        root.setLevel(Level.INFO);
        PARLEY_AND_SDK.forEach(l -> l.setLevel(Level.FINE));
        CAPTURE.setLevel(Level.ALL);
        root.addHandler(CAPTURE);
        telegram = FakeTelegramServer.start(TOKEN);
        gewe = FakeGeweServer.start();
        app = TestParley.start("telegram", Map.of(
                "telegram.token", TOKEN,
                "telegram.api.url", telegram.url().toString(),
                "gewe.base.url", gewe.baseUrl().toString(),
                "gewe.token", gewe.token(),
                "login.poll.ms", "100",
                "online.reconnect.attempts", "1",
                "online.reconnect.backoff.seconds", "0"));
        app.run("/role grant telegram:" + ADMIN + " admin", "en");
        app.run("/role grant telegram:" + VIEWER + " viewer", "en");
        telegram.await("deleteWebhook", c -> true);
    }

    @AfterAll
    static void stop() {
        try {
            app.close();
            telegram.close();
            gewe.close();
        } finally {
            Logger.getLogger("").removeHandler(CAPTURE);
            Logger.getLogger("").setLevel(rootLevel);
            PARLEY_AND_SDK.forEach(l -> l.setLevel(null));
        }
        assertThat(LOGGED).isNotEmpty();
        assertThat(LOGGED).noneMatch(line -> line.contains(TOKEN) || line.contains("TEST-telegram-token"));
    }

    @Test
    void helpAnswersInTheLanguageOfTheClientOrOfLang() {
        telegram.typed(3001, 3001, "/help", "zh-hans");
        assertThat(telegram.await("sendMessage", c -> c.field("chat_id").equals("3001")).field("text"))
                .contains("命令列表");
        telegram.typed(3002, 3002, "/help", "en");
        assertThat(telegram.await("sendMessage", c -> c.field("chat_id").equals("3002")).field("text"))
                .contains("<b>Commands</b>").doesNotContain("命令列表");
        telegram.typed(3002, 3002, "/lang zh-CN", "en");
        telegram.await("sendMessage", c -> c.field("chat_id").equals("3002") && c.field("text").contains("简体中文"));
        telegram.typed(3002, 3002, "/help", "en");
        telegram.await("sendMessage", c -> c.field("chat_id").equals("3002") && c.field("text").contains("命令列表"));
        assertThat(app.get("/metrics").body()).contains("parley_commands_total{channel=\"telegram\",result=\"ok\"}");
    }

    @Test
    void theCommandMenuIsRegisteredInEnglishAndInChinese() {
        List<FakeTelegramServer.Call> menus = telegram.calls("setMyCommands");
        assertThat(menus).hasSize(2);
        FakeTelegramServer.Call english = menus.stream().filter(c -> c.field("language_code") == null).findFirst().orElseThrow();
        FakeTelegramServer.Call chinese = menus.stream().filter(c -> "zh".equals(c.field("language_code"))).findFirst()
                .orElseThrow();
        assertThat(english.json("commands").findValuesAsText("command")).contains("help", "search", "bot", "channel")
                .allMatch(name -> name.matches("[a-z0-9_]{1,32}"));
        assertThat(chinese.json("commands").findValuesAsText("command"))
                .isEqualTo(english.json("commands").findValuesAsText("command"));
        assertThat(String.join(" ", chinese.json("commands").findValuesAsText("description"))).containsPattern("\\p{IsHan}");
        assertThat(String.join(" ", english.json("commands").findValuesAsText("description"))).doesNotContainPattern("\\p{IsHan}");
        assertThat(telegram.calls("deleteWebhook")).isNotEmpty();
    }

    @Test
    void aPressedButtonAnswersTheCallbackAndEditsTheCardInPlace() {
        telegram.typed(3003, 3003, "/hlep", "en");
        FakeTelegramServer.Call unknown = telegram.await("sendMessage", c -> c.field("chat_id").equals("3003"));
        assertThat(unknown.buttons()).isNotEmpty().allMatch(id -> id.getBytes(StandardCharsets.UTF_8).length <= 64);
        String help = unknown.buttons().get(unknown.buttonLabels().indexOf("/help"));
        String query = telegram.press(3003, unknown, help, "en");
        assertThat(telegram.await("answerCallbackQuery", c -> c.field("callback_query_id").equals(query)).field("text"))
                .isEqualTo("Commands");
        FakeTelegramServer.Call edited = telegram.await("editMessageText", c -> c.field("chat_id").equals("3003"));
        assertThat(edited.field("message_id")).isEqualTo(unknown.field("_message_id"));
        assertThat(edited.field("text")).contains("<b>Commands</b>");
        assertThat(telegram.calls("sendMessage").stream().filter(c -> c.field("chat_id").equals("3003"))).hasSize(1);
    }

    @Test
    void aQrLoginArrivesAsAPhotoAViewerCannotCancelItAndItsButtonsWork() throws Exception {
        long group = -100_500;
        telegram.typed(ADMIN, group, "/bot add wechat 电报客服", "en");
        FakeTelegramServer.Call photo = telegram.await("sendPhoto", c -> c.field("chat_id").equals(String.valueOf(group)));
        String appId = gewe.requests("/login/getLoginQrCode").getLast().replied("appId");
        String qrData = gewe.requests("/login/getLoginQrCode").getLast().replied("qrData");
        assertThat(decodeQr(photo.upload("photo").bytes())).isEqualTo(qrData);
        assertThat(photo.field("caption")).contains("电报客服");
        assertThat(photo.buttonLabels()).containsExactly("New QR code", "Cancel");

        String viewerPress = telegram.press(VIEWER, photo, photo.buttons().get(1), "en");
        FakeTelegramServer.Call refused = telegram.await("answerCallbackQuery",
                c -> c.field("callback_query_id").equals(viewerPress));
        assertThat(refused.field("show_alert")).isEqualTo("true");
        assertThat(refused.field("text")).contains("admin");
        long id = app.count("SELECT id FROM accounts WHERE external_id = '" + appId + "'");
        assertThat(app.run("/bot info " + id, "en").text()).contains("waiting for login");

        telegram.press(ADMIN, photo, photo.buttons().get(0), "en");
        FakeTelegramServer.Call refreshed = telegram.await("editMessageMedia",
                c -> c.field("message_id").equals(photo.field("_message_id")));
        BufferedImage png = ImageIO.read(new ByteArrayInputStream(refreshed.files().get(
                refreshed.json("media").path("media").asText().substring("attach://".length())).bytes()));
        assertThat(png.getWidth()).isGreaterThan(100);
        assertThat(refreshed.buttonLabels()).containsExactly("New QR code", "Cancel");
        Thread.sleep(500); // the replaced login's last version must not overwrite the new QR code
        assertThat(telegram.calls("editMessageCaption")).filteredOn(c -> c.field("message_id").equals(photo.field("_message_id")))
                .noneMatch(c -> c.field("caption").contains("newer login") && c.at() > refreshed.at());

        telegram.press(ADMIN, refreshed, refreshed.buttons().get(1), "en");
        FakeTelegramServer.Call cancelled = telegram.await("editMessageCaption",
                c -> c.field("message_id").equals(photo.field("_message_id")) && c.field("caption").contains("forgotten"));
        assertThat(cancelled.buttons()).isEmpty();
        assertThat(app.count("SELECT COUNT(*) FROM accounts WHERE external_id = '" + appId + "'")).isZero();
    }

    @Test
    void anAlertReachesTheBoundGroupOnce() throws Exception {
        long group = -100_900;
        telegram.typed(ADMIN, group, "/channel@" + FakeTelegramServer.BOT_USERNAME + " bind alerts", "en");
        telegram.await("sendMessage", c -> c.field("chat_id").equals(String.valueOf(group))
                && c.field("text").contains("Chat bound"));
        app.run("/bot add wechat Offliner", "en");
        String appId = gewe.requests("/login/getLoginQrCode").getLast().replied("appId");
        gewe.scan(appId, "Olga");
        gewe.confirm(appId, "wxid_olga");
        awaitText("/bot list", "wxid_olga");
        gewe.goOffline(appId, false);
        gewe.callbacks(app.uri().resolve("/webhooks/gewe/" + TestParley.GEWE_SECRET)).offline(appId);
        FakeTelegramServer.Call alert = telegram.await("sendMessage", c -> c.field("chat_id").equals(String.valueOf(group))
                && c.field("text").contains("Offliner is offline"));
        assertThat(alert.buttonLabels()).contains("Re-login");
        Thread.sleep(500);
        assertThat(telegram.calls("sendMessage").stream().filter(c -> c.field("chat_id").equals(String.valueOf(group))
                && c.field("text").contains("Offliner is offline"))).hasSize(1);
        // a QR code cannot be edited into the alert's text message, so Re-login posts it
        telegram.press(ADMIN, alert, alert.buttons().get(alert.buttonLabels().indexOf("Re-login")), "en");
        FakeTelegramServer.Call qr = telegram.await("sendPhoto", c -> c.field("chat_id").equals(String.valueOf(group)));
        assertThat(decodeQr(qr.upload("photo").bytes())).isEqualTo(gewe.requests("/login/getLoginQrCode").getLast()
                .replied("qrData"));
    }

    @Test
    void groupsReadOnlyCommandsForThisBot() throws Exception {
        long group = -100_700;
        telegram.typed(ADMIN, group, "/help@other_bot", "en");
        telegram.typed(ADMIN, group, "hello everyone", "en");
        telegram.typed(ADMIN, group, "/whoami@" + FakeTelegramServer.BOT_USERNAME.toUpperCase(), "en");
        FakeTelegramServer.Call whoami = telegram.await("sendMessage", c -> c.field("chat_id").equals(String.valueOf(group)));
        assertThat(whoami.field("text")).contains("telegram:" + ADMIN);
        Thread.sleep(300);
        assertThat(telegram.calls("sendMessage").stream().filter(c -> c.field("chat_id").equals(String.valueOf(group))))
                .hasSize(1);
    }

    @Test
    void aTooManyRequestsAnswerIsRetriedAfterTheTimeTelegramAsked() {
        telegram.tooManyRequests("sendMessage", 1);
        telegram.typed(3004, 3004, "/whoami", "en");
        FakeTelegramServer.Call refused = telegram.await("sendMessage#429", c -> c.field("chat_id").equals("3004"));
        FakeTelegramServer.Call sent = telegram.await("sendMessage", c -> c.field("chat_id").equals("3004"));
        assertThat(Duration.ofNanos(sent.at() - refused.at())).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(app.get("/health").body()).contains("\"telegram\"", "\"mode\":\"polling\"", "@parley_bot", "429");
    }

    private static void awaitText(String command, String expected) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!app.run(command, "en").text().contains(expected)) {
            assertThat(System.nanoTime()).as("'" + expected + "' in " + command).isLessThan(deadline);
            Thread.sleep(50);
        }
    }

    static String decodeQr(byte[] png) throws Exception {
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(png));
        assertThat(image.getWidth()).isGreaterThan(100);
        return QrDecoder.decode(image);
    }
}
