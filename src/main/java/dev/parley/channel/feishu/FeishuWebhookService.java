package dev.parley.channel.feishu;

import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Map;

import dev.parley.config.Secrets;
import dev.parley.http.JsonReplies;
import dev.parley.http.RequestBodies;
import dev.parley.http.WebhookMetrics;
import dev.parley.i18n.Messages;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code POST /webhooks/feishu}: Feishu's events and card callbacks, checked before anything happens.
 * <ol>
 *   <li>The body is capped (413) and must be {@code {"encrypt": …}} JSON (400).</li>
 *   <li>The {@code x-lark-signature} over timestamp, nonce, Encrypt Key and raw body is compared in constant
 *       time, and the timestamp must be within {@code maxSkew} of now; otherwise 401 and nothing happens.
 *       The only unsigned request accepted is Feishu's {@code url_verification}, answered with its
 *       challenge once it decrypts with the Encrypt Key and carries the Verification Token.</li>
 *   <li>The decrypted event must carry the Verification Token (when one is configured), else 401.</li>
 *   <li>The event goes to {@link FeishuEventIntake}: a re-push of an {@code header.event_id} is answered 200
 *       and runs nothing; messages are answered at once (commands run in the background), card callbacks
 *       with the callback response.</li>
 * </ol>
 * When the channel could not start (no Encrypt Key, unknown mode), or events arrive over the long connection
 * instead, every request gets 503 with the reason.
 * Outcomes are counted in {@code parley_webhook_requests_total{source="feishu",result}}.
 */
public final class FeishuWebhookService implements HttpService {
    private static final String SOURCE = "feishu";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HeaderName SIGNATURE = HeaderNames.create("x-lark-signature");
    private static final HeaderName TIMESTAMP = HeaderNames.create("x-lark-request-timestamp");
    private static final HeaderName NONCE = HeaderNames.create("x-lark-request-nonce");

    private final Messages messages;
    private final WebhookMetrics metrics;
    private final String refusalKey;
    private final EventCipher cipher;
    private final String verificationToken;
    private final FeishuEventIntake intake;
    private final int maxBodyBytes;
    private final InstantSource clock;
    private final Duration maxSkew;

    private FeishuWebhookService(Messages messages, WebhookMetrics metrics, String refusalKey, EventCipher cipher,
                                 String verificationToken, FeishuEventIntake intake, int maxBodyBytes, InstantSource clock,
                                 Duration maxSkew) {
        this.messages = messages;
        this.metrics = metrics;
        this.refusalKey = refusalKey;
        this.cipher = cipher;
        this.verificationToken = verificationToken;
        this.intake = intake;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
        this.maxSkew = maxSkew;
    }

    /**
     * @param messages   localized reasons
     * @param metrics    request counters
     * @param refusalKey the message key saying why the channel is off
     * @return a service that answers every request 503 with that reason
     */
    static FeishuWebhookService refusing(Messages messages, WebhookMetrics metrics, String refusalKey) {
        return new FeishuWebhookService(messages, metrics, refusalKey, null, null, null, 0, null, null);
    }

