package dev.parley.channel.dingtalk;

import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
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
 * The DingTalk (钉钉) admin channel as {@code Parley} wires it: an enterprise-internal app's robot. From the settings it
 * either runs — robot messages over the Stream connection ({@code mode: stream}, the default: Parley dials out, no
 * public URL) or at {@code POST /webhooks/dingtalk} ({@code mode: http}, signed callbacks), answers through the
 * session webhook or the robot OpenAPI, registered for background deliveries so bound DingTalk groups receive alerts —
 * or explains in the log and on {@code /health} why it is off. Only this package imports the DingTalk SDK.
 */
public final class DingTalkAdmin implements AdminChannel {
    private static final Logger LOG = Logger.getLogger(DingTalkAdmin.class.getName());
    /** The path of the HTTP callback. */
    public static final String WEBHOOK_PATH = "/webhooks/dingtalk";
    /** How long a message id is remembered: DingTalk delivers again for far less. */
    private static final Duration SEEN_RETENTION = Duration.ofHours(24);

    private final DingTalkSettings settings;
    private final DingTalkWebhookService webhook;
    private final Interactions interactions;
    private final StreamConnection stream;
    private final String refusal;

    private DingTalkAdmin(DingTalkSettings settings, DingTalkWebhookService webhook, Interactions interactions,
                          StreamConnection stream, String refusal) {
        this.settings = settings;
        this.webhook = webhook;
        this.interactions = interactions;
        this.stream = stream;
        this.refusal = refusal;
    }

    /**
     * @param settings     the {@code parley.dingtalk.*} settings
     * @param gateway      runs commands and follows live cards
     * @param deliveries   background posts (alerts) and live card edits
     * @param messages     localized texts
     * @param metrics      webhook request counters
     * @param maxBodyBytes the largest callback body accepted
     * @param clock        the time, for signatures and session webhooks
     * @param jdbi         the database (the message ids already taken on)
     * @return the channel: running when configured, else off and saying why
     */
    public static DingTalkAdmin create(DingTalkSettings settings, ChannelGateway gateway, ChannelDeliveries deliveries,
                                       Messages messages, WebhookMetrics metrics, int maxBodyBytes, Clock clock,
                                       Jdbi jdbi) {
        if (!settings.configured()) {
            return new DingTalkAdmin(settings, DingTalkWebhookService.refusing(messages, metrics, "dingtalk.error.off"),
                    null, null, "off");
        }
        boolean http = "http".equals(settings.mode());
        if (!http && !"stream".equals(settings.mode())) {
            LOG.severe(messages.text(messages.defaultLocale(), "dingtalk.error.unknown_mode", Map.of("mode", settings.mode())));
            return new DingTalkAdmin(settings, DingTalkWebhookService.refusing(messages, metrics, "dingtalk.error.unknown_mode"),
                    null, null, "refused");
        }
        DingTalkOpenApi api = new DingTalkOpenApi(settings,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build(), clock);
        DingTalkChannel channel = new DingTalkChannel(api,
                new DingTalkMarkdown(messages, DingTalkConversations::pressText), settings, clock);
        // DingTalk waits for no acknowledgement of a press: a press runs as long as it takes
        Interactions interactions = Interactions.of(gateway, deliveries, channel, null);
        DingTalkConversations conversations = new DingTalkConversations(interactions, channel,
                new SeenEvents(jdbi, DingTalkChannel.NAME, clock, SEEN_RETENTION));
        if (http) {
            LOG.info("DingTalk channel on for app " + settings.clientId() + "; robot messages at POST " + WEBHOOK_PATH);
            return new DingTalkAdmin(settings, DingTalkWebhookService.accepting(
                    new CallbackSignature(settings.clientSecret(), clock), conversations, maxBodyBytes, messages, metrics),
                    interactions, null, null);
        }
        LOG.info("DingTalk channel on for app " + settings.clientId() + "; robot messages over the Stream connection");
        return new DingTalkAdmin(settings, DingTalkWebhookService.refusing(messages, metrics, "dingtalk.error.stream_mode"),
                interactions, new StreamConnection(settings, conversations), null);
    }

    @Override
    public String name() {
        return DingTalkChannel.NAME;
    }

    /** Adds {@code POST /webhooks/dingtalk}: it takes robot messages in HTTP mode, and says why not otherwise. */
    @Override
    public void routing(HttpRouting.Builder routing) {
        routing.register(WEBHOOK_PATH, webhook);
    }

    /** Opens the Stream connection in the background, in Stream mode. */
    @Override
    public void start() {
        if (stream != null) {
            stream.start();
        }
    }

    @Override
    public ChannelStatus status() {
        Map<String, Object> details = new LinkedHashMap<>();
        String state = refusal != null ? refusal : stream == null ? "up" : stream.started() ? "connected" : "connecting";
        details.put("state", state);
        if (refusal == null || "refused".equals(refusal)) {
            details.put("mode", settings.mode());
        }
        if (refusal == null && stream == null) {
            details.put("webhook", WEBHOOK_PATH);
        }
        if (refusal == null) {
            details.put("cards", settings.interactiveCards() ? "interactive" : "markdown");
        }
        return new ChannelStatus(!"refused".equals(refusal) && !"connecting".equals(state), "channel.status.dingtalk",
                Map.of("mode", String.valueOf(details.getOrDefault("mode", "—")), "state", state), details);
    }

    /** Closes the Stream connection, then lets the commands in progress finish briefly; idempotent. */
    @Override
    public void close() {
        if (stream != null) {
            stream.close();
        }
        if (interactions != null) {
            interactions.close();
        }
    }
}
