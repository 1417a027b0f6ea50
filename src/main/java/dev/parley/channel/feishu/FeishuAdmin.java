package dev.parley.channel.feishu;

import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Logger;

import dev.parley.channel.AdminChannel;
import dev.parley.channel.ChannelDeliveries;
import dev.parley.channel.ChannelGateway;
import dev.parley.channel.ChannelStatus;
import dev.parley.channel.Interactions;
import dev.parley.channel.SeenEvents;
import dev.parley.http.WebhookMetrics;
import dev.parley.i18n.Messages;

import io.helidon.webserver.http.HttpRouting;
import org.jdbi.v3.core.Jdbi;

/**
 * The Feishu / Lark admin channel as {@code Parley} wires it: from the settings it either starts the
 * channel (events at the webhook service or over the long connection, Open API client, command threads,
 * registration for background deliveries so bound Feishu groups receive alerts) or explains, in the log and
 * on {@code /health}, why it is off. In long-connection mode the webhook answers 503 saying so: events come
 * only one way, and that way is authenticated (a webhook without an Encrypt Key would take anyone's events).
 * Only this package imports the Lark SDK.
 */
public final class FeishuAdmin implements AdminChannel {
    private static final Logger LOG = Logger.getLogger(FeishuAdmin.class.getName());
    private static final Duration SEEN_RETENTION = Duration.ofHours(24);
    private static final Duration MAX_SKEW = Duration.ofMinutes(5);
    private static final Duration ANSWER_WITHIN = Duration.ofMillis(2500);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final FeishuWebhookService webhook;
    private final Map<String, Object> health;
    private final boolean up;
    private final Interactions interactions;
    private final ResourceDownloads downloads;
    private final FeishuLongConnection longConnection;

    private FeishuAdmin(FeishuWebhookService webhook, Map<String, Object> health, boolean up, Interactions interactions,
                        ResourceDownloads downloads, FeishuLongConnection longConnection) {
        this.webhook = webhook;
        this.health = health;
        this.up = up;
        this.interactions = interactions;
        this.downloads = downloads;
        this.longConnection = longConnection;
    }

    /** @return a builder */
    public static Builder builder() {
        return new Builder();
    }

    @Override
    public String name() {
        return FeishuChannel.NAME;
    }

    /** Adds {@code POST /webhooks/feishu}: it takes the events in webhook mode, and says why not otherwise. */
    @Override
    public void routing(HttpRouting.Builder routing) {
        routing.register("/webhooks/feishu", webhook);
    }

    /** Nothing to do: the channel started as it was built (the long connection connects in the background). */
    @Override
    public void start() {
    }

    /** @return off, refused with the reason, or its mode and either its webhook or the long connection's state */
    @Override
    public ChannelStatus status() {
        Map<String, Object> details = health();
        Object state = details.getOrDefault("state", "off");
        return new ChannelStatus(!degraded(), "channel.status.feishu", Map.of("mode",
                String.valueOf(details.getOrDefault("mode", "—")), "state", String.valueOf(state)), details);
    }

    /** @return whether the channel runs (configured and not refused) */
    public boolean up() {
        return up;
    }

    private Map<String, Object> health() {
        if (longConnection == null) {
            return health;
        }
        Map<String, Object> now = new LinkedHashMap<>(health);
        now.putAll(longConnection.status().details());
        return now;
    }

    /** @return whether the channel should work but does not: refused to start, or its long connection is not open */
    private boolean degraded() {
        return longConnection == null ? "refused".equals(health.get("state"))
                : !LongConnectionStatus.CONNECTED.equals(longConnection.status().state());
    }

    /**
     * Closes the long connection, then stops the command threads; commands in progress get a few seconds to
     * post their answers.
     */
    @Override
    public void close() {
        if (longConnection != null) {
            longConnection.close();
        }
        if (interactions == null) {
            return;
        }
        interactions.close();
        downloads.close();
    }

    /** Configures the Feishu channel. */
    public static final class Builder {
        private FeishuSettings settings;
        private ChannelGateway gateway;
        private ChannelDeliveries deliveries;
        private Jdbi jdbi;
        private Messages messages;
        private WebhookMetrics metrics;
        private int maxBodyBytes = 1 << 20;
        private long maxFileBytes = 1 << 20;
        private InstantSource clock = InstantSource.system();

        private Builder() {
        }

        /**
         * @param settings the {@code parley.feishu.*} settings
         * @return this builder
         */
        public Builder settings(FeishuSettings settings) {
            this.settings = settings;
            return this;
        }

