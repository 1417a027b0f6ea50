package dev.parley.connector.whatsappcloud;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import dev.parley.config.Secrets;
import dev.parley.connector.AccountIntake;
import dev.parley.http.JsonReplies;
import dev.parley.http.RequestBodies;
import dev.parley.http.WebhookMetrics;
import dev.parley.i18n.Messages;
import dev.parley.ingest.IngestRejectedException;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code GET|POST /webhooks/whatsapp}: Meta's webhooks of the Cloud API numbers. The GET is the subscription check,
 * answered with {@code hub.challenge} only for the configured verify token. A POST must carry
 * {@code X-Hub-Signature-256}, the HMAC-SHA256 of the raw body bytes keyed with the App Secret, compared in constant
 * time; anything else is answered 401 and read no further. A signed delivery is answered 200 only once its messages
 * are committed and its receipts recorded, since Meta retries a delivery for days until it gets one (a re-delivery
 * stores nothing new: messages are de-duplicated on their {@code wamid}, receipts only ever move a message forward).
 *
 * @see <a href="https://developers.facebook.com/docs/graph-api/webhooks/getting-started">Webhooks: getting started</a>
 */
final class CloudWebhookService implements HttpService {
    /** Where Meta calls. */
    static final String PATH = "/webhooks/whatsapp";
    private static final Logger LOG = Logger.getLogger(CloudWebhookService.class.getName());
    private static final String SOURCE = "whatsapp-cloud";
    private static final String SIGNATURE_PREFIX = "sha256=";

    private final CloudSettings settings;
    private final CloudInbox inbox;
    private final Messages messages;
    private final WebhookMetrics metrics;
    private final int maxBodyBytes;
    private final long ackTimeoutMillis;

    CloudWebhookService(CloudSettings settings, CloudInbox inbox, Messages messages, WebhookMetrics metrics,
                        int maxBodyBytes, long ackTimeoutMillis) {
        this.settings = settings;
        this.inbox = inbox;
        this.messages = messages;
        this.metrics = metrics;
        this.maxBodyBytes = maxBodyBytes;
        this.ackTimeoutMillis = ackTimeoutMillis;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/", this::verify).post("/", this::delivery);
    }

    private void verify(ServerRequest req, ServerResponse res) {
        String locale = locale(req);
        if (settings.verifyToken().isEmpty()) {
            reject(res, Status.SERVICE_UNAVAILABLE_503, "not_configured", messages.text(locale,
                    "webhook.error.whatsapp_not_configured", Map.of()));
            return;
        }
        var query = req.query();
        String mode = query.first("hub.mode").orElse("");
        String token = query.first("hub.verify_token").orElse("");
        String challenge = query.first("hub.challenge").orElse("");
        if (!mode.equals("subscribe") || challenge.isEmpty() || !Secrets.matches(settings.verifyToken(), token)) {
            LOG.warning("whatsapp webhook subscription check refused (mode=" + mode + ")");
            reject(res, Status.FORBIDDEN_403, "forbidden", messages.text(locale, "webhook.error.verify_token", Map.of()));
            return;
        }
        metrics.count(SOURCE, "verified");
        LOG.info("whatsapp webhook subscription verified");
        res.header(HeaderNames.CONTENT_TYPE, "text/plain; charset=UTF-8").send(challenge);
    }

    private void delivery(ServerRequest req, ServerResponse res) {
        String locale = locale(req);
        if (settings.appSecret().isEmpty()) {
            reject(res, Status.SERVICE_UNAVAILABLE_503, "not_configured", messages.text(locale,
                    "webhook.error.whatsapp_not_configured", Map.of()));
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
        String signature = req.headers().first(HeaderNames.create("X-Hub-Signature-256")).orElse("");
        if (!signedBy(settings.appSecret(), body, signature)) {
            LOG.warning("whatsapp webhook with " + (signature.isEmpty() ? "no" : "a wrong") + " signature refused");
            reject(res, Status.UNAUTHORIZED_401, "unauthorized", messages.text(locale, "webhook.error.signature", Map.of()));
            return;
        }
        CloudPayloads.Delivery delivery;
        try {
            delivery = CloudPayloads.parse(body);
        } catch (CloudPayloads.BadPayload e) {
            LOG.info(() -> "whatsapp webhook refused: " + e.getMessage());
            reject(res, Status.BAD_REQUEST_400, "bad_request", messages.text(locale, e.key(), e.args()));
            return;
        }
        AccountIntake.Stored stored;
        try {
            stored = inbox.take(delivery).get(ackTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (IngestRejectedException | TimeoutException e) {
            LOG.warning("whatsapp webhook not stored in time (" + e.getMessage() + "); answering 503 for Meta to retry");
            reject(res, Status.SERVICE_UNAVAILABLE_503, "unavailable", messages.text(locale, "webhook.error.busy", Map.of()));
            return;
        } catch (ExecutionException | RuntimeException e) {
            LOG.log(Level.SEVERE, "whatsapp webhook could not be stored", e instanceof ExecutionException ? e.getCause() : e);
            reject(res, Status.INTERNAL_SERVER_ERROR_500, "error", messages.text(locale, "webhook.error.store_failed",
                    Map.of()));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reject(res, Status.SERVICE_UNAVAILABLE_503, "unavailable", messages.text(locale, "webhook.error.busy", Map.of()));
            return;
        }
        metrics.count(SOURCE, stored.stored() == 0 && stored.duplicates() > 0 ? "duplicate" : "ok");
        JsonReplies.send(res, Status.OK_200, JsonReplies.object().put("ok", true)
                .put("stored", stored.stored()).put("duplicate", stored.duplicates()));
        stored.announce();
    }

    /**
     * @param appSecret the App Secret
     * @param body      the raw body as received
     * @param header    the {@code X-Hub-Signature-256} value
     * @return whether the header is {@code sha256=} and the HMAC of exactly these bytes
     */
    static boolean signedBy(String appSecret, byte[] body, String header) {
        if (!header.regionMatches(true, 0, SIGNATURE_PREFIX, 0, SIGNATURE_PREFIX.length())) {
            return false;
        }
        byte[] given;
        try {
            given = HexFormat.of().parseHex(header.substring(SIGNATURE_PREFIX.length()).strip());
        } catch (IllegalArgumentException notHex) {
            return false;
        }
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(appSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return MessageDigest.isEqual(mac.doFinal(body), given);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }

    private String locale(ServerRequest req) {
        return messages.resolve(req.headers().first(HeaderNames.ACCEPT_LANGUAGE).orElse(null));
    }

    private void reject(ServerResponse res, Status status, String result, String message) {
        metrics.count(SOURCE, result);
        JsonReplies.error(res, status, message);
    }
}
