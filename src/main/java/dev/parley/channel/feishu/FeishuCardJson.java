package dev.parley.channel.feishu;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;

import dev.parley.card.Button;
import dev.parley.card.Card;
import dev.parley.card.PlainText;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders a {@link Card} as a Feishu interactive card in JSON 2.0 (the SDK's card builders only produce
 * 1.0): a header coloured by tone, markdown body and fields (short fields side by side), the image by its
 * uploaded {@code img_key}, progress as a text bar, one callback button per action whose value carries the
 * engine's action id, and the footer in small print. {@code update_multi} is set so the card can be
 * patched later (live cards, button answers). A card over Feishu's 30 KB is cut to fit, saying so, rather than
 * refused: Telegram splits long cards into several messages, but a Feishu card is one message.
 */
final class FeishuCardJson {
    /** The key of a button's callback value that holds the engine's action id. */
    static final String ACTION_KEY = "a";
    /** Feishu refuses cards over 30 KB (error 230025); a little is left for the message around the card. */
    static final int MAX_BYTES = 29 * 1024;
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private FeishuCardJson() {
    }

    /**
     * @param card      the card
     * @param actionIds one action id per button
     * @param imageKey  the uploaded image's key, or {@code null} when the card has none
     * @param omitted   the note that says how many fields were left out (given that number) when the card had to
     *                  be cut to Feishu's size limit
     * @return the card JSON, at most {@link #MAX_BYTES}: fields are dropped from the end (the buttons and footer
     *         stay), and a text too long on its own is cut
     */
    static ObjectNode render(Card card, List<String> actionIds, String imageKey, IntFunction<String> omitted) {
        ObjectNode whole = build(card, card.text(), card.fields(), null, actionIds, imageKey);
        if (fits(whole)) {
            return whole;
        }
        List<Card.Field> fields = card.fields();
        int low = 0;
        int high = fields.size() - 1;
        ObjectNode best = null;
        while (low <= high) {
            int keep = (low + high) >>> 1;
            ObjectNode tried = build(card, card.text(), fields.subList(0, keep), omitted.apply(fields.size() - keep),
                    actionIds, imageKey);
            if (fits(tried)) {
                best = tried;
                low = keep + 1;
            } else {
                high = keep - 1;
            }
        }
        if (best != null) {
            return best;
        }
        String note = fields.isEmpty() ? null : omitted.apply(fields.size());
        String text = card.text() == null ? "" : card.text();
        ObjectNode cut;
        do {
            text = text.substring(0, text.length() / 2);
            cut = build(card, text + "…", List.of(), note, actionIds, imageKey);
        } while (!fits(cut) && !text.isEmpty());
        return cut;
    }

    private static boolean fits(ObjectNode json) {
        return json.toString().getBytes(StandardCharsets.UTF_8).length <= MAX_BYTES;
    }

    private static ObjectNode build(Card card, String text, List<Card.Field> fields, String omittedNote,
                                    List<String> actionIds, String imageKey) {
        ObjectNode json = NODES.objectNode();
        json.put("schema", "2.0");
        ObjectNode config = json.putObject("config");
        config.put("update_multi", true);
        config.putObject("summary").put("content", card.title());
        ObjectNode header = json.putObject("header");
        header.set("title", plain(card.title()));
        header.put("template", template(card.tone()));
        ArrayNode elements = json.putObject("body").putArray("elements");
        if (text != null && !text.isBlank()) {
            elements.add(markdown(text));
        }
        addFields(elements, fields);
        if (omittedNote != null) {
            elements.add(markdown(omittedNote).put("text_size", "notation"));
        }
        if (card.image() != null && imageKey != null) {
            elements.addObject().put("tag", "img").put("img_key", imageKey).set("alt", plain(card.image().alt()));
        }
        if (card.progress() != null) {
            elements.add(markdown(PlainText.bar(card.progress())));
        }
        for (int i = 0; i < card.buttons().size(); i++) {
            elements.add(button(card.buttons().get(i), actionIds.get(i)));
        }
        if (card.footer() != null && !card.footer().isBlank()) {
            elements.add(markdown(card.footer()).put("text_size", "notation"));
        }
        return json;
    }

    private static void addFields(ArrayNode elements, List<Card.Field> fields) {
        List<Card.Field> row = new ArrayList<>();
        for (Card.Field field : fields) {
            if (field.inline()) {
                row.add(field);
                if (row.size() == 2) {
                    elements.add(columns(row));
                    row.clear();
                }
                continue;
            }
            if (!row.isEmpty()) {
                elements.add(columns(row));
                row.clear();
            }
            elements.add(markdown(fieldText(field)));
        }
        if (!row.isEmpty()) {
            elements.add(columns(row));
        }
    }

    private static ObjectNode columns(List<Card.Field> fields) {
        ObjectNode set = NODES.objectNode().put("tag", "column_set");
        ArrayNode columns = set.putArray("columns");
        for (Card.Field field : fields) {
            ObjectNode column = columns.addObject().put("tag", "column").put("width", "weighted").put("weight", 1);
            column.putArray("elements").add(markdown(fieldText(field)));
        }
        return set;
    }

    private static String fieldText(Card.Field field) {
        return "**" + field.label() + "**\n" + field.value();
    }

    private static ObjectNode button(Button button, String actionId) {
        ObjectNode json = NODES.objectNode().put("tag", "button");
        json.set("text", plain(button.label()));
        json.put("type", switch (button.style()) {
            case PRIMARY -> "primary";
            case DANGER -> "danger";
            case DEFAULT -> "default";
        });
        json.putArray("behaviors").addObject().put("type", "callback").putObject("value").put(ACTION_KEY, actionId);
        return json;
    }

    private static String template(Card.Tone tone) {
        return switch (tone) {
            case INFO -> "blue";
            case SUCCESS -> "green";
            case WARNING -> "orange";
            case ERROR -> "red";
        };
    }


    private static ObjectNode markdown(String content) {
        return NODES.objectNode().put("tag", "markdown").put("content", content);
    }

    private static ObjectNode plain(String content) {
        return NODES.objectNode().put("tag", "plain_text").put("content", content);
    }
}