        /**
         * @param gateway    runs commands and follows live cards
         * @param deliveries background posts (alerts) and live card edits
         * @return this builder
         */
        public Builder commands(ChannelGateway gateway, ChannelDeliveries deliveries) {
            this.gateway = gateway;
            this.deliveries = deliveries;
            return this;
        }

        /**
         * @param jdbi the database (event ids already handled)
         * @return this builder
         */
        public Builder jdbi(Jdbi jdbi) {
            this.jdbi = jdbi;
            return this;
        }

        /**
         * @param messages localized texts
         * @param metrics  webhook request counters
         * @return this builder
         */
        public Builder texts(Messages messages, WebhookMetrics metrics) {
            this.messages = messages;
            this.metrics = metrics;
            return this;
        }

        /**
         * @param bytes the largest event body or long-connection frame accepted
         * @return this builder
         */
        public Builder maxBodyBytes(int bytes) {
            this.maxBodyBytes = bytes;
            return this;
        }

        /**
         * @param bytes the largest file a command replies to that is passed on with its content
         * @return this builder
         */
        public Builder maxFileBytes(long bytes) {
            this.maxFileBytes = bytes;
            return this;
        }

        /**
         * @param clock source of time for timestamps and retention
         * @return this builder
         */
        public Builder clock(InstantSource clock) {
            this.clock = clock;
            return this;
        }

        /** @return the channel, started when it is configured and can start */
        public FeishuAdmin build() {
            Map<String, Object> health = new LinkedHashMap<>();
            if (!settings.configured()) {
                health.put("state", "off");
                return refused(health, "feishu.error.off");
            }
            health.put("baseUrl", settings.baseUrl());
            health.put("mode", settings.mode());
            boolean longConnection = FeishuSettings.WEBSOCKET.equals(settings.mode());
            if (!longConnection && !FeishuSettings.WEBHOOK.equals(settings.mode())) {
                return refusedLoudly(health, "feishu.error.unknown_mode");
            }
            if (!longConnection && settings.encryptKey().isEmpty()) {
                return refusedLoudly(health, "feishu.error.no_encrypt_key");
            }
            FeishuOpenApi api = new FeishuOpenApi(settings, REQUEST_TIMEOUT);
            FeishuChannel channel = new FeishuChannel(api, FeishuChannel.limits(), messages);
            Interactions interactions = Interactions.of(gateway, deliveries, channel, ANSWER_WITHIN);
            ResourceDownloads downloads = new ResourceDownloads(settings, REQUEST_TIMEOUT);
            FeishuConversations conversations = new FeishuConversations(interactions, channel, deliveries,
                    new FeishuFiles(api, downloads, maxFileBytes), messages);
            FeishuEventIntake intake = new FeishuEventIntake(new SeenEvents(jdbi, FeishuChannel.NAME, clock, SEEN_RETENTION),
                    conversations.dispatcher());
            conversations.learnWhoTheBotIs();
            if (longConnection) {
                FeishuLongConnection connection = new FeishuLongConnection(settings, intake, metrics, maxBodyBytes, clock);
                connection.start();
                LOG.info("Feishu channel on for app " + settings.appId() + " at " + settings.baseUrl()
                        + "; events over the long connection");
                return new FeishuAdmin(FeishuWebhookService.refusing(messages, metrics, "feishu.error.long_connection_mode"),
                        Map.copyOf(health), true, interactions, downloads, connection);
            }
            health.put("state", "up");
            health.put("webhook", "/webhooks/feishu");
            LOG.info("Feishu channel on for app " + settings.appId() + " at " + settings.baseUrl()
                    + "; events at POST /webhooks/feishu");
            return new FeishuAdmin(FeishuWebhookService.accepting(messages, metrics, settings, intake, maxBodyBytes, clock,
                    MAX_SKEW), Map.copyOf(health), true, interactions, downloads, null);
        }

        private FeishuAdmin refusedLoudly(Map<String, Object> health, String key) {
            String reason = messages.text(messages.defaultLocale(), key, Map.of());
            LOG.severe(reason);
            health.put("state", "refused");
            health.put("reason", reason);
            return refused(health, key);
        }

        private FeishuAdmin refused(Map<String, Object> health, String key) {
            return new FeishuAdmin(FeishuWebhookService.refusing(messages, metrics, key), Map.copyOf(health), false, null, null, null);
        }
    }
}
