package dev.parley.channel.dingtalk;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;

import dev.parley.card.Button;
import dev.parley.card.Card;
import dev.parley.card.PlainText;
import dev.parley.i18n.Messages;

/**
 * Renders Parley's platform-neutral {@link Card} for DingTalk, in the two forms DingTalk offers:
 * <ul>
 *   <li>{@link #render}: a markdown message ({@code sampleMarkdown}, session webhook, custom robot). Markdown
 *       buttons cannot call back, so each becomes a link {@code dtmd://dingtalkclient/sendMessage?content=…}: a tap
 *       makes the presser send the command text to the robot, which arrives as an ordinary message (a DingTalk
 *       client link scheme that works in markdown; it is not in the OpenAPI reference, so treat it as best
 *       effort). Images and files cannot be shown in markdown (only URLs the client can reach), so they are named
 *       here and sent as separate messages.</li>
 *   <li>{@link #templateParams}: the variables of the interactive card template shipped in
 *       {@code deploy/dingtalk/parley-card-template.json}, whose buttons do call back.</li>
 * </ul>
 * DingTalk takes at most 15,000 bytes of message parameters, so a longer card is cut at a line, visibly, with a
 * localized note; its buttons and footer always stay.
 */
final class DingTalkMarkdown {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SEND_MESSAGE = "dtmd://dingtalkclient/sendMessage?content=";
    private static final int MAX_TITLE_CHARS = 100;

    /**
     * A markdown message.
     *
     * @param title shown in notifications and the chat list
     * @param text  the markdown body
     */
    record Markdown(String title, String text) {
        /** @return the robot OpenAPI message of it */
        RobotPayload payload() {
            return RobotPayload.markdown(title, text);
        }
    }

    private final Messages messages;
    private final Function<String, String> commandOf;

    /**
     * @param messages  the localized note shown where a card was cut
     * @param commandOf the text a person sends to press a button, by action id (e.g. {@code /press <actionId>})
     */
    DingTalkMarkdown(Messages messages, Function<String, String> commandOf) {
        this.messages = messages;
        this.commandOf = commandOf;
    }

    /**
     * @param card      the card
     * @param actionIds the action id of each of its buttons, in order
     * @param locale    the reader's locale, for the cut note
     * @return the markdown message, within DingTalk's size limit
     */
    Markdown render(Card card, List<String> actionIds, String locale) {
        requireIds(card, actionIds);
        String title = title(card);
        List<String> tail = new ArrayList<>();
        if (!card.buttons().isEmpty()) {
            List<String> links = new ArrayList<>();
            for (int i = 0; i < card.buttons().size(); i++) {
                links.add(link(card.buttons().get(i), actionIds.get(i)));
            }
            tail.add(String.join("  \n", links));
        }
        footer(card, tail);
        String body = body(card, true);
        String head = "#### " + title + (body.isEmpty() ? "" : "\n\n" + body);
        String text = fit(head, tail, locale, t -> Map.of("title", title, "text", t));
        return new Markdown(title, text);
    }

    /**
     * @param card         the card
     * @param actionIds    the action id of each of its buttons, in order
     * @param imageMediaId the uploaded image's {@code media_id}, or {@code null} when the card has none
     * @param locale       the reader's locale, for the cut note
     * @return the template's {@code cardParamMap}: {@code title}, {@code markdown} (body, fields, progress, footer),
     *         {@code buttons} (a JSON array of {@code {text, actionId, style}} as a string), {@code image}
     *         (a media id, or empty to hide it)
     */
    Map<String, String> templateParams(Card card, List<String> actionIds, String imageMediaId, String locale) {
        requireIds(card, actionIds);
        ArrayNode buttons = JSON.createArrayNode();
        for (int i = 0; i < card.buttons().size(); i++) {
            Button button = card.buttons().get(i);
            buttons.addObject().put("text", button.label()).put("actionId", actionIds.get(i))
                    .put("style", button.style().name().toLowerCase(Locale.ROOT));
        }
        List<String> tail = new ArrayList<>();
        footer(card, tail);
        String image = imageMediaId == null ? "" : imageMediaId;
        Map<String, String> params = new LinkedHashMap<>();
        params.put("title", title(card));
        params.put("markdown", "");
        params.put("buttons", buttons.toString());
        params.put("image", image);
        params.put("markdown", fit(body(card, image.isEmpty()), tail, locale, t -> {
            Map<String, String> trial = new LinkedHashMap<>(params);
            trial.put("markdown", t);
            return trial;
        }));
        return params;
    }

