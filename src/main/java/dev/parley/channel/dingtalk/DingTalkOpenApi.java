package dev.parley.channel.dingtalk;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import dev.parley.channel.ChannelException;

/**
 * The DingTalk HTTP APIs the admin channel calls, on {@code java.net.http} and Jackson rather than DingTalk's
 * generated OpenAPI SDK (which would bring its own HTTP stack and dozens of jars for five calls):
 * <ul>
 *   <li>the app access token ({@code POST /v1.0/oauth2/accessToken}), cached until shortly before it expires and
 *       fetched again once when a call answers 401;</li>
 *   <li>robot messages to a person ({@code POST /v1.0/robot/oToMessages/batchSend}) or a group
 *       ({@code POST /v1.0/robot/groupMessages/send});</li>
 *   <li>interactive cards: {@code POST /v1.0/card/instances/createAndDeliver} and {@code PUT /v1.0/card/instances};</li>
 *   <li>the legacy API ({@code oapi}): its own token ({@code GET /gettoken}) and {@code POST /media/upload};</li>
 *   <li>replies through a message's {@code sessionWebhook} and posts to a custom robot webhook (no token; the
 *       caller checks the session webhook's expiry and signs robot URLs with {@link RobotWebhookSigner}).</li>
 * </ul>
 * Failures become {@link ChannelException}s: HTTP 429, 5xx, timeouts and I/O errors are transient (with the
 * {@code Retry-After} DingTalk gave), other refusals permanent. No message ever carries the secret or a token.
 */
final class DingTalkOpenApi {
    /** Header the v1.0 API takes the access token in. */
    static final String TOKEN_HEADER = "x-acs-dingtalk-access-token";
    /** A token is renewed this long before DingTalk says it expires. */
    static final Duration TOKEN_MARGIN = Duration.ofMinutes(5);
    private static final Duration TIMEOUT = Duration.ofSeconds(15);
    private static final Duration UPLOAD_TIMEOUT = Duration.ofSeconds(60);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final DingTalkSettings settings;
    private final HttpClient http;
    private final Clock clock;
    private final Object tokenLock = new Object();
    private Token token;
    private Token legacyToken;

    /** A cached token and when to stop using it. */
    private record Token(String value, Instant renewAt) {
    }

    /** An answer: status, parsed body (an empty object when not JSON) and the Retry-After header. */
    private record Answer(int status, JsonNode body, Duration retryAfter) {
    }

    /**
     * @param settings the app's id, secret and API bases
     * @param http     the client to call through (shared; not closed here)
     * @param clock    decides when cached tokens are renewed
     */
    DingTalkOpenApi(DingTalkSettings settings, HttpClient http, Clock clock) {
        this.settings = settings;
        this.http = http;
        this.clock = clock;
    }

