package dev.parley.channel.telegram;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;

import dev.parley.testing.TestParley;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /kb import} of files sent in Telegram, end to end: the real SDK against {@link FakeTelegramServer}, which
 * serves {@code getFile} and the file download; the import cap is 2000 bytes here.
 */
class TelegramKbImportTest {
    private static final String TOKEN = "654321:TEST-kb-files-token-never-logged";
    private static final long OPERATOR = 4001;
    private static final long CAP = 2000;
    private static final ConcurrentLinkedQueue<String> LOGGED = new ConcurrentLinkedQueue<>();
    private static final Handler CAPTURE = new Handler() {
        private final SimpleFormatter format = new SimpleFormatter();

        @Override
        public void publish(LogRecord record) {
            if (record.getLoggerName() == null || !record.getLoggerName().startsWith("com.sun.net.httpserver")) {
                LOGGED.add(format.format(record));
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private static final List<Logger> PARLEY_AND_SDK = List.of(Logger.getLogger("dev.parley"),
            Logger.getLogger("org.telegram"), Logger.getLogger("okhttp3"));
    private static FakeTelegramServer telegram;
    private static TestParley app;

    @BeforeAll
    static void start() {
        PARLEY_AND_SDK.forEach(l -> l.setLevel(Level.FINE));
        CAPTURE.setLevel(Level.ALL);
        Logger.getLogger("").addHandler(CAPTURE);
        telegram = FakeTelegramServer.start(TOKEN);
        app = TestParley.start("tgkb", Map.of(
                "telegram.token", TOKEN,
                "telegram.api.url", telegram.url().toString(),
                "kb.max.import.bytes", String.valueOf(CAP)));
        app.run("/role grant telegram:" + OPERATOR + " operator", "en");
        telegram.await("deleteWebhook", c -> true);
    }

    @AfterAll
    static void stop() {
        try {
            app.close();
            telegram.close();
        } finally {
            Logger.getLogger("").removeHandler(CAPTURE);
            PARLEY_AND_SDK.forEach(l -> l.setLevel(null));
        }
        assertThat(LOGGED).isNotEmpty().noneMatch(line -> line.contains(TOKEN) || line.contains("TEST-kb-files-token"));
    }

    @Test
    void aMarkdownDocumentCaptionedKbImportBecomesPassagesThatKbSearchFinds() {
        long chat = OPERATOR;
        byte[] faq = """
                # 退货退款
                收到退货后 3-5 个工作日内办理退款。

                # Opening hours
                Every day 9:00-21:00, holidays included.
                """.getBytes(StandardCharsets.UTF_8);
        telegram.document(OPERATOR, chat, "faq.md", "text/markdown", faq, "/kb import", "en");
        String done = answer(chat, "Imported");
        assertThat(done).contains("Imported 2 passage(s) from faq.md: #");
        assertThat(app.count("SELECT COUNT(*) FROM audit_log WHERE input = '/kb import [file faq.md]'")).isEqualTo(1);

        telegram.typed(OPERATOR, chat, "/kb search 我想申请退款", "en");
        assertThat(answer(chat, "申请退款")).contains("收到退货后 3-5 个工作日内办理退款");
        assertThat(app.run("/kb search holidays", "en").text()).contains("Every day 9:00-21:00");
    }

    @Test
    void aKbImportReplyingToADocumentImportsItAndADocumentAloneIsIgnored() throws Exception {
        long chat = OPERATOR + 1;
        app.run("/role grant telegram:" + chat + " operator", "en");
        ObjectNode document = telegram.document(chat, chat, "notes.txt", null,
                "Parcels ship within 24 hours.\n\nWe ship to Hong Kong too.".getBytes(StandardCharsets.UTF_8), null, "en");
        Thread.sleep(500);
        assertThat(sentTo(chat)).isEmpty();
        assertThat(telegram.fetches(document)).isEmpty();
        telegram.reply(chat, document, "/kb import", "en");
        assertThat(answer(chat, "Imported")).contains("Imported 2 passage(s) from notes.txt");
        assertThat(telegram.fetches(document)).extracting(FakeTelegramServer.Call::method).containsExactly("getfile", "download");
        assertThat(app.run("/kb search Hong Kong", "en").text()).contains("We ship to Hong Kong too.");
    }

    @Test
    void aDocumentFromSomeoneWithoutTheRoleIsRefusedWithoutDownloadingIt() {
        long stranger = OPERATOR + 7;
        ObjectNode document = telegram.document(stranger, stranger, "secret.md", "text/markdown",
                "# Q\nA".getBytes(StandardCharsets.UTF_8), "/kb import", "en");
        assertThat(answer(stranger, "operator")).contains("/kb import");
        assertThat(telegram.fetches(document)).isEmpty();
    }

    @Test
    void anOversizedDocumentIsRefusedWithoutDownloadingIt() {
        long group = -100_4242;
        ObjectNode big = telegram.document(OPERATOR, group, "big.txt", "text/plain", new byte[(int) CAP + 1],
                "/kb@" + FakeTelegramServer.BOT_USERNAME + " import", "zh-hans");
        assertThat(answer(group, "KiB")).contains("big.txt", "最多可导入 2 KiB");
        assertThat(telegram.fetches(big)).isEmpty();
    }

    @Test
    void aDocumentThatIsNotTextIsRefusedAndOneForAnotherBotIsLeftAlone() throws Exception {
        long group = -100_4343;
        ObjectNode other = telegram.document(OPERATOR, group, "faq.md", null, "# Q\nA".getBytes(StandardCharsets.UTF_8),
                "/kb@other_bot import", "en");
        telegram.document(OPERATOR, group, "photo.png", "image/png", new byte[] {(byte) 0x89, 'P', 'N', 'G'},
                "/kb@" + FakeTelegramServer.BOT_USERNAME + " import", "en");
        assertThat(answer(group, "not a text file")).contains("photo.png");
        Thread.sleep(300);
        assertThat(sentTo(group)).hasSize(1);
        assertThat(telegram.fetches(other)).isEmpty();
    }

    @Test
    void kbImportWithNeitherTextNorFileSaysHowToSendOne() {
        long chat = OPERATOR;
        telegram.typed(OPERATOR, chat, "/kb import", "en");
        assertThat(answer(chat, "What should I import?")).contains("caption /kb import", "reply /kb import");
    }

    private static String answer(long chat, String containing) {
        return telegram.await("sendMessage", c -> c.field("chat_id").equals(String.valueOf(chat))
                && c.field("text").contains(containing)).field("text");
    }

    private static List<FakeTelegramServer.Call> sentTo(long chat) {
        return telegram.calls("sendMessage").stream().filter(c -> c.field("chat_id").equals(String.valueOf(chat))).toList();
    }
}
