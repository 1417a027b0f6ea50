package dev.parley.connector.gewe;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.parley.account.AccountKey;
import dev.parley.account.Platform;
import dev.parley.config.Secrets;
import dev.parley.connector.AccountIntake;
import dev.parley.connector.ContactUpdate;
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
 * {@code POST /webhooks/gewe/{secret}}: GeWe's callbacks, parsed and handed to the {@link AccountIntake}. A message
 * is answered 200 only after the group commit that made it durable; a re-delivery is answered 200 and stores nothing.
 * A wrong secret is answered 404 as if the path did not exist; bad bodies get a 4xx with a localized reason. GeWe
 * abandons a callback after 3 s, so a commit slower than the configured timeout answers 503.
 */
public final class GeweWebhookService implements HttpService {
    /** Where GeWe posts its callbacks, followed by {@code /<secret>}. */
    public static final String PATH = "/webhooks/gewe";
    private static final Logger LOG = Logger.getLogger(GeweWebhookService.class.getName());
    private static final String SOURCE = "gewe";

    private final String secret;
    private final GeweCallbackParser parser;
    private final AccountIntake intake;
    private final Messages messages;
    private final WebhookMetrics metrics;
    private final int maxBodyBytes;
    private final long ackTimeoutMillis;

    private GeweWebhookService(Builder b) {
        this.secret = b.secret;
        this.parser = GeweCallbackParser.create();
        this.intake = b.intake;
        this.messages = b.messages;
        this.metrics = b.metrics;
        this.maxBodyBytes = b.maxBodyBytes;
        this.ackTimeoutMillis = b.ackTimeoutMillis;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/{secret}", this::callback);
    }

    private void callback(ServerRequest req, ServerResponse res) {
        if (!Secrets.matches(secret, req.path().pathParameters().get("secret"))) {
            metrics.count(SOURCE, "not_found");
            res.status(Status.NOT_FOUND_404).send();
            return;
        }
        String locale = messages.resolve(req.headers().first(HeaderNames.ACCEPT_LANGUAGE).orElse(null));
        byte[] body;
        try {
            body = RequestBodies.read(req, maxBodyBytes);
        } catch (RequestBodies.TooLargeException e) {
            reject(res, Status.REQUEST_ENTITY_TOO_LARGE_413, "too_large",
                    messages.text(locale, "webhook.error.too_large", Map.of("max", e.maxBytes())));
            return;
        }
        GeweCallback callback;
        try {
            callback = parser.parse(body, System.currentTimeMillis());
        } catch (GeweCallbackException e) {
            LOG.info(() -> "gewe callback refused: " + e.getMessage());
            reject(res, Status.BAD_REQUEST_400, "bad_request", messages.text(locale, e.key(), e.args()));
            return;
        }
        switch (callback) {
            case GeweCallback.Ping ping -> ok(res, "ping");
            case GeweCallback.Message message -> store(res, locale, message);
            case GeweCallback.Ignored ignored -> {
                LOG.fine(() -> "gewe callback ignored: " + ignored.reason());
                ok(res, "ignored");
            }
            case GeweCallback.Offline offline -> {
                AccountIntake.Announcement offlineNow = intake.offline(key(offline.appId()), offline.selfId());
                ok(res, "ok");
                offlineNow.announce();
            }
            case GeweCallback.ContactChanged change -> {
                ContactUpdate.Kind kind = change.group() ? ContactUpdate.Kind.GROUP
                        : change.contactId().startsWith("gh_") ? ContactUpdate.Kind.OFFICIAL : ContactUpdate.Kind.PERSON;
                AccountIntake.Announcement changed = intake.contact(key(change.appId()), new ContactUpdate(
                        change.contactId(), kind, change.nickname(), change.remark(), change.ownerId()));
                ok(res, "ok");
                changed.announce();
            }
            case GeweCallback.ContactDeleted deleted -> {
                ok(res, "ok");
                intake.contactDeleted(key(deleted.appId()), deleted.contactId());
            }
        }
    }

    private void store(ServerResponse res, String locale, GeweCallback.Message message) {
        AccountIntake.Stored stored;
        try {
            stored = intake.submit(List.of(new AccountIntake.Arrival(message.message(), message.changes())))
                    .get(ackTimeoutMillis, TimeUnit.MILLISECONDS);
        } catch (IngestRejectedException e) {
            LOG.warning("gewe message refused: " + e.getMessage());
            reject(res, Status.SERVICE_UNAVAILABLE_503, "unavailable", messages.text(locale, "webhook.error.busy", Map.of()));
            return;
        } catch (TimeoutException e) {
            LOG.warning("gewe message not committed within " + ackTimeoutMillis + " ms; answering 503");
            reject(res, Status.SERVICE_UNAVAILABLE_503, "unavailable", messages.text(locale, "webhook.error.busy", Map.of()));
            return;
        } catch (ExecutionException e) {
            LOG.log(Level.SEVERE, "gewe message could not be stored", e.getCause());
            reject(res, Status.INTERNAL_SERVER_ERROR_500, "error", messages.text(locale, "webhook.error.store_failed", Map.of()));
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reject(res, Status.SERVICE_UNAVAILABLE_503, "unavailable", messages.text(locale, "webhook.error.busy", Map.of()));
            return;
        }
        metrics.count(SOURCE, stored.stored() > 0 ? "ok" : "duplicate");
        JsonReplies.send(res, Status.OK_200, JsonReplies.object().put("ok", true)
                .put("stored", stored.stored()).put("duplicate", stored.duplicates()));
        stored.announce();
    }

    private void ok(ServerResponse res, String result) {
        metrics.count(SOURCE, result);
        JsonReplies.send(res, Status.OK_200, JsonReplies.object().put("ok", true));
    }

    private void reject(ServerResponse res, Status status, String result, String message) {
        metrics.count(SOURCE, result);
        JsonReplies.error(res, status, message);
    }

    private static AccountKey key(String appId) {
        return new AccountKey(Platform.WECHAT, appId);
    }

    /** Configures a {@link GeweWebhookService}. */
    public static final class Builder {
        private String secret;
        private AccountIntake intake;
        private Messages messages;
        private WebhookMetrics metrics;
        private int maxBodyBytes = 1 << 20;
        private long ackTimeoutMillis = 2500;

        private Builder() {
        }

        /**
         * @param secret the path secret
         * @return this builder
         */
        public Builder secret(String secret) {
            this.secret = secret;
            return this;
        }

        /**
         * @param intake where what GeWe reports goes
         * @return this builder
         */
        public Builder intake(AccountIntake intake) {
            this.intake = intake;
            return this;
        }

        /**
         * @param messages localized error texts
         * @return this builder
         */
        public Builder messages(Messages messages) {
            this.messages = messages;
            return this;
        }

        /**
         * @param metrics request counters
         * @return this builder
         */
        public Builder metrics(WebhookMetrics metrics) {
            this.metrics = metrics;
            return this;
        }

        /**
         * @param bytes the largest body accepted
         * @return this builder
         */
        public Builder maxBodyBytes(int bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * @param millis how long a request waits for its commit before answering 503
         * @return this builder
         */
        public Builder ackTimeoutMillis(long millis) {
            this.ackTimeoutMillis = millis;
            return this;
        }

        /** @return the service */
        public GeweWebhookService build() {
            return new GeweWebhookService(this);
        }
    }
}