    /**
     * @return the app access token of the v1.0 API, from the cache while it is fresh
     * @throws ChannelException when DingTalk refuses the app or cannot be reached
     */
    String accessToken() throws ChannelException {
        synchronized (tokenLock) {
            if (token == null || !clock.instant().isBefore(token.renewAt())) {
                ObjectNode body = JSON.createObjectNode().put("appKey", settings.clientId())
                        .put("appSecret", settings.clientSecret());
                String what = "DingTalk access token";
                Answer answer = exchange(what, request(settings.apiUrl() + "/v1.0/oauth2/accessToken", TIMEOUT)
                        .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
                requireOk(what, answer);
                String value = answer.body().path("accessToken").asText("");
                if (value.isEmpty()) {
                    throw ChannelException.permanent(what + ": the answer has no accessToken", null);
                }
                token = new Token(value, renewAt(answer.body().path("expireIn").asLong(7200)));
            }
            return token.value();
        }
    }

    /**
     * @param to      a person or a group
     * @param message what to send
     * @return DingTalk's {@code processQueryKey} of the send
     * @throws ChannelException when it was not sent; a person DingTalk throttled is a transient failure, an unknown
     *                          one a permanent failure
     */
    String send(Conversation to, RobotPayload message) throws ChannelException {
        String msgParam;
        try {
            msgParam = JSON.writeValueAsString(message.param());
        } catch (JsonProcessingException e) {
            throw ChannelException.permanent("DingTalk " + message.msgKey() + ": parameters not serializable", e);
        }
        ObjectNode body = JSON.createObjectNode().put("robotCode", settings.clientId());
        String path;
        if (to.group()) {
            path = "/v1.0/robot/groupMessages/send";
            body.put("openConversationId", to.id());
        } else {
            path = "/v1.0/robot/oToMessages/batchSend";
            body.putArray("userIds").add(to.id());
        }
        body.put("msgKey", message.msgKey()).put("msgParam", msgParam);
        String what = "DingTalk " + message.msgKey() + (to.group() ? " to a group" : " to a person");
        JsonNode answer = withToken(what, "POST", path, body);
        if (!to.group()) {
            if (answer.path("invalidStaffIdList").size() > 0) {
                throw ChannelException.permanent(what + ": DingTalk does not know the userId", null);
            }
            if (answer.path("flowControlledStaffIdList").size() > 0) {
                throw ChannelException.retryable(what + ": DingTalk throttled the recipient", null, null);
            }
        }
        return answer.path("processQueryKey").asText("");
    }

    /**
     * Creates an interactive card from the configured template and delivers it.
     *
     * @param outTrackId   Parley's id of the card, used to update it and in its callbacks
     * @param to           where it goes
     * @param cardParams   the template's variables, all strings
     * @param callbackType {@code STREAM} (callbacks over the Stream connection) or {@code HTTP}
     * @throws ChannelException when it was not delivered
     */
    void createAndDeliverCard(String outTrackId, Conversation to, Map<String, String> cardParams, String callbackType)
            throws ChannelException {
        ObjectNode body = JSON.createObjectNode().put("cardTemplateId", settings.cardTemplate())
                .put("outTrackId", outTrackId).put("callbackType", callbackType);
        body.putObject("cardData").set("cardParamMap", JSON.valueToTree(cardParams));
        body.put("openSpaceId", to.openSpaceId());
        if (to.group()) {
            body.putObject("imGroupOpenSpaceModel").put("supportForward", true);
            body.putObject("imGroupOpenDeliverModel").put("robotCode", settings.clientId());
        } else {
            body.putObject("imRobotOpenSpaceModel").put("supportForward", true);
            body.putObject("imRobotOpenDeliverModel").put("spaceType", "IM_ROBOT").put("robotCode", settings.clientId());
        }
        withToken("DingTalk card delivery", "POST", "/v1.0/card/instances/createAndDeliver", body);
    }

    /**
     * @param outTrackId the card's id given at delivery
     * @param cardParams the variables to change; others keep their values
     * @throws ChannelException when the card was not updated
     */
    void updateCard(String outTrackId, Map<String, String> cardParams) throws ChannelException {
        ObjectNode body = JSON.createObjectNode().put("outTrackId", outTrackId);
        body.putObject("cardData").set("cardParamMap", JSON.valueToTree(cardParams));
        body.putObject("cardUpdateOptions").put("updateCardDataByKey", true);
        withToken("DingTalk card update", "PUT", "/v1.0/card/instances", body);
    }

    /**
     * Uploads an image or file through the legacy API, whose {@code media_id} the robot messages and cards take.
     *
     * @param type     {@code image} (jpg, gif, png, bmp) or {@code file}
     * @param fileName the name to upload under
     * @param bytes    the content, at most 20 MB
     * @return the {@code media_id}
     * @throws ChannelException when it was not uploaded
     */
    String upload(String type, String fileName, byte[] bytes) throws ChannelException {
        String what = "DingTalk media upload";
        for (int attempt = 0; ; attempt++) {
            String legacy = legacyAccessToken();
            String boundary = "parley-" + UUID.randomUUID();
            HttpRequest.Builder post = request(settings.oapiUrl() + "/media/upload?access_token="
                    + encode(legacy) + "&type=" + encode(type), UPLOAD_TIMEOUT)
                    .setHeader("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(multipart(boundary, fileName, bytes)));
            Answer answer = exchange(what, post);
            requireOk(what, answer);
            int errcode = answer.body().path("errcode").asInt(0);
            if (isLegacyTokenError(errcode) && attempt == 0) {
                synchronized (tokenLock) {
                    legacyToken = null;
                }
                continue;
            }
            requireLegacyOk(what, answer.body());
            String mediaId = answer.body().path("media_id").asText("");
            if (mediaId.isEmpty()) {
                throw ChannelException.permanent(what + ": the answer has no media_id", null);
            }
            return mediaId;
        }
    }

    /**
     * Replies through a message's session webhook; the caller checks {@link RobotMessage#sessionWebhookUsable}.
     *
     * @param sessionWebhook the URL from the message
     * @param title          shown in notifications
     * @param text           the markdown body
     * @throws ChannelException when DingTalk refused it (an expired session is permanent)
     */
    void replyBySession(URI sessionWebhook, String title, String text) throws ChannelException {
        postMarkdown("DingTalk session webhook", sessionWebhook, title, text);
    }

    /**
     * Posts to a custom group robot; its 20-messages-a-minute limit is the caller's to respect.
     *
     * @param signedUrl the webhook URL signed by {@link RobotWebhookSigner}
     * @param title     shown in notifications
     * @param text      the markdown body
     * @throws ChannelException when DingTalk refused it
     */
    void postToRobotWebhook(URI signedUrl, String title, String text) throws ChannelException {
        postMarkdown("DingTalk robot webhook", signedUrl, title, text);
    }

    private void postMarkdown(String what, URI url, String title, String text) throws ChannelException {
        ObjectNode body = JSON.createObjectNode().put("msgtype", "markdown");
        body.putObject("markdown").put("title", title).put("text", text);
        Answer answer = exchange(what, HttpRequest.newBuilder(url).timeout(TIMEOUT)
                .header("Content-Type", "application/json; charset=utf-8")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())));
        requireOk(what, answer);
        requireLegacyOk(what, answer.body());
    }

