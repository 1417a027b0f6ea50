package dev.parley.channel.feishu;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import dev.parley.card.Button;
import dev.parley.card.Card;
import dev.parley.card.CardFile;
import dev.parley.card.CardImage;
import dev.parley.card.Progress;
import dev.parley.card.QrCodes;
import dev.parley.channel.ChannelException;
import dev.parley.channel.SentCard;
import dev.parley.i18n.Messages;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The channel's Open API side alone, against the fake: card rendering, uploads, file messages, patches, throttling. */
class FeishuChannelSendTest {
    private static FakeFeishuServer fake;
    private static FeishuChannel channel;

    @BeforeAll
    static void start() {
        fake = FakeFeishuServer.start();
        FeishuSettings settings = new FeishuSettings("cli_send_" + UUID.randomUUID().toString().substring(0, 8),
                "send-secret", "key", "", fake.baseUrl().toString(), FeishuSettings.WEBHOOK);
        channel = new FeishuChannel(new FeishuOpenApi(settings, Duration.ofSeconds(5)), FeishuChannel.limits(),
                Messages.load());
    }

    @AfterAll
    static void stop() {
        fake.close();
    }

    @Test
    void aCardWithEverythingBecomesOneInteractiveMessageAndItsFileAFileMessage() throws Exception {
        byte[] csv = "id,name\n1,客服\n".getBytes(StandardCharsets.UTF_8);
        Card card = Card.builder("Export").tone(Card.Tone.WARNING).text("**3** rows")
                .shortField("A", "1").shortField("B", "2").field("C", "long value")
                .image(new CardImage(QrCodes.png("hello"), "QR"))
                .progress(new Progress(3, 10))
                .button(Button.primary("Next", "/search x page:2")).button(Button.confirm("Delete", "/bot remove 1"))
                .footer("small print")
                .file(new CardFile("export.csv", "text/csv", csv))
                .build();
        SentCard sent = channel.send("oc_send", card, List.of("act1", "act2"), "en");

        List<FakeFeishuServer.Sent> messages = fake.sentTo("oc_send");
        assertThat(messages).extracting(FakeFeishuServer.Sent::msgType).containsExactly("interactive", "file");
        assertThat(sent.messageId()).isEqualTo(messages.get(0).messageId());
        JsonNode json = messages.get(0).card();
        assertThat(json.path("header").path("template").asText()).isEqualTo("orange");
        List<String> tags = json.path("body").path("elements").findValuesAsText("tag");
        assertThat(tags).startsWith("markdown", "column_set");
        assertThat(json.toString()).contains("█░", "30% (3/10)", "\"a\":\"act1\"", "\"a\":\"act2\"", "\"type\":\"danger\"",
                "\"text_size\":\"notation\"", fake.images().getLast().key());
        FakeFeishuServer.Upload file = fake.files().getLast();
        assertThat(file.name()).isEqualTo("export.csv");
        assertThat(file.bytes()).isEqualTo(csv);
        assertThat(messages.get(1).content()).contains(file.key());

        channel.edit(sent, Card.builder("Done").tone(Card.Tone.SUCCESS).build(), List.of(), "en");
        assertThat(fake.patched().getLast().messageId()).isEqualTo(sent.messageId());
        assertThat(fake.patched().getLast().card().path("header").path("template").asText()).isEqualTo("green");
    }

    @Test
    void throttlingIsATransientFailureWithTheWaitFeishuAsksFor() {
        fake.throttleSends(1);
        assertThatThrownBy(() -> channel.send("oc_throttle", Card.builder("Hi").build(), List.of(), "en"))
                .isInstanceOfSatisfying(ChannelException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(1));
                });
    }

    @Test
    void aWithdrawnMessageIsAPermanentFailure() {
        assertThatThrownBy(() -> channel.edit(new SentCard("feishu", "oc_x", "om_gone_1"), Card.builder("Hi").build(),
                List.of(), "en")).isInstanceOfSatisfying(ChannelException.class, e -> assertThat(e.isTransient()).isFalse());
    }

    @Test
    void aCardOverFeishusThirtyKilobytesIsCutToFitSayingSoAndKeepsItsButtons() throws Exception {
        Card.Builder many = Card.builder("Search").text("**400** results").button(Button.primary("Next", "/search x page:2"))
                .footer("page 1");
        for (int i = 0; i < 400; i++) {
            many.field("客服群 " + i, "消息内容".repeat(20) + " #" + i);
        }
        channel.send("oc_big", many.build(), List.of("next1"), "zh-CN");
        FakeFeishuServer.Sent sent = fake.sentTo("oc_big").getLast();
        assertThat(sent.content().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(30 * 1024);
        String card = sent.card().toString();
        assertThat(card).contains("**400** results", "客服群 0", "\"a\":\"next1\"", "page 1").doesNotContain("客服群 399");
        int shown = (int) sent.card().path("body").path("elements").findValuesAsText("content").stream()
                .filter(c -> c.startsWith("**客服群 ")).count();
        assertThat(shown).isGreaterThan(30);
        assertThat(card).contains("另有 " + (400 - shown) + " 项未显示");

        Card huge = Card.builder("Log").text("x".repeat(100_000)).button(Button.of("Again", "/status")).build();
        channel.send("oc_big", huge, List.of("again1"), "en");
        FakeFeishuServer.Sent cut = fake.sentTo("oc_big").getLast();
        assertThat(cut.content().getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(30 * 1024);
        assertThat(cut.card().toString()).contains("xxx…", "\"a\":\"again1\"");

        Card small = Card.builder("Fine").field("a", "b").build();
        channel.send("oc_big", small, List.of(), "en");
        assertThat(fake.sentTo("oc_big").getLast().card().toString()).doesNotContain("left out");
    }
}
