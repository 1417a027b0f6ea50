package dev.parley.channel.dingtalk;

import java.lang.reflect.Field;
import java.time.Duration;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

import com.dingtalk.open.app.api.OpenDingTalkClient;
import com.dingtalk.open.app.api.OpenDingTalkStreamClientBuilder;
import com.dingtalk.open.app.api.callback.DingTalkStreamTopics;
import com.dingtalk.open.app.api.callback.OpenDingTalkCallbackListener;
import com.dingtalk.open.app.api.security.AuthClientCredential;

/**
 * DingTalk's Stream mode: Parley dials out to DingTalk over a WebSocket, so no public URL is needed. Wraps the
 * SDK ({@code app-stream-client} 1.3.12) so that nothing outside this class sees it: robot messages and card
 * button presses reach a {@link Listener} as {@link RobotMessage} and {@link CardCallback}.
 *
 * <p>How the SDK behaves, from its source: {@code start()} opens no connection itself; it schedules a task on a
 * thread named {@code connection-pool-…} that asks {@code POST {openApiHost}/v1.0/gateway/connections/open} for an
 * endpoint and ticket, dials {@code wss://host:port/connect?ticket=…} (only {@code wss} is supported), and
 * repeats every 5 s while no connection is up. Callbacks run on its {@code DingTalk-Consumer-…} pool (16
 * threads); a callback that returns is acknowledged with code 200, one that throws with 500, so DingTalk
 * delivers it again. None of its threads are daemons (netty's {@code DefaultThreadFactory}), and its netty
 * event loop group ({@code nioEventLoopGroup-…}) and timers are static and outlive {@code stop()}.
 *
 * <p>{@link #start()} therefore never blocks: building and starting the client happen on a named daemon thread
 * that retries with back-off if the SDK throws. {@link #close()} stops it, once.
 */