    private static void requireIds(Card card, List<String> actionIds) {
        if (actionIds.size() != card.buttons().size()) {
            throw new IllegalArgumentException("the card has " + card.buttons().size() + " buttons but "
                    + actionIds.size() + " action ids");
        }
    }

    /** DingTalk wants a title (notifications show it), so a card without one is titled with the product name. */
    private static String title(Card card) {
        String own = card.title() == null || card.title().isBlank() ? "Parley" : card.title().strip();
        String title = PlainText.mark(card.tone()) + own;
        return title.length() <= MAX_TITLE_CHARS ? title : title.substring(0, MAX_TITLE_CHARS - 1) + "…";
    }

    /** Text, fields, progress and (when not shown otherwise) the image's and file's names. */
    private static String body(Card card, boolean nameImage) {
        List<String> blocks = new ArrayList<>();
        if (card.text() != null && !card.text().isBlank()) {
            blocks.add(lines(card.text().strip()));
        }
        if (!card.fields().isEmpty()) {
            List<String> rows = new ArrayList<>();
            for (Card.Field field : card.fields()) {
                String value = field.value() == null ? "" : field.value().strip();
                rows.add("- **" + field.label() + "**" + (value.isEmpty() ? "" : ": " + value.replace("\n", "  \n  ")));
            }
            blocks.add(String.join("\n", rows));
        }
        if (card.progress() != null) {
            blocks.add(PlainText.bar(card.progress()));
        }
        if (nameImage && card.image() != null) {
            blocks.add("🖼 " + card.image().alt());
        }
        if (card.file() != null) {
            blocks.add("📎 " + card.file().name() + " (" + kib(card.file().bytes().length) + ")");
        }
        return String.join("\n\n", blocks);
    }

    private static void footer(Card card, List<String> tail) {
        if (card.footer() != null && !card.footer().isBlank()) {
            tail.add("> " + lines(card.footer().strip()).replace("  \n", "  \n> "));
        }
    }

    private String link(Button button, String actionId) {
        String content = URLEncoder.encode(commandOf.apply(actionId), StandardCharsets.UTF_8).replace("+", "%20");
        String label = button.style() == Button.Style.DANGER ? "⚠️ " + button.label() : button.label();
        return "[" + label.replace("[", "(").replace("]", ")") + "](" + SEND_MESSAGE + content + ")";
    }

    /** DingTalk markdown joins single newlines; two trailing spaces keep the break. */
    private static String lines(String text) {
        return text.replace("\r\n", "\n").replaceAll("(?<!\n)\n(?!\n)", "  \n");
    }

    private static String kib(int bytes) {
        return bytes < 1024 ? bytes + " B" : (bytes + 1023) / 1024 + " KiB";
    }

    /**
     * @param head   what may be cut
     * @param tail   what always stays (buttons, footer)
     * @param params the parameters DingTalk measures, given the text
     * @return head and tail, with head cut at a line and the note added if the parameters would be too large
     */
    private String fit(String head, List<String> tail, String locale, Function<String, Map<String, String>> params) {
        String whole = join(head, null, tail);
        if (fits(params.apply(whole))) {
            return whole;
        }
        String widestNote = note(locale, head.codePointCount(0, head.length()));
        int low = 0;
        int high = head.length();
        while (low < high) {
            int mid = (low + high + 1) >>> 1;
            if (fits(params.apply(join(head.substring(0, safe(head, mid)), widestNote, tail)))) {
                low = mid;
            } else {
                high = mid - 1;
            }
        }
        int cut = safe(head, low);
        int line = head.lastIndexOf('\n', cut);
        if (line > cut / 2) {
            cut = line;
        }
        String kept = head.substring(0, cut).stripTrailing();
        return join(kept, note(locale, head.codePointCount(cut, head.length())), tail);
    }

    private String note(String locale, int omitted) {
        return messages.text(locale, "dingtalk.card.cut", "count", omitted);
    }

    /** @return index, moved back so it does not split a surrogate pair */
    private static int safe(String text, int index) {
        return index > 0 && index < text.length() && Character.isHighSurrogate(text.charAt(index - 1)) ? index - 1
                : index;
    }

    private static String join(String head, String note, List<String> tail) {
        List<String> blocks = new ArrayList<>();
        if (!head.isEmpty()) {
            blocks.add(head);
        }
        if (note != null) {
            blocks.add(note);
        }
        blocks.addAll(tail);
        return String.join("\n\n", blocks);
    }

    private static boolean fits(Map<String, String> params) {
        try {
            return JSON.writeValueAsBytes(params).length <= RobotPayload.MAX_PARAM_BYTES;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("string parameters did not serialize", e);
        }
    }
}
