package dev.parley.http;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Small helpers for the JSON bodies Parley's HTTP endpoints answer with. */
public final class JsonReplies {
    private JsonReplies() {
    }

    /** @return an empty JSON object to fill */
    public static ObjectNode object() {
        return JsonNodeFactory.instance.objectNode();
    }

    /**
     * Sends a JSON body.
     *
     * @param res    the response
     * @param status the status
     * @param body   the body
     */
    public static void send(ServerResponse res, Status status, ObjectNode body) {
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
        res.send(body.toString());
    }

    /**
     * Sends {@code {"ok": false, "error": message}}.
     *
     * @param res     the response
     * @param status  the status
     * @param message a clear, localized reason
     */
    public static void error(ServerResponse res, Status status, String message) {
        send(res, status, object().put("ok", false).put("error", message));
    }
}
