package dev.parley.channel.telegram;

import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

import dev.parley.channel.AdminChannel;
import dev.parley.channel.ChannelDeliveries;
import dev.parley.channel.ChannelException;
import dev.parley.channel.ChannelGateway;
import dev.parley.channel.ChannelStatus;
import dev.parley.channel.Interactions;
import dev.parley.channel.StartRetries;
import dev.parley.command.CommandCatalog;
import dev.parley.http.WebhookMetrics;
import dev.parley.i18n.Messages;

import io.helidon.webserver.http.HttpRouting;
import org.telegram.telegrambots.meta.api.methods.GetMe;
import org.telegram.telegrambots.meta.api.methods.updates.SetWebhook;
import org.telegram.telegrambots.meta.api.objects.User;

/**
 * The Telegram admin channel as {@code Parley} wires it: the {@link TelegramChannel} registered with the
 * background deliveries, the webhook route in webhook mode, and a start-up that never blocks the service: a
 * named thread asks {@code getMe}, registers the command menu and starts long polling (or registers the
 * webhook when a public URL is known), retrying with back-off while Telegram cannot be reached.
 */
public final class TelegramBot implements AdminChannel {
    private static final Logger LOG = Logger.getLogger(TelegramBot.class.getName());
    private static final Duration POLL_HOLD = Duration.ofSeconds(30);
    private static final Duration LONGEST_PACING_WAIT = Duration.ofSeconds(10);

    private final TelegramSettings settings;
    private final TelegramStatus status;
    private final TelegramApi api;
    private final Interactions interactions;
    private final UpdateRouter router;
    private final CommandMenu menu;
    private final LongPoller poller;
    private final TelegramWebhookService webhook;
    private final Thread starter;
    private volatile boolean closed;

    /**
     * @param settings     token, API address, mode
     * @param gateway      runs what people type and press
     * @param deliveries   background posts (alerts) and live card edits
     * @param catalog      the commands, for the menu
     * @param messages     texts in each locale
     * @param metrics      counts webhook requests
     * @param maxFileBytes the largest document downloaded for a command
     */
    public TelegramBot(TelegramSettings settings, ChannelGateway gateway, ChannelDeliveries deliveries,
                       CommandCatalog catalog, Messages messages, WebhookMetrics metrics, long maxFileBytes) {
        this.settings = settings;
        this.status = new TelegramStatus(settings.mode());
        this.api = new TelegramApi(settings, POLL_HOLD, status);
        TelegramChannel channel = new TelegramChannel(api, TelegramChannel.limits(LONGEST_PACING_WAIT));
        // Telegram waits for the answer to a press as long as it takes (the button's spinner turns meanwhile)
        this.interactions = Interactions.of(gateway, deliveries, channel, null);
        this.router = new UpdateRouter(interactions, channel, api, new TelegramFiles(api, settings, maxFileBytes));
        this.menu = new CommandMenu(catalog, messages);
        this.poller = settings.mode() == TelegramSettings.Mode.POLLING ? new LongPoller(api, POLL_HOLD, status) : null;
        this.webhook = settings.mode() == TelegramSettings.Mode.WEBHOOK
                ? new TelegramWebhookService(settings.webhookSecret(), settings.maxBodyBytes(), router, messages, metrics)
                : null;
        this.starter = Thread.ofPlatform().daemon().name("parley-telegram-start").unstarted(this::connect);
    }

    @Override
    public String name() {
        return TelegramChannel.NAME;
    }

    /** Connects in the background. */
    @Override
    public void start() {
        starter.start();
    }

    /** Adds {@code POST /webhooks/telegram} in webhook mode. */
    @Override
    public void routing(HttpRouting.Builder routing) {
        if (webhook != null) {
            routing.register(TelegramSettings.WEBHOOK_PATH, webhook);
        }
    }

    /** @return mode, state, bot name and last error */
    @Override
    public ChannelStatus status() {
        return status.now();
    }

    private void connect() {
        StartRetries.run(() -> {
            User me = api.call(new GetMe());
            router.botUsername(me.getUserName());
            menu.register(api);
            if (poller != null) {
                poller.start(settings.token(), router::accept);
            } else if (settings.webhookUrl() != null) {
                api.call(SetWebhook.builder().url(settings.webhookUrl()).secretToken(settings.webhookSecret())
                        .allowedUpdates(List.of("message", "callback_query")).build());
            } else {
                LOG.warning("Telegram webhook mode without PARLEY_PUBLIC_URL: register " + TelegramSettings.WEBHOOK_PATH
                        + " with setWebhook yourself");
            }
            status.started(me.getUserName());
            LOG.info("Telegram bot @" + me.getUserName() + " ready ("
                    + (poller != null ? "long polling" : "webhook " + TelegramSettings.WEBHOOK_PATH) + ")");
        }, () -> closed, (e, pause) -> {
            String why = api.redact(String.valueOf(e.getMessage()));
            status.failed(why);
            LOG.warning("Telegram is not reachable yet (" + why + "); trying again in " + pause.toSeconds() + " s");
        });
    }

    /** Stops polling, cancels calls in flight and lets the updates being handled finish; idempotent. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        starter.interrupt();
        if (poller != null) {
            poller.close();
        }
        interactions.close();
        api.close();
        status.stopped();
    }
}
