package dev.parley.channel.dingtalk;

import java.nio.charset.StandardCharsets;
import java.util.Map;

import dev.parley.http.JsonReplies;
import dev.parley.http.RequestBodies;
import dev.parley.http.WebhookMetrics;
import dev.parley.i18n.Messages;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code POST /webhooks/dingtalk}, where DingTalk posts robot messages when the app's receive mode is HTTP. The
 * {@code timestamp} and {@code sign} headers must carry DingTalk's signature (HMAC-SHA256 of
 * {@code timestamp + "\n" + appSecret}, compared in constant time) made within the last hour, otherwise 401 and
 * nothing runs; bodies over the limit get 413, bodies that are not a robot message get 400. A message is answered 200
 * at once and runs in the background; a redelivered {@code msgId} is answered 200 and runs nothing. In Stream mode
 * (or when DingTalk is off) the route answers 503 saying why. Counted in
 * {@code parley_webhook_requests_total{source="dingtalk"}}.
 */
final class DingTalkWebhookService implements HttpService {
    private static final String SOURCE = "dingtalk";

    private final CallbackSignature signature;
    private final DingTalkConversations conversations;
    private final int maxBodyBytes;
    private final Messages messages;
    private final WebhookMetrics metrics;
    private final String refusal;

    private DingTalkWebhookService(CallbackSignature signature, DingTalkConversations conversations, int maxBodyBytes,
                                   Messages messages, WebhookMetrics metrics, String refusal) {
        this.signature = signature;
        this.conversations = conversations;
        this.maxBodyBytes = maxBodyBytes;
        this.messages = messages;
        this.metrics = metrics;
        this.refusal = refusal;
    }

    /**
     * @param signature     checks the callback headers
     * @param conversations runs what arrives
     * @param maxBodyBytes  the largest body accepted
     * @param messages      localized refusals
     * @param metrics       counts requests
     * @return a route that takes signed robot messages
     */
    static DingTalkWebhookService accepting(CallbackSignature signature, DingTalkConversations conversations,
                                            int maxBodyBytes, Messages messages, WebhookMetrics metrics) {
        return new DingTalkWebhookService(signature, conversations, maxBodyBytes, messages, metrics, null);
    }

    /**
     * @param messages localized refusals
     * @param metrics  counts requests
     * @param refusal  the locale key saying why this route takes nothing
     * @return a route that answers 503 with that reason
     */
    static DingTalkWebhookService refusing(Messages messages, WebhookMetrics metrics, String refusal) {
        return new DingTalkWebhookService(null, null, 0, messages, metrics, refusal);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::message);
    }

    private void message(ServerRequest req, ServerResponse res) {
        String locale = messages.resolve(req.headers().first(HeaderNames.ACCEPT_LANGUAGE).orElse(null));
        if (refusal != null) {
            reject(res, Status.SERVICE_UNAVAILABLE_503, "off", messages.text(locale, refusal));
            return;
        }
        CallbackSignature.Verdict verdict = signature.verify(
                req.headers().first(HeaderNames.create("timestamp")).orElse(null),
                req.headers().first(HeaderNames.create("sign")).orElse(null));
        if (verdict != CallbackSignature.Verdict.VALID) {
            reject(res, Status.UNAUTHORIZED_401, "unauthorized", messages.text(locale,
                    verdict == CallbackSignature.Verdict.STALE ? "dingtalk.webhook.stale" : "dingtalk.webhook.bad_signature"));
            return;
        }
        RobotMessage message;
        try {
            message = RobotMessage.parse(new String(RequestBodies.read(req, maxBodyBytes), StandardCharsets.UTF_8));
        } catch (RequestBodies.TooLargeException e) {
            reject(res, Status.REQUEST_ENTITY_TOO_LARGE_413, "too_large",
                    messages.text(locale, "webhook.error.too_large", Map.of("max", e.maxBytes())));
            return;
        } catch (IllegalArgumentException e) {
            reject(res, Status.BAD_REQUEST_400, "bad_request", messages.text(locale, "webhook.error.malformed_json",
                    Map.of("detail", String.valueOf(e.getMessage()))));
            return;
        }
        metrics.count(SOURCE, conversations.received(message) ? "ok" : "duplicate");
        JsonReplies.send(res, Status.OK_200, JsonReplies.object());
    }

    private void reject(ServerResponse res, Status status, String result, String message) {
        metrics.count(SOURCE, result);
        JsonReplies.error(res, status, message);
    }
}
