package dev.parley.connector.gewe;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.parley.message.InboundMessage;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads GeWe's loosely typed JSON. Keys match whatever their case and underscores ({@code NewMsgId},
 * {@code newMsgId}, {@code new_msg_id}); strings may be wrapped as {@code {"string": …}} (an empty
 * wrapper {@code {}} means absent); ids come out as the exact digits sent, never through a
 * {@code long} or {@code double}, because they exceed signed 64 bits.
 */
final class JsonFields {

    private JsonFields() {
    }

    /**
     * @param object a JSON object (anything else has no fields)
     * @param name   the official key
     * @return the value under that key in any case and with or without underscores; {@code null} when
     *     absent or JSON {@code null}
     */
    static JsonNode field(JsonNode object, String name) {
        if (object == null || !object.isObject()) {
            return null;
        }
        JsonNode value = object.get(name);
        if (value == null) {
            for (Map.Entry<String, JsonNode> entry : object.properties()) {
                if (sameKey(entry.getKey(), name)) {
                    value = entry.getValue();
                    break;
                }
            }
        }
        return value == null || value.isNull() ? null : value;
    }

    /**
     * @param object a JSON object
     * @param name   the official key
     * @return whether the key is present with a non-null value
     */
    static boolean has(JsonNode object, String name) {
        return field(object, name) != null;
    }

    /**
     * @param object a JSON object
     * @param name   the official key
     * @return the string value, unwrapped from {@code {"string": …}}; numbers and booleans as text;
     *     {@code null} when absent, an empty wrapper, an array or an object that is not a wrapper
     */
    static String text(JsonNode object, String name) {
        JsonNode value = unwrap(field(object, name));
        return value == null || value.isContainerNode() ? null : value.asText();
    }

    /**
     * @param object    a JSON object
     * @param name      the official key
     * @param label     the field's name in error messages, e.g. {@code Data.NewMsgId}
     * @param maxLength the longest accepted id
     * @return the id exactly as sent (digits of a JSON integer of any size, or a stripped string), or
     *     {@code null} when absent or blank
     * @throws GeweCallbackException if the value is not an integer or a string, or is too long
     */
    static String id(JsonNode object, String name, String label, int maxLength) throws GeweCallbackException {
        JsonNode value = unwrap(field(object, name));
        if (value == null) {
            return null;
        }
        String id;
        if (value.isTextual()) {
            id = value.textValue().strip();
        } else if (value.isIntegralNumber()) {
            id = value.asText();
        } else {
            throw GeweCallbackException.badField(label, "expected an integer or a string");
        }
        if (id.isEmpty()) {
            return null;
        }
        if (id.length() > maxLength) {
            throw GeweCallbackException.fieldTooLong(label, maxLength);
        }
        return id;
    }

    /**
     * Like {@link #id} for a field that must be present.
     *
     * @param object    a JSON object
     * @param name      the official key
     * @param label     the field's name in error messages
     * @param maxLength the longest accepted id
     * @return the id exactly as sent
     * @throws GeweCallbackException if it is absent or blank, not an integer or a string, or too long
     */
    static String requiredId(JsonNode object, String name, String label, int maxLength) throws GeweCallbackException {
        String id = id(object, name, label, maxLength);
        if (id == null) {
            throw GeweCallbackException.missingField(label);
        }
        return id;
    }

    /**
     * A message id, which must be present and printable ASCII: ids are stored as ASCII, so two differing only in
     * other characters would be taken for one message.
     *
     * @param object a JSON object
     * @param name   the official key
     * @param label  the field's name in error messages
     * @return the id exactly as sent
     * @throws GeweCallbackException if it is absent, not an integer or a string, too long, or not printable ASCII
     */
    static String messageId(JsonNode object, String name, String label) throws GeweCallbackException {
        String id = requiredId(object, name, label, GeweCallbackParser.MAX_MSG_ID_LENGTH);
        if (!InboundMessage.isPlainId(id)) {
            throw GeweCallbackException.badField(label, "expected ASCII letters, digits and punctuation");
        }
        return id;
    }

    /**
     * @param object a JSON object
     * @param name   the official key
     * @param label  the field's name in error messages
     * @return the integer (a JSON integer or a string of digits), or {@code null} when absent or blank
     * @throws GeweCallbackException if the value is not an integer that fits 64 bits
     */
    static Long integer(JsonNode object, String name, String label) throws GeweCallbackException {
        JsonNode value = unwrap(field(object, name));
        if (value == null) {
            return null;
        }
        if (value.isIntegralNumber() && value.canConvertToLong()) {
            return value.longValue();
        }
        if (value.isTextual()) {
            String digits = value.textValue().strip();
            if (digits.isEmpty()) {
                return null;
            }
            try {
                return Long.parseLong(digits);
            } catch (NumberFormatException notDigits) {
                throw GeweCallbackException.badField(label, "expected an integer");
            }
        }
        throw GeweCallbackException.badField(label, "expected an integer");
    }

    /**
     * @param object a JSON object
     * @param name   the official key
     * @return a JSON boolean, {@code "true"}/{@code "false"} or {@code 1}/{@code 0}; {@code null} for
     *     anything else
     */
    static Boolean bool(JsonNode object, String name) {
        JsonNode value = unwrap(field(object, name));
        if (value == null) {
            return null;
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        if (value.isIntegralNumber() && value.canConvertToInt()) {
            int number = value.intValue();
            return number == 1 ? Boolean.TRUE : number == 0 ? Boolean.FALSE : null;
        }
        if (value.isTextual()) {
            String word = value.textValue().strip();
            return word.equalsIgnoreCase("true") ? Boolean.TRUE : word.equalsIgnoreCase("false") ? Boolean.FALSE : null;
        }
        return null;
    }

    /**
     * @param object a JSON object
     * @param name   the official key
     * @return the strings of a JSON array (scalars only), or the items of a comma-separated string;
     *     {@code null} when absent
     */
    static List<String> strings(JsonNode object, String name) {
        JsonNode value = unwrap(field(object, name));
        if (value == null) {
            return null;
        }
        List<String> items = new ArrayList<>();
        if (value.isArray()) {
            for (JsonNode item : value) {
                JsonNode scalar = unwrap(item);
                if (scalar != null && scalar.isValueNode() && !scalar.isNull()) {
                    items.add(scalar.asText());
                }
            }
        } else if (value.isValueNode()) {
            items.addAll(List.of(value.asText().split(",")));
        }
        return items;
    }

    /**
     * @param key      a key as sent
     * @param official the official key
     * @return whether they are equal ignoring ASCII case and underscores
     */
    static boolean sameKey(String key, String official) {
        int i = 0;
        int j = 0;
        while (true) {
            while (i < key.length() && key.charAt(i) == '_') {
                i++;
            }
            while (j < official.length() && official.charAt(j) == '_') {
                j++;
            }
            if (i == key.length() || j == official.length()) {
                return i == key.length() && j == official.length();
            }
            if (Character.toLowerCase(key.charAt(i)) != Character.toLowerCase(official.charAt(j))) {
                return false;
            }
            i++;
            j++;
        }
    }

    /** The value inside a {@code {"string": …}} wrapper; an empty object is an empty wrapper. */
    private static JsonNode unwrap(JsonNode value) {
        if (value == null || !value.isObject()) {
            return value;
        }
        JsonNode wrapped = field(value, "string");
        return wrapped != null || value.isEmpty() ? wrapped : value;
    }
}
