package dev.parley.channel.telegram;

import java.io.IOException;
import java.util.Map;

import dev.parley.config.Secrets;
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

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.telegram.telegrambots.meta.api.objects.Update;

/**
 * {@code POST /webhooks/telegram}, where Telegram posts updates in webhook mode. The
 * {@code X-Telegram-Bot-Api-Secret-Token} header must equal the configured secret (compared in constant time),
 * otherwise 401 and nothing happens; bodies over the limit get 413, bodies that are not an update get 400.
 * Accepted updates are queued and answered 200 at once; the answer to a command goes out as its own call.
 * Counted in {@code parley_webhook_requests_total{source="telegram"}}.
 */
public final class TelegramWebhookService implements HttpService {
    private static final String SOURCE = "telegram";
    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final String secret;
    private final int maxBodyBytes;
    private final UpdateRouter router;
    private final Messages messages;
    private final WebhookMetrics metrics;

    TelegramWebhookService(String secret, int maxBodyBytes, UpdateRouter router, Messages messages,
                           WebhookMetrics metrics) {
        this.secret = secret;
        this.maxBodyBytes = maxBodyBytes;
        this.router = router;
        this.messages = messages;
        this.metrics = metrics;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/", this::update);
    }

    private void update(ServerRequest req, ServerResponse res) {
        String locale = messages.resolve(req.headers().first(HeaderNames.ACCEPT_LANGUAGE).orElse(null));
        String given = req.headers().first(HeaderNames.create("X-Telegram-Bot-Api-Secret-Token")).orElse(null);
        if (!Secrets.matches(secret, given)) {
            reject(res, Status.UNAUTHORIZED_401, "unauthorized", messages.text(locale, "telegram.webhook.bad_secret"));
            return;
        }
        Update update;
        try {
            update = JSON.readValue(RequestBodies.read(req, maxBodyBytes), Update.class);
        } catch (RequestBodies.TooLargeException e) {
            reject(res, Status.REQUEST_ENTITY_TOO_LARGE_413, "too_large",
                    messages.text(locale, "webhook.error.too_large", Map.of("max", e.maxBytes())));
            return;
        } catch (IOException | RuntimeException e) {
            reject(res, Status.BAD_REQUEST_400, "bad_request", messages.text(locale, "webhook.error.malformed_json",
                    Map.of("detail", firstLine(e.getMessage()))));
            return;
        }
        if (update == null || update.getUpdateId() == null) {
            reject(res, Status.BAD_REQUEST_400, "bad_request",
                    messages.text(locale, "webhook.error.missing_field", Map.of("field", "update_id")));
            return;
        }
        router.accept(update);
        metrics.count(SOURCE, "ok");
        JsonReplies.send(res, Status.OK_200, JsonReplies.object().put("ok", true));
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        return line.length() > 200 ? line.substring(0, 200) : line;
    }

    private void reject(ServerResponse res, Status status, String result, String message) {
        metrics.count(SOURCE, result);
        JsonReplies.error(res, status, message);
    }
}
