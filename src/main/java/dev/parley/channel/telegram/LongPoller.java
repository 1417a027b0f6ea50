package dev.parley.channel.telegram;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.telegram.telegrambots.longpolling.BotSession;
import org.telegram.telegrambots.longpolling.TelegramBotsLongPollingApplication;
import org.telegram.telegrambots.longpolling.interfaces.BackOff;
import org.telegram.telegrambots.longpolling.interfaces.LongPollingUpdateConsumer;
import org.telegram.telegrambots.longpolling.util.ExponentialBackOff;
import org.telegram.telegrambots.meta.api.methods.updates.GetUpdates;
import org.telegram.telegrambots.meta.api.objects.Update;
import org.telegram.telegrambots.meta.exceptions.TelegramApiException;

/**
 * Receives updates with {@code getUpdates} through the SDK's long-polling session (which first calls
 * {@code deleteWebhook}) on one named thread, sharing {@link TelegramApi}'s HTTP client so closing cancels the
 * held request at once. Updates go straight to a consumer that only queues them. The session reports that
 * cancelled request as a SEVERE error with a stack trace, so its logger is muted while polling is shut down.
 */
final class LongPoller implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(LongPoller.class.getName());
    private static final Logger SESSION_LOG = Logger.getLogger(BotSession.class.getName());

    private final TelegramApi api;
    private final TelegramStatus status;
    private final int holdSeconds;
    private final ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
            r -> Thread.ofPlatform().daemon().name("parley-telegram-poll").unstarted(r));
    private TelegramBotsLongPollingApplication application;
    private boolean closed;

    /**
     * @param api  the Bot API
     * @param hold   how long Telegram may hold a {@code getUpdates} request open
     * @param status learns when {@code getUpdates} fails (the session then backs off exponentially)
     */
    LongPoller(TelegramApi api, Duration hold, TelegramStatus status) {
        this.api = api;
        this.status = status;
        this.holdSeconds = (int) hold.toSeconds();
    }

    /**
     * Deletes any webhook and starts polling.
     *
     * @param token    the bot token
     * @param consumer receives each batch of updates, in order
     * @throws TelegramApiException when the webhook could not be deleted
     */
    synchronized void start(String token, Consumer<List<Update>> consumer) throws TelegramApiException {
        if (closed || application != null) {
            return;
        }
        TelegramBotsLongPollingApplication app = new TelegramBotsLongPollingApplication(ObjectMapper::new, api::http,
                () -> thread, this::backOff);
        LongPollingUpdateConsumer updates = consumer::accept;
        app.registerBot(token, api::url, last -> GetUpdates.builder().offset(last + 1).limit(100).timeout(holdSeconds)
                .allowedUpdates(List.of("message", "callback_query")).build(), updates);
        application = app;
    }

    private BackOff backOff() {
        ExponentialBackOff exponential = new ExponentialBackOff();
        return new BackOff() {
            @Override
            public void reset() {
                exponential.reset();
            }

            @Override
            public long nextBackOffMillis() {
                long pause = exponential.nextBackOffMillis();
                status.failed("getUpdates failed; polling again in " + pause + " ms");
                return pause;
            }
        };
    }

    /** @return whether polling runs */
    synchronized boolean isRunning() {
        return application != null && application.isRunning();
    }

    /** Stops polling and cancels the held request; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (application == null) {
            thread.shutdownNow();
            return;
        }
        Level level = SESSION_LOG.getLevel();
        SESSION_LOG.setLevel(Level.OFF);
        try {
            application.close();
            thread.shutdownNow();
            api.http().dispatcher().cancelAll();
            thread.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.warning("stopping Telegram polling: " + api.redact(String.valueOf(e.getMessage())));
        } finally {
            SESSION_LOG.setLevel(level);
        }
    }
}
