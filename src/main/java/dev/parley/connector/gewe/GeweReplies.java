package dev.parley.connector.gewe;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads the {@code data} of GeWe API replies leniently: absent, {@code null} and blank values are
 * {@code null}, a value of the wrong kind is ignored rather than fatal, and ids keep their exact
 * digits however large. Key matching and {@code {"string": …}} unwrapping come from {@link JsonFields}.
 */
final class GeweReplies {

    private GeweReplies() {
    }

    /**
     * @param object a JSON object
     * @param name   the official key
     * @return the text, or {@code null} when absent or blank
     */
    static String text(JsonNode object, String name) {
        String text = JsonFields.text(object, name);
        return text == null || text.isBlank() ? null : text;
    }

    /**
     * @param object a JSON object
     * @param name   the official key
     * @return the id exactly as sent: the digits of a JSON integer of any size (also one written with
     *     a fraction of zeros) or a stripped string; {@code null} when absent or blank
     */
    static String id(JsonNode object, String name) {
        JsonNode value = JsonFields.field(object, name);
        if (value != null && value.isFloatingPointNumber()) {
            BigDecimal number = value.decimalValue().stripTrailingZeros();
            return number.scale() <= 0 ? number.toBigInteger().toString() : number.toPlainString();
        }
        String id = text(object, name);
        return id == null ? null : id.strip();
    }

    /**
     * @param object a JSON object
     * @param name   the official key
     * @return the integer (a JSON integer or a string of digits that fits an {@code int}), or
     *     {@code null} for anything else
     */
    static Integer integer(JsonNode object, String name) {
        String text = id(object, name);
        if (text == null) {
            return null;
        }
        try {
            return Integer.valueOf(text);
        } catch (NumberFormatException notAnInt) {
            return null;
        }
    }

    /**
     * @param value a JSON value
     * @return a JSON boolean, {@code "true"}/{@code "false"} or {@code 1}/{@code 0}; {@code null} for
     *     anything else
     */
    static Boolean bool(JsonNode value) {
        if (value == null) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        String word = value.isValueNode() ? value.asText().strip() : "";
        return switch (word.toLowerCase(Locale.ROOT)) {
            case "true", "1" -> Boolean.TRUE;
            case "false", "0" -> Boolean.FALSE;
            default -> null;
        };
    }

    /**
     * @param object a JSON object
     * @param name   the official key
     * @return the non-blank strings of an array (or of a comma-separated string); empty when absent
     */
    static List<String> strings(JsonNode object, String name) {
        List<String> items = JsonFields.strings(object, name);
        if (items == null) {
            return List.of();
        }
        return items.stream().map(String::strip).filter(item -> !item.isEmpty()).toList();
    }

    /**
     * @param array a JSON array, or anything else
     * @return its elements that are objects; empty for anything that is not an array
     */
    static List<JsonNode> objects(JsonNode array) {
        List<JsonNode> objects = new ArrayList<>();
        if (array != null && array.isArray()) {
            for (JsonNode item : array) {
                if (item.isObject()) {
                    objects.add(item);
                }
            }
        }
        return objects;
    }
}