    private JsonNode withToken(String what, String method, String path, ObjectNode body) throws ChannelException {
        for (int attempt = 0; ; attempt++) {
            String current = accessToken();
            Answer answer = exchange(what, request(settings.apiUrl() + path, TIMEOUT).header(TOKEN_HEADER, current)
                    .method(method, HttpRequest.BodyPublishers.ofString(body.toString())));
            if (answer.status() == 401 && attempt == 0) {
                synchronized (tokenLock) {
                    if (token != null && token.value().equals(current)) {
                        token = null;
                    }
                }
                continue;
            }
            requireOk(what, answer);
            return answer.body();
        }
    }

    private String legacyAccessToken() throws ChannelException {
        synchronized (tokenLock) {
            if (legacyToken == null || !clock.instant().isBefore(legacyToken.renewAt())) {
                String what = "DingTalk legacy access token";
                Answer answer = exchange(what, request(settings.oapiUrl() + "/gettoken?appkey="
                        + encode(settings.clientId()) + "&appsecret=" + encode(settings.clientSecret()), TIMEOUT).GET());
                requireOk(what, answer);
                requireLegacyOk(what, answer.body());
                String value = answer.body().path("access_token").asText("");
                if (value.isEmpty()) {
                    throw ChannelException.permanent(what + ": the answer has no access_token", null);
                }
                legacyToken = new Token(value, renewAt(answer.body().path("expires_in").asLong(7200)));
            }
            return legacyToken.value();
        }
    }

    private Instant renewAt(long expiresInSeconds) {
        Duration life = Duration.ofSeconds(Math.max(1, expiresInSeconds));
        Duration margin = TOKEN_MARGIN.compareTo(life.dividedBy(2)) < 0 ? TOKEN_MARGIN : life.dividedBy(2);
        return clock.instant().plus(life.minus(margin));
    }

    private static HttpRequest.Builder request(String url, Duration timeout) {
        return HttpRequest.newBuilder(URI.create(url)).timeout(timeout)
                .header("Content-Type", "application/json; charset=utf-8").header("Accept", "application/json");
    }

    private Answer exchange(String what, HttpRequest.Builder request) throws ChannelException {
        HttpResponse<byte[]> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (HttpTimeoutException e) {
            throw ChannelException.retryable(what + ": DingTalk did not answer in time", null, null);
        } catch (IOException e) {
            throw ChannelException.retryable(what + ": DingTalk could not be reached (" + e.getClass().getSimpleName()
                    + ")", null, null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ChannelException.retryable(what + ": interrupted", null, null);
        }
        JsonNode body;
        try {
            body = response.body().length == 0 ? JSON.createObjectNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            body = JSON.createObjectNode();
        }
        if (body == null || !body.isObject()) {
            body = JSON.createObjectNode();
        }
        return new Answer(response.statusCode(), body, retryAfter(response.headers().firstValue("Retry-After")
                .orElse(null)));
    }

    private static void requireOk(String what, Answer answer) throws ChannelException {
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return;
        }
        String detail = what + ": HTTP " + status + describe(answer.body());
        if (status == 429 || status >= 500) {
            throw ChannelException.retryable(detail, null, answer.retryAfter());
        }
        throw ChannelException.permanent(detail, null);
    }

    /** The legacy API and the webhooks answer HTTP 200 with {@code errcode}; -1 means "system busy". */
    private static void requireLegacyOk(String what, JsonNode body) throws ChannelException {
        int errcode = body.path("errcode").asInt(0);
        if (errcode == 0) {
            return;
        }
        String detail = what + ": errcode " + errcode + " " + body.path("errmsg").asText("");
        if (errcode == -1) {
            throw ChannelException.retryable(detail, null, null);
        }
        throw ChannelException.permanent(detail, null);
    }

    /** errcodes of the legacy API for an invalid or expired access_token. */
    private static boolean isLegacyTokenError(int errcode) {
        return errcode == 40014 || errcode == 42001;
    }

    private static String describe(JsonNode body) {
        String code = body.path("code").asText("");
        String message = body.path("message").asText("");
        return code.isEmpty() && message.isEmpty() ? "" : " (" + code + (message.isEmpty() ? "" : ": " + message) + ")";
    }

    private static Duration retryAfter(String header) {
        if (header == null) {
            return null;
        }
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds >= 0 ? Duration.ofSeconds(seconds) : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static byte[] multipart(String boundary, String fileName, byte[] bytes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(bytes.length + 256);
        String safeName = fileName.replace("\"", "'").replace("\r", "").replace("\n", "");
        String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"media\"; filename=\"" + safeName
                + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
        out.writeBytes(head.getBytes(StandardCharsets.UTF_8));
        out.writeBytes(bytes);
        out.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
