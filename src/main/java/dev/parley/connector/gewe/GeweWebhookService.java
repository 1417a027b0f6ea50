package dev.parley.connector.gewe;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.parley.account.AccountKey;
import dev.parley.account.AccountStore;
import dev.parley.account.Platform;
import dev.parley.config.Secrets;
import dev.parley.connector.AccountEvents;
import dev.parley.contact.ContactStore;
import dev.parley.http.JsonReplies;
import dev.parley.http.RequestBodies;
import dev.parley.http.WebhookMetrics;
import dev.parley.i18n.Messages;
import dev.parley.ingest.GroupCommitter;
import dev.parley.ingest.IngestOutcome;
import dev.parley.ingest.IngestRejectedException;
import dev.parley.message.InboundMessage;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code POST /webhooks/gewe/{secret}}: GeWe's callbacks. A message is answered 200 only after the
 * group commit that made it durable; a re-delivery is answered 200 and stores nothing. A wrong secret
 * is answered 404 as if the path did not exist; bad bodies get a 4xx with a localized reason. GeWe
 * abandons a callback after 3 s, so a commit slower than the configured timeout answers 503.
 */
public final class GeweWebhookService implements HttpService {
    private static final Logger LOG = Logger.getLogger(GeweWebhookService.class.getName());
    private static final String SOURCE = "gewe";

    private final String secret;
    private final GeweCallbackParser parser;
    private final GroupCommitter committer;
    private final AccountStore accounts;
    private final ContactStore contacts;
    private final AccountEvents events;
    private final Messages messages;
    private final WebhookMetrics metrics;
    private final int maxBodyBytes;
    private final long ackTimeoutMillis;

    private GeweWebhookService(Builder b) {
        this.secret = b.secret;
        this.parser = GeweCallbackParser.create();
        this.committer = b.committer;
        this.accounts = b.accounts;
        this.contacts = b.contacts;
        this.events = b.events;
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
                boolean changed = accounts.markOffline(key(offline.appId()), offline.selfId());
                ok(res, "ok");
                if (changed) {
                    LOG.warning("wechat account went offline appId=" + offline.appId());
                    events.accountOffline(accounts.idOf(key(offline.appId())));
                }
            }
            case GeweCallback.ContactChanged change -> {
                long account = accounts.idOf(key(change.appId()));
                if (change.group()) {
                    contacts.upsertGroup(account, change.contactId(), change.nickname(), change.ownerId());
                } else {
                    contacts.upsertContact(account, change.contactId(), change.nickname(), change.remark());
                }
                ok(res, "ok");
                events.contactChanged(account, change.contactId(), change.group());
            }
            case GeweCallback.ContactDeleted deleted -> {
                ok(res, "ok");
                events.contactDeleted(accounts.idOf(key(deleted.appId())), deleted.contactId());
            }
        }
    }

    private void store(ServerResponse res, String locale, GeweCallback.Message message) {
        CompletableFuture<IngestOutcome> pending;
        try {
            pending = committer.submit(List.of(message.message()));
        } catch (IngestRejectedException e) {
            LOG.warning("gewe message refused: " + e.getMessage());
            reject(res, Status.SERVICE_UNAVAILABLE_503, "unavailable", messages.text(locale, "webhook.error.busy", Map.of()));
            return;
        }
        try {
            IngestOutcome outcome = pending.get(ackTimeoutMillis, TimeUnit.MILLISECONDS);
            metrics.count(SOURCE, outcome.stored() > 0 ? "ok" : "duplicate");
            JsonReplies.send(res, Status.OK_200, JsonReplies.object().put("ok", true)
                    .put("stored", outcome.stored()).put("duplicate", outcome.duplicates()));
            if (outcome.stored() > 0) {
                InboundMessage stored = message.message();
                events.messageStored(accounts.idOf(key(stored.accountExternalId())), stored, message.changes());
            }
        } catch (TimeoutException e) {
            LOG.warning("gewe message not committed within " + ackTimeoutMillis + " ms; answering 503");
            reject(res, Status.SERVICE_UNAVAILABLE_503, "unavailable", messages.text(locale, "webhook.error.busy", Map.of()));
        } catch (ExecutionException e) {
            LOG.log(Level.SEVERE, "gewe message could not be stored", e.getCause());
            reject(res, Status.INTERNAL_SERVER_ERROR_500, "error", messages.text(locale, "webhook.error.store_failed", Map.of()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            reject(res, Status.SERVICE_UNAVAILABLE_503, "unavailable", messages.text(locale, "webhook.error.busy", Map.of()));
        }
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
        private GroupCommitter committer;
        private AccountStore accounts;
        private ContactStore contacts;
        private AccountEvents events = new AccountEvents() { };
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
         * @param committer where messages go
         * @return this builder
         */
        public Builder committer(GroupCommitter committer) {
            this.committer = committer;
            return this;
        }

        /**
         * @param accounts account status updates
         * @return this builder
         */
        public Builder accounts(AccountStore accounts) {
            this.accounts = accounts;
            return this;
        }

        /**
         * @param contacts contact and group names
         * @return this builder
         */
        public Builder contacts(ContactStore contacts) {
            this.contacts = contacts;
            return this;
        }

        /**
         * @param events told about new messages, contact changes and accounts going offline
         * @return this builder
         */
        public Builder events(AccountEvents events) {
            this.events = events;
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