    /**
     * @param messages          localized reasons
     * @param metrics           request counters
     * @param settings          the Encrypt Key and Verification Token
     * @param intake            where verified events go
     * @param maxBodyBytes      the largest body accepted
     * @param clock             source of time for the timestamp check
     * @param maxSkew           how far the request timestamp may be from now
     * @return the service
     */
    static FeishuWebhookService accepting(Messages messages, WebhookMetrics metrics, FeishuSettings settings,
                                          FeishuEventIntake intake, int maxBodyBytes, InstantSource clock, Duration maxSkew) {
        return new FeishuWebhookService(messages, metrics, null, new EventCipher(settings.encryptKey()),
                settings.verificationToken(), intake, maxBodyBytes, clock, maxSkew);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::event);
    }

    private void event(ServerRequest req, ServerResponse res) {
        String locale = messages.resolve(req.headers().first(HeaderNames.ACCEPT_LANGUAGE).orElse(null));
        if (refusalKey != null) {
            reject(res, Status.SERVICE_UNAVAILABLE_503, "off", messages.text(locale, refusalKey, Map.of()));
            return;
        }
        byte[] body;
        try {
            body = RequestBodies.read(req, maxBodyBytes);
        } catch (RequestBodies.TooLargeException e) {
            reject(res, Status.REQUEST_ENTITY_TOO_LARGE_413, "too_large",
                    messages.text(locale, "webhook.error.too_large", Map.of("max", e.maxBytes())));
            return;
        }
        String signature = req.headers().first(SIGNATURE).orElse(null);
        String timestamp = req.headers().first(TIMESTAMP).orElse(null);
        String nonce = req.headers().first(NONCE).orElse(null);
        boolean signed = signature != null && timestamp != null && nonce != null;
        if (signed && !(fresh(timestamp) && cipher.signedByFeishu(timestamp, nonce, body, signature))) {
            unauthorized(res, locale);
            return;
        }
        JsonNode event = open(body);
        if (event == null) {
            if (signed) {
                reject(res, Status.BAD_REQUEST_400, "bad_request", messages.text(locale, "feishu.error.malformed", Map.of()));
            } else {
                unauthorized(res, locale);
            }
            return;
        }
        if ("url_verification".equals(event.path("type").asText())) {
            challenge(res, locale, event);
            return;
        }
        if (!signed || !tokenMatches(event.path("header").path("token").asText(null))) {
            unauthorized(res, locale);
            return;
        }
        FeishuEventIntake.Outcome outcome = intake.take(event);
        metrics.count(SOURCE, outcome.result().label());
        switch (outcome.result()) {
            case OK, DUPLICATE, IGNORED -> {
                res.status(Status.OK_200);
                res.header(HeaderNames.CONTENT_TYPE, "application/json; charset=utf-8");
                res.send(outcome.answer() == null ? "{}" : outcome.answer());
            }
            case MALFORMED -> JsonReplies.error(res, Status.BAD_REQUEST_400,
                    messages.text(locale, "feishu.error.malformed", Map.of()));
            case BUSY -> JsonReplies.error(res, Status.SERVICE_UNAVAILABLE_503,
                    messages.text(locale, "feishu.error.busy", Map.of()));
            case FAILED -> JsonReplies.error(res, Status.INTERNAL_SERVER_ERROR_500,
                    messages.text(locale, "feishu.error.failed", Map.of()));
        }
    }

    private void challenge(ServerResponse res, String locale, JsonNode event) {
        if (!tokenMatches(event.path("token").asText(null)) || !event.path("challenge").isTextual()) {
            unauthorized(res, locale);
            return;
        }
        metrics.count(SOURCE, "challenge");
        JsonReplies.send(res, Status.OK_200, JsonReplies.object().put("challenge", event.path("challenge").asText()));
    }

    /** @return the decrypted event, or {@code null} when the body is not an event encrypted with the Encrypt Key */
    private JsonNode open(byte[] body) {
        try {
            JsonNode outer = JSON.readTree(body);
            if (outer == null || !outer.path("encrypt").isTextual()) {
                return null;
            }
            JsonNode event = JSON.readTree(cipher.decrypt(outer.get("encrypt").asText()));
            return event != null && event.isObject() ? event : null;
        } catch (IOException | GeneralSecurityException e) {
            return null;
        }
    }

    private boolean fresh(String timestamp) {
        try {
            long seconds = Long.parseLong(timestamp.trim());
            return Math.abs(clock.millis() - seconds * 1000) <= maxSkew.toMillis();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private boolean tokenMatches(String token) {
        return verificationToken.isEmpty() || Secrets.matches(verificationToken, token);
    }

    private void unauthorized(ServerResponse res, String locale) {
        reject(res, Status.UNAUTHORIZED_401, "unauthorized", messages.text(locale, "feishu.error.unauthorized", Map.of()));
    }

    private void reject(ServerResponse res, Status status, String result, String message) {
        metrics.count(SOURCE, result);
        JsonReplies.error(res, status, message);
    }
}
