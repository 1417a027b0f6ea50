package dev.parley.channel.telegram;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import dev.parley.card.Button;
import dev.parley.card.Card;
import dev.parley.card.CardFile;
import dev.parley.card.CardImage;
import dev.parley.card.QrCodes;
import dev.parley.channel.ChannelException;
import dev.parley.channel.SentCard;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** How cards of every shape reach Telegram, through the real SDK against {@link FakeTelegramServer}. */
class TelegramCardsTest {
    private static FakeTelegramServer telegram;
    private static TelegramApi api;
    private static TelegramChannel channel;

    @BeforeAll
    static void start() {
        telegram = FakeTelegramServer.start(TelegramChannelTest.TOKEN);
        TelegramSettings settings = new TelegramSettings(TelegramChannelTest.TOKEN, URI.create(telegram.url().toString()),
                TelegramSettings.Mode.POLLING, null, null, 1 << 20);
        api = new TelegramApi(settings, Duration.ofSeconds(1), new TelegramStatus(TelegramSettings.Mode.POLLING));
        channel = new TelegramChannel(api, TelegramChannel.limits(Duration.ofSeconds(10)));
    }

    @AfterAll
    static void stop() {
        api.close();
        telegram.close();
    }

    @Test
    void aFileGoesAsADocumentAfterTheCard() throws Exception {
        byte[] csv = "id,name\n1,客服\n".getBytes(StandardCharsets.UTF_8);
        channel.send("501", Card.builder("Export").file(new CardFile("export.csv", "text/csv", csv)).build(), List.of(), "en");
        FakeTelegramServer.Call document = telegram.await("sendDocument", c -> c.field("chat_id").equals("501"));
        assertThat(document.upload("document").filename()).isEqualTo("export.csv");
        assertThat(document.upload("document").bytes()).isEqualTo(csv);
        assertThat(telegram.await("sendMessage", c -> c.field("chat_id").equals("501")).field("text")).contains("export.csv");
    }

    @Test
    void aLongCardIsSplitAndItsButtonsGoOnTheLastPart() throws Exception {
        Card.Builder card = Card.builder("Many").button(Button.of("Next", "/search x page:2"));
        for (int i = 0; i < 200; i++) {
            card.field("row " + i, "y".repeat(50));
        }
        SentCard sent = channel.send("502", card.build(), List.of("act1"), "en");
        List<FakeTelegramServer.Call> parts = telegram.calls("sendMessage").stream()
                .filter(c -> c.field("chat_id").equals("502")).toList();
        assertThat(parts).hasSizeGreaterThan(1);
        assertThat(parts.getLast().buttons()).containsExactly("act1");
        assertThat(parts.subList(0, parts.size() - 1)).allMatch(c -> c.buttons().isEmpty());
        assertThat(sent.messageId()).isEqualTo("t" + parts.getLast().field("_message_id"));
    }

    @Test
    void aLongCardThrottledHalfwayGoesOnFromThePartThatFailedAndSendsNoPartTwice() throws Exception {
        Card.Builder card = Card.builder("Many").button(Button.of("Next", "/search x page:2"));
        for (int i = 0; i < 200; i++) {
            card.field("row " + i, "w".repeat(50));
        }
        telegram.tooManyRequests("sendMessage", 1, 1);
        SentCard sent = channel.send("504", card.build(), List.of("act2"), "en");
        List<FakeTelegramServer.Call> parts = telegram.calls("sendMessage").stream()
                .filter(c -> c.field("chat_id").equals("504")).toList();
        assertThat(telegram.calls("sendMessage#429")).anyMatch(c -> c.field("chat_id").equals("504"));
        assertThat(parts).extracting(c -> c.field("text")).doesNotHaveDuplicates().hasSizeGreaterThan(2);
        assertThat(parts.getFirst().field("text")).contains("Many");
        assertThat(parts.getLast().buttons()).containsExactly("act2");
        assertThat(sent.messageId()).isEqualTo("t" + parts.getLast().field("_message_id"));
    }

    @Test
    void aPhotoWithALongTextComesWithItsTextAndEditsKeepThePhotoUnlessItChanged() throws Exception {
        CardImage qr = new CardImage(QrCodes.png("https://example.com/login/1"), "QR code");
        Card first = Card.builder("Scan").image(qr).text("z".repeat(1500)).button(Button.of("Cancel", "/bot cancel 1"))
                .build();
        SentCard sent = channel.send("503", first, List.of("c1"), "en");
        FakeTelegramServer.Call photo = telegram.await("sendPhoto", c -> c.field("chat_id").equals("503"));
        FakeTelegramServer.Call text = telegram.await("sendMessage", c -> c.field("chat_id").equals("503"));
        assertThat(photo.field("caption")).isEqualTo("<b>Scan</b>");
        assertThat(photo.buttons()).isEmpty();
        assertThat(text.buttons()).containsExactly("c1");
        assertThat(sent.messageId()).isEqualTo("p" + photo.field("_message_id") + "t" + text.field("_message_id"));

        channel.edit(sent, Card.builder("Scan").image(qr).text("40 s left").build(), List.of(), "en");
        FakeTelegramServer.Call edited = telegram.await("editMessageText", c -> c.field("chat_id").equals("503"));
        assertThat(edited.field("message_id")).isEqualTo(text.field("_message_id"));
        assertThat(edited.field("text")).contains("40 s left");
        assertThat(telegram.calls("editMessageMedia")).noneMatch(c -> c.field("chat_id").equals("503"));

        CardImage newQr = new CardImage(QrCodes.png("https://example.com/login/2"), "QR code");
        channel.edit(sent, Card.builder("Scan again").image(newQr).text("new code").build(), List.of(), "en");
        FakeTelegramServer.Call media = telegram.await("editMessageMedia", c -> c.field("chat_id").equals("503"));
        assertThat(media.field("message_id")).isEqualTo(photo.field("_message_id"));
        assertThat(TelegramChannelTest.decodeQr(media.files().values().iterator().next().bytes()))
                .isEqualTo("https://example.com/login/2");
    }

    @Test
    void settingsPrintWithoutTheTokenOrTheSecret() {
        TelegramSettings settings = new TelegramSettings(TelegramChannelTest.TOKEN, URI.create("https://api.telegram.org"),
                TelegramSettings.Mode.WEBHOOK, "s3cret-hook", "https://parley.example.com/webhooks/telegram", 1024);
        assertThat(settings.toString()).doesNotContain(TelegramChannelTest.TOKEN, "s3cret-hook").contains("WEBHOOK");
    }

    @Test
    void tooManyRequestsIsATransientFailureWithTelegramsWait() {
        telegram.tooManyRequests("sendMessage", 7);
        assertThatThrownBy(() -> channel.send("504", Card.builder("Hi").build(), List.of(), "en"))
                .isInstanceOfSatisfying(ChannelException.class, e -> {
                    assertThat(e.isTransient()).isTrue();
                    assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(7));
                    assertThat(e.getMessage()).doesNotContain(TelegramChannelTest.TOKEN);
                });
    }
}
