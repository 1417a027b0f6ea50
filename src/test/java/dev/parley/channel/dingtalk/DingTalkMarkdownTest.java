package dev.parley.channel.dingtalk;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import dev.parley.card.Button;
import dev.parley.card.Card;
import dev.parley.card.CardFile;
import dev.parley.card.CardImage;
import dev.parley.card.Progress;
import dev.parley.i18n.Messages;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Cards as DingTalk markdown and as the interactive template's variables; card callbacks read back. */
class DingTalkMarkdownTest {
    private static final Messages MESSAGES = Messages.load();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SEND_LINK = Pattern.compile("\\[([^\\]]*)]\\(dtmd://dingtalkclient/sendMessage\\?content=([^)]*)\\)");
    private final DingTalkMarkdown markdown = new DingTalkMarkdown(MESSAGES, id -> "/press " + id);

    private static Card sample() {
        return Card.builder("Accounts").tone(Card.Tone.SUCCESS).text("**3** online\nsecond line")
                .field("wx_1", "online").shortField("wx_2", "offline\nsince 09:00")
                .progress(new Progress(3, 4)).image(new CardImage(new byte[] {1}, "QR code of wx_3"))
                .file(new CardFile("accounts.csv", "text/csv", new byte[2048]))
                .button(Button.primary("Refresh", "/bot list")).button(Button.confirm("Log out 退出", "/bot logout wx_1"))
                .footer("Updated 09:30").build();
    }

    @Test
    void aCardBecomesMarkdownWithButtonsThatSendTheCommand() {
        DingTalkMarkdown.Markdown m = markdown.render(sample(), List.of("a1", "a2"), "en");
        assertThat(m.title()).isEqualTo("✔ Accounts");
        assertThat(m.text()).startsWith("#### ✔ Accounts\n\n**3** online  \nsecond line")
                .contains("- **wx_1**: online\n- **wx_2**: offline  \n  since 09:00")
                .contains("75%").contains("🖼 QR code of wx_3").contains("📎 accounts.csv (2 KiB)")
                .endsWith("> Updated 09:30");
        Matcher links = SEND_LINK.matcher(m.text());
        assertThat(links.find()).isTrue();
        assertThat(links.group(1)).isEqualTo("Refresh");
        assertThat(links.group(2)).isEqualTo("%2Fpress%20a1");
        assertThat(links.find()).isTrue();
        assertThat(links.group(1)).isEqualTo("⚠️ Log out 退出");
        assertThat(URLDecoder.decode(links.group(2), StandardCharsets.UTF_8)).isEqualTo("/press a2");
        assertThat(m.payload().msgKey()).isEqualTo("sampleMarkdown");
    }

    @Test
    void aHugeCardIsCutVisiblyUnderTheLimitKeepingButtonsAndFooter() throws Exception {
        Card.Builder builder = Card.builder("Search").text("results");
        for (int i = 0; i < 2000; i++) {
            builder.field("hit " + i, "订单 " + i + " 退款 \"quoted\" \\ path");
        }
        Card card = builder.button(Button.of("Next page", "/search page:2")).footer("page 1").build();
        for (String locale : List.of("en", "zh-CN")) {
            DingTalkMarkdown.Markdown m = markdown.render(card, List.of("n1"), locale);
            byte[] msgParam = JSON.writeValueAsBytes(Map.of("title", m.title(), "text", m.text()));
            assertThat(msgParam.length).isLessThanOrEqualTo(RobotPayload.MAX_PARAM_BYTES)
                    .isGreaterThan(RobotPayload.MAX_PARAM_BYTES - 1000);
            assertThat(m.text()).contains("✂").contains("%2Fpress%20n1").endsWith("> page 1");
            assertThat(m.text()).contains("hit 0").doesNotContain("hit 1999");
        }
        DingTalkMarkdown.Markdown small = markdown.render(sample(), List.of("a1", "a2"), "en");
        assertThat(small.text()).doesNotContain("✂");
    }

    @Test
    void aCardWithoutTitleIsTitledParleyBecauseDingTalkNeedsOne() {
        DingTalkMarkdown.Markdown m = markdown.render(Card.error(" ", "It failed"), List.of(), "en");
        assertThat(m.title()).isEqualTo("✖ Parley");
        assertThat(m.text()).isEqualTo("#### ✖ Parley\n\nIt failed");
    }

    @Test
    void buttonsAndActionIdsMustPairUp() {
        assertThatThrownBy(() -> markdown.render(sample(), List.of("a1"), "en"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("2 buttons");
    }

    @Test
    void templateParamsAreStringsMatchingTheShippedTemplate() throws Exception {
        Map<String, String> params = markdown.templateParams(sample(), List.of("a1", "a2"), "@media-9", "zh-CN");
        assertThat(params).containsOnlyKeys("title", "markdown", "buttons", "image");
        assertThat(params.get("title")).isEqualTo("✔ Accounts");
        assertThat(params.get("image")).isEqualTo("@media-9");
        assertThat(params.get("markdown")).contains("- **wx_1**: online").doesNotContain("🖼")
                .doesNotContain("dtmd://").endsWith("> Updated 09:30");
        JsonNode buttons = JSON.readTree(params.get("buttons"));
        assertThat(buttons).hasSize(2);
        assertThat(buttons.get(0).path("text").asText()).isEqualTo("Refresh");
        assertThat(buttons.get(0).path("actionId").asText()).isEqualTo("a1");
        assertThat(buttons.get(0).path("style").asText()).isEqualTo("primary");
        assertThat(buttons.get(1).path("style").asText()).isEqualTo("danger");
        assertThat(markdown.templateParams(sample(), List.of("a1", "a2"), null, "en").get("image")).isEmpty();

        JsonNode template = JSON.readTree(Files.readAllBytes(Path.of("deploy/dingtalk/parley-card-template.json")));
        JsonNode editor = JSON.readTree(template.path("editorData").asText());
        List<String> variables = new ArrayList<>();
        editor.path("variableList").forEach(v -> variables.add(v.path("name").asText()));
        assertThat(variables).containsExactlyInAnyOrderElementsOf(params.keySet());
    }

    @Test
    void cardCallbacksAreRead() {
        String content = "{\\\"cardPrivateData\\\":{\\\"actionIds\\\":[\\\"parley\\\"],\\\"params\\\":{\\\"actionId\\\":\\\"a2\\\"}}}";
        CardCallback press = CardCallback.parse("{\"outTrackId\":\"card-1\",\"userId\":\"staff1\",\"corpId\":\"c\","
                + "\"content\":\"" + content + "\",\"new\":1}");
        assertThat(press).isEqualTo(new CardCallback("staff1", "card-1", "a2"));
        CardCallback byActionIds = CardCallback.parse("{\"outTrackId\":\"card-1\",\"userId\":\"staff1\","
                + "\"content\":\"{\\\"cardPrivateData\\\":{\\\"actionIds\\\":[\\\"a5\\\"]}}\"}");
        assertThat(byActionIds.actionId()).isEqualTo("a5");
        assertThatThrownBy(() -> CardCallback.parse("{\"outTrackId\":\"c\",\"userId\":\"u\",\"content\":\"{}\"}"))
                .hasMessageContaining("action id");
        assertThatThrownBy(() -> CardCallback.parse("{\"outTrackId\":\"c\",\"userId\":\"u\",\"content\":\"{broken\"}"))
                .hasMessageContaining("malformed");
        assertThatThrownBy(() -> CardCallback.parse("nope")).isInstanceOf(IllegalArgumentException.class);
    }
}
