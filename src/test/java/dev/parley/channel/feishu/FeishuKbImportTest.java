package dev.parley.channel.feishu;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import dev.parley.testing.TestParley;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /kb import} of files in Feishu, end to end: a command replying to a file message reads the parent message
 * and downloads its resource through the real Lark SDK from {@link FakeFeishuServer}; the import cap is 2000 bytes.
 */
class FeishuKbImportTest {
    private static final String APP_ID = "cli_kb_" + UUID.randomUUID().toString().substring(0, 8);
    private static final String ENCRYPT_KEY = "encrypt-key-" + UUID.randomUUID();
    private static final String VERIFICATION_TOKEN = "verify-token-" + UUID.randomUUID();
    private static final String OPERATOR = "ou_kb_operator";

    private static FakeFeishuServer feishu;
    private static TestParley app;
    private static FeishuEventSender events;

    @BeforeAll
    static void start() {
        feishu = FakeFeishuServer.start();
        app = TestParley.start("feishukb", Map.of(
                "feishu.app.id", APP_ID,
                "feishu.app.secret", "app-secret-" + UUID.randomUUID(),
                "feishu.encrypt.key", ENCRYPT_KEY,
                "feishu.verification.token", VERIFICATION_TOKEN,
                "feishu.base.url", feishu.baseUrl().toString(),
                "kb.max.import.bytes", "2000"));
        app.run("/role grant feishu:" + OPERATOR + " operator", "en");
        events = new FeishuEventSender(app, APP_ID, ENCRYPT_KEY, VERIFICATION_TOKEN);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        feishu.close();
    }

    @Test
    void kbImportReplyingToAMarkdownFileImportsItsSections() throws Exception {
        String chat = "oc_p2p_kb";
        String file = feishu.fileMessage(chat, "售后.md", """
                # 退货退款
                收到退货后 3-5 个工作日内办理退款。

                # 发票
                下单后可在订单页申请电子发票。
                """.getBytes(StandardCharsets.UTF_8));
        assertThat(events.reply(OPERATOR, chat, file, "/知识库 导入", false).status()).isEqualTo(200);
        await(() -> feishu.sentTo(chat).size() == 1);
        String card = feishu.sentTo(chat).get(0).content();
        assertThat(card).contains("已从 售后.md 导入 2 段");
        assertThat(feishu.downloads()).containsExactly(file);
        assertThat(app.run("/kb search 电子发票", "en").text()).contains("下单后可在订单页申请电子发票");
    }

    @Test
    void aFileOverTheCapOrNotTextIsRefusedAndAReplyToNoFileAsksForOne() throws Exception {
        String group = "oc_group_kb";
        String big = feishu.fileMessage(group, "big.txt", "x".repeat(2001).getBytes(StandardCharsets.UTF_8));
        events.reply(OPERATOR, group, big, "/kb import", true);
        await(() -> feishu.sentTo(group).size() == 1);
        assertThat(feishu.sentTo(group).get(0).content()).contains("big.txt", "up to 2 KiB");
        String huge = feishu.fileMessage(group, "huge.txt", new byte[8 << 20]);
        events.reply(OPERATOR, group, huge, "/kb import", true);
        await(() -> feishu.sentTo(group).size() == 2);
        assertThat(feishu.sentTo(group).get(1).content()).contains("huge.txt", "up to 2 KiB");
        await(() -> feishu.abortedDownloads().contains(huge));

        String pdf = feishu.fileMessage(group, "menu.pdf", "%PDF-1.7".getBytes(StandardCharsets.UTF_8));
        events.reply(OPERATOR, group, pdf, "/kb import", true);
        await(() -> feishu.sentTo(group).size() == 3);
        assertThat(feishu.sentTo(group).get(2).content()).contains("menu.pdf is not a text file");

        events.reply(OPERATOR, group, "om_some_text_message", "/kb import", true);
        await(() -> feishu.sentTo(group).size() == 4);
        assertThat(feishu.sentTo(group).get(3).content()).contains("What should I import?", "reply /kb import to the file");
        assertThat(app.count("SELECT COUNT(*) FROM kb_entries WHERE text LIKE '%PDF%' OR text LIKE 'xxx%'")).isZero();
    }

    @Test
    void aFileSentAloneInADirectChatIsAnsweredWithAHintAndNotDownloaded() throws Exception {
        String chat = "oc_p2p_kb_alone";
        int downloads = feishu.downloads().size();
        assertThat(events.file(OPERATOR, chat, "file_v3_alone", "faq.md").status()).isEqualTo(200);
        await(() -> feishu.sentTo(chat).size() == 1);
        assertThat(feishu.sentTo(chat).get(0).content()).contains("reply to it with /kb import");
        assertThat(feishu.downloads()).hasSize(downloads);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out; the fake saw " + feishu.sent().size() + " sends");
            }
            Thread.sleep(25);
        }
    }
}
