package dev.parley.connector.gewe;

import java.util.Map;

/**
 * A GeWe callback body that cannot be understood. It names a locale key and its arguments so the
 * webhook endpoint can answer with a clear, localized client error; {@link #getMessage()} is an English
 * line for logs. No stack trace is captured: this is bad input, not a bug.
 */
public final class GeweCallbackException extends Exception {

    private final String key;
    private final Map<String, Object> args;

    private GeweCallbackException(String message, String key, Map<String, Object> args) {
        super(message, null, false, false);
        this.key = key;
        this.args = args;
    }

    /**
     * @param detail the JSON parser's short explanation
     * @return an error for a body that is not JSON
     */
    static GeweCallbackException malformedJson(String detail) {
        return new GeweCallbackException("Malformed JSON: " + detail,
                "webhook.error.malformed_json", Map.of("detail", detail));
    }

    /** @return an error for a body that is JSON but not an object */
    static GeweCallbackException notAnObject() {
        return new GeweCallbackException("The body is not a JSON object", "webhook.error.not_an_object", Map.of());
    }

    /**
     * @param field the official field name, e.g. {@code Data.NewMsgId}
     * @return an error for a required field that is absent or blank
     */
    static GeweCallbackException missingField(String field) {
        return new GeweCallbackException("Missing field " + field,
                "webhook.error.missing_field", Map.of("field", field));
    }

    /**
     * @param field the official field name
     * @param max   the longest accepted length in characters
     * @return an error for a field that is too long
     */
    static GeweCallbackException fieldTooLong(String field, int max) {
        return new GeweCallbackException("Field " + field + " is longer than " + max + " characters",
                "webhook.error.field_too_long", Map.of("field", field, "max", max));
    }

    /**
     * @param field  the official field name
     * @param detail what is wrong with it, in a few English words
     * @return an error for a field of the wrong kind
     */
    static GeweCallbackException badField(String field, String detail) {
        return new GeweCallbackException("Field " + field + " is invalid: " + detail,
                "webhook.error.bad_field", Map.of("field", field, "detail", detail));
    }

    /** @return the locale key of the client error, e.g. {@code webhook.error.missing_field} */
    public String key() {
        return key;
    }

    /** @return the placeholders of the locale message, by name */
    public Map<String, Object> args() {
        return args;
    }
}
