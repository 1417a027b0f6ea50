package dev.parley.channel.telegram;

import java.util.List;

import dev.parley.card.Button;
import dev.parley.card.Card;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Cards as Telegram HTML, within Telegram's lengths; and which typed texts are for this bot. */
class TelegramTextTest {
    @Test
    void markupIsEscapedAndOnlyCompleteBoldPairsBecomeBold() {
        Card card = Card.builder("<Alerts> & more").tone(Card.Tone.WARNING).text("a **b** c ** d <script>")
                .field("x<y", "**1**").footer("f&g").build();
        String html = TelegramText.split(TelegramText.lines(card, false), TelegramText.MESSAGE_LIMIT).get(0);
        assertThat(html).isEqualTo("⚠ <b>&lt;Alerts&gt; &amp; more</b>\na <b>b</b> c ** d &lt;script&gt;\n"
                + "• <b>x&lt;y</b>: <b>1</b>\n<i>f&amp;g</i>");
    }

    @Test
    void aLongCardIsSplitBetweenLinesAndAnEditIsCutWithAnEllipsis() {
        Card.Builder builder = Card.builder("Hits");
        for (int i = 0; i < 300; i++) {
            builder.field("hit " + i, "x".repeat(40) + " <" + i + ">");
        }
        List<TelegramText.Line> lines = TelegramText.lines(builder.build(), false);
        List<String> parts = TelegramText.split(lines, TelegramText.MESSAGE_LIMIT);
        assertThat(parts).hasSizeGreaterThan(3);
        assertThat(parts).allMatch(p -> visible(p) <= TelegramText.MESSAGE_LIMIT && !p.startsWith("\n"));
        assertThat(String.join("\n", parts)).contains("hit 0</b>", "hit 299</b>");
        String cut = TelegramText.fit(lines, TelegramText.CAPTION_LIMIT);
        assertThat(visible(cut)).isLessThanOrEqualTo(TelegramText.CAPTION_LIMIT);
        assertThat(cut).endsWith("\n…").doesNotContain("hit 299");
    }

    @Test
    void aCaptionStaysWithinItsLimitEvenWithOneVeryLongLine() {
        Card card = Card.builder("QR").text("w".repeat(3000)).field("label " + "l".repeat(900), "v".repeat(900)).build();
        String caption = TelegramText.fit(TelegramText.captionLines(card), TelegramText.CAPTION_LIMIT);
        assertThat(visible(caption)).isLessThanOrEqualTo(TelegramText.CAPTION_LIMIT);
        assertThat(caption).startsWith("<b>QR</b>\nwww");
    }

    @Test
    void keyboardsCarryTheActionIdsAsCallbackData() {
        var keyboard = InlineKeyboards.of(List.of(Button.of("A", "/a"), Button.of("B", "/b"),
                Button.of("A rather long button label", "/c")), List.of("id1", "id2", "id3"));
        assertThat(keyboard.getKeyboard()).hasSize(2);
        assertThat(keyboard.getKeyboard().get(0).get(1).getCallbackData()).isEqualTo("id2");
    }

    @Test
    void groupsOnlyReadCommandsAddressedToThisBotOrToNoBot() {
        assertThat(UpdateRouter.commandText("/help@Parley_Bot search", true, "parley_bot")).contains("/help search");
        assertThat(UpdateRouter.commandText("/help@other_bot", true, "parley_bot")).isEmpty();
        assertThat(UpdateRouter.commandText("/help", true, "parley_bot")).contains("/help");
        assertThat(UpdateRouter.commandText("hello", true, "parley_bot")).isEmpty();
        assertThat(UpdateRouter.commandText("hello", false, "parley_bot")).contains("hello");
    }

    @Test
    void messageReferencesRoundTrip() {
        assertThat(MessageRef.parse("p12t13")).isEqualTo(new MessageRef(12, 13));
        assertThat(MessageRef.parse(new MessageRef(null, 7).toString()).withButtons()).isEqualTo(7);
        assertThat(MessageRef.parse("p5").withButtons()).isEqualTo(5);
    }

    private static int visible(String html) {
        return html.replaceAll("<[^>]+>", "").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&").length();
    }
}
