package dev.parley.console;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A client of the HTTP command channel ({@code POST /api/commands}, {@code POST /api/actions}): what
 * the console, scripts and tests use to talk to a running Parley.
 */
public final class CommandClient {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI base;
    private final String token;
    private String hint;

    /**
     * @param base  the server, e.g. {@code http://localhost:8080}
     * @param token the admin token
     */
    public CommandClient(URI base, String token) {
        this.base = base;
        this.token = token;
    }

    /**
     * Runs a command.
     *
     * @param text   what to run, e.g. {@code /bot list}
     * @param locale {@code en}, {@code zh-CN}, or {@code null} for the server's choice
     * @param user   the http identity to act as
     * @return the server's answer
     * @throws IOException when the server cannot be reached
     */
    public Response run(String text, String locale, String user) throws IOException {
        return post("/api/commands", JSON.createObjectNode().put("text", text), locale, user);
    }

    /**
     * @param hint the user's language as their environment says ({@code LANG}); sent as Accept-Language, so a
     *             language chosen with {@code /lang} still wins
     * @return this client
     */
    public CommandClient languageHint(String hint) {
        this.hint = hint;
        return this;
    }

    /**
     * Presses a button of an earlier answer.
     *
     * @param action the button's action id
     * @param locale the locale, or {@code null}
     * @param user   the http identity pressing it
     * @return the server's answer
     * @throws IOException when the server cannot be reached
     */
    public Response press(String action, String locale, String user) throws IOException {
        return post("/api/actions", JSON.createObjectNode().put("action", action), locale, user);
    }

    /**
     * Waits (up to about 20 s on the server) for a version of a live card newer than {@code after}.
     *
     * @param id    the live card's id
     * @param after the version already shown
     * @return the latest version (status 404 when the card is gone)
     * @throws IOException when the server cannot be reached
     */
    public Response card(String id, long after) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve("/api/cards/" + id + "?after=" + after))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .GET();
        return send(request);
    }

    private Response post(String path, ObjectNode body, String locale, String user) throws IOException {
        if (locale != null) {
            body.put("locale", locale);
        }
        if (user != null) {
            body.put("user", user);
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        return send(request);
    }

    private Response send(HttpRequest.Builder request) throws IOException {
        if (hint != null) {
            request.header("Accept-Language", hint);
        }
        try {
            HttpResponse<String> response = http.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            JsonNode json;
            try {
                json = JSON.readTree(response.body());
            } catch (IOException e) {
                json = JSON.createObjectNode();
            }
            return new Response(response.statusCode(), json == null ? JSON.createObjectNode() : json);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /**
     * An answer of the server.
     *
     * @param status the HTTP status
     * @param body   the JSON body: {@code text}, {@code card}, {@code result}, or {@code error}
     */
    public record Response(int status, JsonNode body) {
        /** @return the plain-text rendering, or the error message */
        public String text() {
            if (body.hasNonNull("text")) {
                return body.get("text").asText();
            }
            return body.path("error").asText("HTTP " + status);
        }

        /** @return the id of the live card this answer is a version of, or {@code null} */
        public String liveId() {
            return body.path("live").path("id").asText(null);
        }

        /** @return the live card version this answer is, 0 when it is not live */
        public long liveVersion() {
            return body.path("live").path("version").asLong(0);
        }

        /** @return whether this is a live card that will still change */
        public boolean stillChanging() {
            return liveId() != null && !body.path("live").path("finished").asBoolean(true);
        }

        /**
         * @param number a button's number as shown in the text (1-based)
         * @return its action id, or {@code null} when there is no such button
         */
        public String action(int number) {
            JsonNode buttons = body.path("card").path("buttons");
            if (number < 1 || number > buttons.size()) {
                return null;
            }
            return buttons.get(number - 1).path("action").asText(null);
        }
    }
}
