package dev.parley.connector.gewe;

import java.io.IOException;
import java.util.Objects;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.parley.connector.gewe.GeweCallback.Ping;

/**
 * Parses the body of a GeWe webhook callback into a {@link GeweCallback}. It accepts every shape GeWe
 * has been seen to send (§3 of {@code reference/gewe.md}): the documented envelope in either key
 * spelling, the flat v2 shape, and the verification pings. It is pure, thread-safe and cheap to call
 * on every request: one shared JSON reader, no I/O.
 *
 * <pre>{@code
 * GeweCallbackParser parser = GeweCallbackParser.create();
 * switch (parser.parse(body, System.currentTimeMillis())) {
 *     case GeweCallback.Message m -> ingest(m.message());
 *     ...
 * }
 * }</pre>
 */
public final class GeweCallbackParser {

    /** Longest platform message id accepted ({@code NewMsgId}). */
    static final int MAX_MSG_ID_LENGTH = 64;
    /** Longest id of a user, group or device accepted. */
    static final int MAX_USER_ID_LENGTH = 128;
    private static final int MAX_DETAIL_LENGTH = 160;

    private final ObjectReader reader;

    private GeweCallbackParser(ObjectReader reader) {
        this.reader = reader;
    }

    /** @return a parser; build one and share it */
    public static GeweCallbackParser create() {
        return new GeweCallbackParser(JsonMapper.builder()
                .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build()
                .reader());
    }

    /**
     * @param body             the request body as received
     * @param receivedAtMillis when it arrived, epoch milliseconds; the send time of messages without one
     * @return what the callback means
     * @throws GeweCallbackException if the body is not a JSON object or lacks what its kind requires
     */
    public GeweCallback parse(byte[] body, long receivedAtMillis) throws GeweCallbackException {
        Objects.requireNonNull(body, "body");
        JsonNode root = readObject(body);
        if (JsonFields.has(root, "testMsg") || JsonFields.has(root, "callBackUrl")) {
            return new Ping();
        }
        if (FlatCallbacks.matches(root)) {
            return FlatCallbacks.parse(root, receivedAtMillis);
        }
        return LegacyCallbacks.parse(root, receivedAtMillis);
    }

    private JsonNode readObject(byte[] body) throws GeweCallbackException {
        JsonNode root;
        try {
            root = reader.readTree(body);
        } catch (JsonProcessingException malformed) {
            throw GeweCallbackException.malformedJson(oneLine(malformed.getOriginalMessage(), MAX_DETAIL_LENGTH));
        } catch (IOException unreadable) {
            throw GeweCallbackException.malformedJson(oneLine(String.valueOf(unreadable.getMessage()),
                    MAX_DETAIL_LENGTH));
        }
        if (root == null || root.isMissingNode()) {
            throw GeweCallbackException.malformedJson("empty body");
        }
        if (!root.isObject()) {
            throw GeweCallbackException.notAnObject();
        }
        return root;
    }

    /**
     * Makes untrusted text safe for a log line.
     *
     * @param text      any text
     * @param maxLength the longest result before an ellipsis
     * @return the text with control characters replaced by spaces, cut at {@code maxLength} characters
     */
    static String oneLine(String text, int maxLength) {
        String cut = text.length() > maxLength ? text.substring(0, maxLength) + "…" : text;
        StringBuilder line = new StringBuilder(cut.length());
        cut.codePoints().forEach(c -> line.appendCodePoint(Character.isISOControl(c) ? ' ' : c));
        return line.toString();
    }
}
