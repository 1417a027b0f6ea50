package dev.parley.connector.gewe;

import java.time.Instant;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * One request {@link FakeGeweServer} received and what it answered, for assertions: the body's fields
 * as the exact text sent, whether a field was sent as a JSON string, when it arrived.
 *
 * @param path       the API path without the prefix, e.g. {@code /message/postText}
 * @param body       the JSON body, or {@code null} when it was not JSON
 * @param receivedAt when the request arrived
 * @param reply      the envelope answered, or {@code null} when an injected fault answered instead
 */
public record FakeGeweRequest(String path, JsonNode body, Instant receivedAt, JsonNode reply) {

    /**
     * @param name a body field
     * @return its value as sent (a number's exact digits), or {@code null} when absent or JSON null
     */
    public String field(String name) {
        JsonNode value = body == null ? null : body.get(name);
        return value == null || value.isNull() ? null : value.isValueNode() ? value.asText() : value.toString();
    }

    /**
     * @param name a body field
     * @return whether it was sent as a JSON string
     */
    public boolean isString(String name) {
        return body != null && body.path(name).isTextual();
    }

    /** @return whether the fake answered {@code ret: 200} */
    public boolean succeeded() {
        return reply != null && reply.path("ret").asInt() == 200;
    }

    /**
     * @param name a field of the reply's {@code data}
     * @return its value as answered (a number's exact digits), or {@code null}
     */
    public String replied(String name) {
        JsonNode value = reply == null ? null : reply.path("data").get(name);
        return value == null || value.isNull() ? null : value.asText();
    }
}