final class StreamConnection implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(StreamConnection.class.getName());
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(1);
    private static final String DEFAULT_HOST = "https://api.dingtalk.com";

    /** Where the connection delivers what DingTalk pushes. Runs on the SDK's consumer threads. */
    interface Listener {
        /**
         * @param message a message to the robot; throwing makes DingTalk deliver it again later
         */
        void onMessage(RobotMessage message);

        /**
         * @param press a button pressed on an interactive card; throwing makes DingTalk deliver it again later
         */
        void onCardAction(CardCallback press);
    }

    private final DingTalkSettings settings;
    private final Listener listener;
    private final Thread starter;
    /** The builder's private host field, or {@code null} when {@code api.url} is DingTalk's own. */
    private final Field openApiHost;
    private final Object lock = new Object();
    private OpenDingTalkClient client;
    private boolean closed;

    /**
     * @param settings the app's credentials and {@code api.url} (where the gateway is opened)
     * @param listener receives messages and card presses
     * @throws IllegalStateException when {@code api.url} is not DingTalk's and the SDK offers no way to set it
     */
    StreamConnection(DingTalkSettings settings, Listener listener) {
        this.settings = settings;
        this.listener = listener;
        this.openApiHost = DEFAULT_HOST.equals(settings.apiUrl()) ? null : openApiHostField();
        this.starter = Thread.ofPlatform().daemon().name("parley-dingtalk-stream").unstarted(this::startWithRetries);
    }

    /** Starts connecting in the background and returns at once. */
    void start() {
        synchronized (lock) {
            if (!closed && starter.getState() == Thread.State.NEW) {
                starter.start();
            }
        }
    }

    /** @return whether the SDK client has been started (connecting or connected; it reconnects on its own) */
    boolean started() {
        synchronized (lock) {
            return client != null;
        }
    }

    private void startWithRetries() {
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            OpenDingTalkClient built = null;
            try {
                synchronized (lock) {
                    if (closed) {
                        return;
                    }
                }
                built = build();
                built.start();
                synchronized (lock) {
                    if (!closed) {
                        client = built;
                        LOG.info(() -> "DingTalk Stream client started for " + settings.clientId() + " at "
                                + settings.apiUrl());
                        return;
                    }
                }
                stopQuietly(built);
                return;
            } catch (Exception e) {
                if (built != null) {
                    stopQuietly(built);
                }
                Duration wait = backoff;
                LOG.log(Level.WARNING, "DingTalk Stream client did not start; trying again in " + wait.toSeconds()
                        + " s: " + e, e);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
                try {
                    Thread.sleep(wait);
                } catch (InterruptedException interrupted) {
                    return;
                }
            }
        }
    }

    private OpenDingTalkClient build() {
        OpenDingTalkStreamClientBuilder builder = OpenDingTalkStreamClientBuilder.custom()
                .credential(new AuthClientCredential(settings.clientId(), settings.clientSecret()))
                .registerCallbackListener(DingTalkStreamTopics.BOT_MESSAGE_TOPIC, new BotMessages(listener))
                .registerCallbackListener(DingTalkStreamTopics.CARD_CALLBACK_TOPIC, new CardPresses(listener));
        if (openApiHost != null) {
            try {
                openApiHost.set(builder, settings.apiUrl());
            } catch (IllegalAccessException e) {
                throw new IllegalStateException("cannot set OpenDingTalkStreamClientBuilder.openApiHost", e);
            }
        }
        return builder.build();
    }

    /**
     * The builder's {@code openApiHost(String)} is private in 1.3.12 (only {@code preEnv()} reaches it), so a
     * different host (a test's fake, a proxy) is set on its private field, looked up when the connection is made
     * so that a changed SDK fails at once rather than in the background.
     *
     * @throws IllegalStateException when the SDK has no such field or it cannot be opened
     */
    private static Field openApiHostField() {
        try {
            Field field = OpenDingTalkStreamClientBuilder.class.getDeclaredField("openApiHost");
            field.setAccessible(true);
            return field;
        } catch (NoSuchFieldException e) {
            throw new IllegalStateException("this app-stream-client has no field OpenDingTalkStreamClientBuilder."
                    + "openApiHost, so parley.dingtalk.api.url cannot be applied to the Stream connection; use the "
                    + "version in pom.xml (1.3.12) or leave api.url at " + DEFAULT_HOST, e);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot open OpenDingTalkStreamClientBuilder.openApiHost: " + e, e);
        }
    }

    @Override
    public void close() {
        OpenDingTalkClient running;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            running = client;
            client = null;
        }
        starter.interrupt();
        if (running != null) {
            stopQuietly(running);
        }
    }

    private static void stopQuietly(OpenDingTalkClient client) {
        try {
            client.stop();
        } catch (Exception e) {
            LOG.log(Level.WARNING, "DingTalk Stream client did not stop cleanly: " + e, e);
        }
    }

    /**
     * Robot messages. A named class, not a lambda: the SDK reads the parameter type ({@code String}: the raw
     * JSON) from the generic interface.
     */
    private static final class BotMessages implements OpenDingTalkCallbackListener<String, Void> {
        private final Listener listener;

        BotMessages(Listener listener) {
            this.listener = listener;
        }

        @Override
        public Void execute(String json) {
            RobotMessage message;
            try {
                message = RobotMessage.parse(json);
            } catch (IllegalArgumentException e) {
                // acknowledged anyway: a message that cannot be read never will be
                LOG.warning(() -> "DingTalk Stream: ignored a robot message: " + e.getMessage());
                return null;
            }
            listener.onMessage(message);
            return null;
        }
    }

    /** Card button presses; the answer is an empty object: the card is updated separately, by the OpenAPI. */
    private static final class CardPresses implements OpenDingTalkCallbackListener<String, Map<String, Object>> {
        private final Listener listener;

        CardPresses(Listener listener) {
            this.listener = listener;
        }

        @Override
        public Map<String, Object> execute(String json) {
            CardCallback press;
            try {
                press = CardCallback.parse(json);
            } catch (IllegalArgumentException e) {
                LOG.warning(() -> "DingTalk Stream: ignored a card callback: " + e.getMessage());
                return Map.of();
            }
            listener.onCardAction(press);
            return Map.of();
        }
    }
}
