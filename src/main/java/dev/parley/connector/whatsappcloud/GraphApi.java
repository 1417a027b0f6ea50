package dev.parley.connector.whatsappcloud;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.parley.connector.ConnectorException;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The Graph API calls a Cloud API number needs, as plain HTTPS and JSON (Meta maintains no Java SDK): the number's
 * fields, {@code POST /<phone-id>/messages}, the WABA's templates page by page, and a media id's download URL. Every
 * call carries the number's token as a bearer; an error answer becomes a {@link GraphError} with Graph's code, and
 * no token ever reaches a message.
 *
 * @see <a href="https://developers.facebook.com/docs/whatsapp/cloud-api/reference/messages">Messages</a>
 */
final class GraphApi implements AutoCloseable {
    static final String PHONE_FIELDS = "display_phone_number,verified_name,quality_rating,messaging_limit_tier";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int TEMPLATE_PAGE = 100;
    private static final int MAX_TEMPLATE_PAGES = 50;

    private final String base;
    private final Duration timeout;
    private final HttpClient http;

    /**
     * @param base    the Graph API with its version, e.g. {@code https://graph.facebook.com/v21.0}
     * @param timeout the longest a call may take
     */
    GraphApi(String base, Duration timeout) {
        this.base = base.replaceFirst("/+$", "");
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** @return the API's base URL (no secret in it) */
    String base() {
        return base;
    }

    /**
     * @param phoneId the phone number id
     * @param token   its access token
     * @return the number's name, display number, quality rating and messaging limit tier
     * @throws GraphError when Graph refuses
     * @throws ConnectorException when Graph cannot be reached
     */
    JsonNode phoneNumber(String phoneId, String token) throws GraphError, ConnectorException {
        return call(get(base + "/" + id(phoneId) + "?fields=" + PHONE_FIELDS, token), false);
    }

    /**
     * @param phoneId the sending number
     * @param token   its access token
     * @param message the message object ({@code messaging_product}, {@code to}, {@code type}…)
     * @return the id Graph gave the message ({@code wamid.…})
     * @throws GraphError when Graph refuses
     * @throws ConnectorException when no answer came (the message may have been sent)
     */
    String send(String phoneId, String token, ObjectNode message) throws GraphError, ConnectorException {
        HttpRequest request = authorized(URI.create(base + "/" + id(phoneId) + "/messages"), token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(message.toString())).build();
        JsonNode answer = call(request, true);
        String id = answer.path("messages").path(0).path("id").asText("");
        if (id.isEmpty()) {
            throw new ConnectorException(ConnectorException.Kind.TRANSIENT, "Graph accepted the message without an id",
                    null, true);
        }
        return id;
    }

    /**
     * @param wabaId the WhatsApp Business Account
     * @param token  a token of one of its numbers
     * @return every template of the account, following Graph's pages
     * @throws GraphError when Graph refuses
     * @throws ConnectorException when Graph cannot be reached
     */
    List<JsonNode> templates(String wabaId, String token) throws GraphError, ConnectorException {
        List<JsonNode> all = new ArrayList<>();
        String next = base + "/" + id(wabaId) + "/message_templates?limit=" + TEMPLATE_PAGE;
        for (int page = 0; page < MAX_TEMPLATE_PAGES && next != null; page++) {
            JsonNode answer = call(get(next, token), false);
            answer.path("data").forEach(all::add);
            String link = answer.path("paging").path("next").asText("");
            next = link.startsWith(base) ? link : null; // follow Graph's own pages only: the token goes with them
        }
        return all;
    }

    /**
     * @param mediaId a received message's media id
     * @param token   the receiving number's token
     * @return {@code url}, {@code mime_type}, {@code sha256} and {@code file_size} of the file
     * @throws GraphError when Graph refuses (an expired media id)
     * @throws ConnectorException when Graph cannot be reached
     */
    JsonNode media(String mediaId, String token) throws GraphError, ConnectorException {
        return call(get(base + "/" + id(mediaId), token), false);
    }

    @Override
    public void close() {
        http.close();
    }

    private HttpRequest get(String url, String token) {
        return authorized(URI.create(url), token).GET().build();
    }

    private HttpRequest.Builder authorized(URI uri, String token) {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("Authorization", "Bearer " + token)
                .header("Accept", "application/json");
    }

    private JsonNode call(HttpRequest request, boolean sending) throws GraphError, ConnectorException {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw new ConnectorException(ConnectorException.Kind.TRANSIENT, "Graph did not answer within "
                    + timeout.toSeconds() + " s", null, sending);
        } catch (IOException e) {
            throw new ConnectorException(ConnectorException.Kind.TRANSIENT, "Graph could not be reached: " + e,
                    null, sending && !(e instanceof java.net.ConnectException));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConnectorException(ConnectorException.Kind.TRANSIENT, "interrupted", e, sending);
        }
        JsonNode body;
        try {
            body = JSON.readTree(response.body());
        } catch (IOException e) {
            body = null;
        }
        if (response.statusCode() / 100 == 2 && body != null && body.isObject()) {
            return body;
        }
        if (body != null && body.path("error").isObject()) {
            throw GraphError.of(response.statusCode(), body.path("error"));
        }
        if (response.statusCode() / 100 == 2) {
            throw new ConnectorException(ConnectorException.Kind.TRANSIENT, "Graph answered " + response.statusCode()
                    + " with no JSON object", null, sending);
        }
        throw new GraphError(response.statusCode(), 0, "HTTP " + response.statusCode(), "");
    }

    /** An id as one path segment: nothing typed can reach another path. */
    private static String id(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8);
    }
}
