package dev.parley.card;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The JSON form of a card returned by the HTTP command channel. Images are inlined as
 * {@code data:image/png;base64,…} URLs; absent parts are omitted rather than null.
 */
public final class CardJson {
    private CardJson() {
    }

    /**
     * @param card the card
     * @return its JSON object
     */
    public static ObjectNode toJson(Card card) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ObjectNode json = f.objectNode();
        json.put("tone", card.tone().name().toLowerCase(java.util.Locale.ROOT));
        putIfPresent(json, "title", card.title());
        putIfPresent(json, "text", card.text());
        if (!card.fields().isEmpty()) {
            ArrayNode fields = json.putArray("fields");
            for (Card.Field field : card.fields()) {
                ObjectNode node = fields.addObject().put("label", field.label());
                putIfPresent(node, "value", field.value());
                if (field.inline()) {
                    node.put("inline", true);
                }
            }
        }
        if (card.image() != null) {
            json.putObject("image").put("src", card.image().dataUrl()).put("alt", card.image().alt());
        }
        if (card.file() != null) {
            json.putObject("file").put("name", card.file().name()).put("mediaType", card.file().mediaType())
                    .put("size", card.file().bytes().length).put("data", card.file().dataUrl());
        }
        if (card.progress() != null) {
            json.putObject("progress").put("done", card.progress().done()).put("total", card.progress().total());
        }
        if (!card.buttons().isEmpty()) {
            ArrayNode buttons = json.putArray("buttons");
            for (Button button : card.buttons()) {
                buttons.addObject()
                        .put("label", button.label())
                        .put("command", button.command())
                        .put("style", button.style().name().toLowerCase(java.util.Locale.ROOT));
            }
        }
        putIfPresent(json, "footer", card.footer());
        return json;
    }

    private static void putIfPresent(ObjectNode json, String name, String value) {
        if (value != null && !value.isBlank()) {
            json.put(name, value);
        }
    }
}
