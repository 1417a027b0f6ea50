package dev.parley.channel.feishu;

import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import dev.parley.http.WebhookMetrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Feishu's long connection ({@code PARLEY_FEISHU_MODE=websocket}): Parley dials out to Feishu and events come
 * back over that socket, so no public URL is needed. It replaces the SDK's {@code ws.Client}, which cannot be
 * stopped, runs non-daemon threads and needs the protobuf runtime left out of the build; the protocol is the
 * SDK's (2.5.3):
 * <ol>
 *   <li>{@link LongConnectionEndpoint} asks for the URL; a WebSocket ({@link FrameSocket}) is opened to it.</li>
 *   <li>A ping (control frame, header {@code type=ping}) goes out at once and then every PingInterval; the
 *       pong may carry a new {@link LongConnectionConfig}, which counts from the next check (twice a second).</li>
 *   <li>Data frames of {@code type=event} (split payloads put back together by {@link PayloadParts}) carry the
 *       same plaintext event envelope as the webhook; {@link FeishuEventIntake} runs them on the event threads.
 *       Each is answered with the same frame, a {@code biz_rt} header (milliseconds taken) and the payload
 *       {@code {"code":200,"data":<base64 of the card callback's answer>}} ({@code code} 500 when it failed
 *       or Parley was busy, so Feishu pushes it again).</li>
 *   <li>When the socket closes or fails, it reconnects after up to ReconnectNonce of random delay; failed
 *       attempts are ReconnectInterval apart and it gives up after ReconnectCount of them in a row (when
 *       Feishu sets one). A refusal of the app's credentials is final.</li>
 * </ol>
 * One named daemon thread ({@code parley-feishu-ws}) connects, pings and waits; {@link #close()} closes the
 * socket, stops every thread and can be called more than once. Neither the app secret nor the URL's query
 * (it may carry a ticket) is ever logged.
 */
final class FeishuLongConnection implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(FeishuLongConnection.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SOURCE = "feishu";
    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final Duration SHORTEST_RETRY = Duration.ofSeconds(1);
    private static final Duration PING_CHECK = Duration.ofMillis(500);
    private static final Duration KEEP_PARTS = Duration.ofMinutes(5);
    private static final int EVENT_THREADS = 4;
    private static final int EVENTS_QUEUED = 100;

    private final LongConnectionEndpoint endpoint;
    private final FeishuEventIntake intake;
    private final WebhookMetrics metrics;
    private final int maxFrameBytes;
    private final InstantSource clock;
    private final LongConnectionStatus status = new LongConnectionStatus();
    private final PayloadParts parts;
    private final HttpClient http;
    private final ExecutorService io;
    private final ThreadPoolExecutor events;
    private final Thread supervisor;
    private volatile LongConnectionConfig config = LongConnectionConfig.DEFAULTS;
    private volatile FrameSocket socket;
    private volatile boolean closed;

    /**
     * @param settings      the app's credentials and the base URL
     * @param intake        runs the events
     * @param metrics       counts them as {@code parley_webhook_requests_total{source="feishu"}}
     * @param maxFrameBytes the largest frame accepted
     * @param clock         source of time
     */
    FeishuLongConnection(FeishuSettings settings, FeishuEventIntake intake, WebhookMetrics metrics, int maxFrameBytes,
                         InstantSource clock) {
        this.intake = intake;
        this.metrics = metrics;
        this.maxFrameBytes = maxFrameBytes;
        this.clock = clock;
        this.parts = new PayloadParts(clock, KEEP_PARTS);
        this.io = Executors.newCachedThreadPool(named("parley-feishu-ws-io-"));
        this.http = HttpClient.newBuilder().connectTimeout(TIMEOUT).executor(io).build();
        this.endpoint = new LongConnectionEndpoint(http, settings, TIMEOUT);
        this.events = new ThreadPoolExecutor(EVENT_THREADS, EVENT_THREADS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(EVENTS_QUEUED), named("parley-feishu-ws-event-"));
        this.events.allowCoreThreadTimeOut(true);
        this.supervisor = Thread.ofPlatform().daemon().name("parley-feishu-ws").unstarted(this::run);
    }

    /** Starts connecting in the background. */
    void start() {
        supervisor.start();
    }

    /** @return the connection's state for {@code /health} */
    LongConnectionStatus status() {
        return status;
    }

    /** Closes the socket and stops every thread of the connection; safe to call more than once. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        FrameSocket open = socket;
        if (open != null) {
            open.close();
        }
        supervisor.interrupt();
        try {
            supervisor.join(TIMEOUT.toMillis());
            events.shutdown();
            if (!events.awaitTermination(5, TimeUnit.SECONDS)) {
                events.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            http.shutdownNow();
            io.shutdownNow();
            status.state(LongConnectionStatus.STOPPED);
        }
        LOG.info("Feishu long connection closed");
    }

    private void run() {
        int failedInARow = 0;
        while (!closed) {
            boolean connected = false;
            try {
                connected = connectAndServe();
            } catch (LongConnectionEndpoint.RefusedException e) {
                refused(e.getMessage());
                return;
            } catch (IOException e) {
                lost(e.getMessage());
            } catch (InterruptedException e) {
                return;
            }
            if (closed) {
                return;
            }
            failedInARow = connected ? 0 : failedInARow + 1;
            LongConnectionConfig now = config;
            if (now.reconnectCount() >= 0 && failedInARow > now.reconnectCount()) {
                status.state(LongConnectionStatus.GAVE_UP);
                LOG.severe("Feishu long connection: gave up after " + failedInARow + " failed attempts in a row");
                return;
            }
            Duration interval = now.reconnectInterval().compareTo(SHORTEST_RETRY) < 0 ? SHORTEST_RETRY
                    : now.reconnectInterval();
            if (!pause(connected ? Duration.ZERO : interval, now.reconnectNonce())) {
                return;
            }
        }
    }

    /** @return whether the socket was open before it closed */
    private boolean connectAndServe() throws LongConnectionEndpoint.RefusedException, IOException, InterruptedException {
        LongConnectionEndpoint.Endpoint where = endpoint.fetch();
        config = config.updatedBy(where.clientConfig());
        FrameSocket open = FrameSocket.open(http, where.url(), TIMEOUT, this::received, maxFrameBytes);
        socket = open;
        if (closed) {
            open.close();
            return true;
        }
        status.state(LongConnectionStatus.CONNECTED);
        LOG.info("Feishu long connection open to " + LongConnectionEndpoint.printable(where.url()));
        try {
            FeishuFrame ping = FeishuFrame.ping(where.serviceId());
            open.send(ping);
            long lastPing = clock.millis();
            while (!closedWithin(open, PING_CHECK)) {
                if (clock.millis() - lastPing >= config.pingInterval().toMillis()) {
                    open.send(ping);
                    lastPing = clock.millis();
                }
            }
            lost(open.closed().getNow("closed"));
        } catch (IOException e) {
            open.close();
            lost(e.getMessage());
        } finally {
            socket = null;
        }
        return true;
    }

    private static boolean closedWithin(FrameSocket open, Duration wait) throws InterruptedException {
        try {
            open.closed().get(wait.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (TimeoutException e) {
            return false;
        } catch (ExecutionException e) {
            return true;
        }
    }

    private boolean pause(Duration interval, Duration nonce) {
        long millis = interval.toMillis() + (nonce.isZero() ? 0 : ThreadLocalRandom.current().nextLong(nonce.toMillis()));
        try {
            Thread.sleep(millis);
            return !closed;
        } catch (InterruptedException e) {
            return false;
        }
    }

    private void lost(String why) {
        if (closed) {
            return;
        }
        status.failed(why);
        if (LongConnectionStatus.CONNECTED.equals(status.state())) {
            status.state(LongConnectionStatus.RECONNECTING);
        }
        LOG.warning("Feishu long connection: " + why);
    }

    private void refused(String why) {
        status.failed(why);
        status.state(LongConnectionStatus.REFUSED);
        LOG.severe("Feishu refused the long connection of this app (check PARLEY_FEISHU_APP_ID and "
                + "PARLEY_FEISHU_APP_SECRET, and that the app is a self-built app): " + why);
    }

    /** On the client's threads: control frames are read here, data frames handed to the event threads. */
    private void received(FrameSocket from, FeishuFrame frame) {
        if (frame.method() == FeishuFrame.CONTROL) {
            if ("pong".equals(frame.header("type")) && frame.payload() != null) {
                try {
                    config = config.updatedBy(JSON.readTree(frame.payload()));
                } catch (IOException e) {
                    LOG.fine("a pong without a readable ClientConfig");
                }
            }
            return;
        }
        if (closed) {
            return;
        }
        try {
            events.execute(() -> answer(frame, from));
        } catch (RejectedExecutionException e) {
            LOG.warning("Feishu event frame dropped: too many waiting; Feishu will push it again");
        }
    }

    private void answer(FeishuFrame frame, FrameSocket from) {
        byte[] payload;
        try {
            payload = parts.add(frame.header("message_id"), number(frame.header("sum"), 1), number(frame.header("seq"), 0),
                    frame.payload() == null ? new byte[0] : frame.payload());
        } catch (IllegalArgumentException e) {
            LOG.warning("a Feishu data frame with bad part headers was dropped: " + e.getMessage());
            return;
        }
        if (payload == null || !"event".equals(frame.header("type"))) {
            return;
        }
        long start = clock.millis();
        FeishuEventIntake.Outcome outcome = take(payload);
        metrics.count(SOURCE, outcome.result().label());
        ObjectNode reply = JSON.createObjectNode();
        reply.put("code", switch (outcome.result()) {
            case OK, DUPLICATE, IGNORED -> 200;
            case BUSY, FAILED, MALFORMED -> 500;
        });
        if (outcome.answer() != null) {
            reply.put("data", Base64.getEncoder().encodeToString(outcome.answer().getBytes(StandardCharsets.UTF_8)));
        }
        try {
            from.send(frame.answer(reply.toString().getBytes(StandardCharsets.UTF_8),
                    new FeishuFrame.Header("biz_rt", String.valueOf(clock.millis() - start))));
        } catch (IOException e) {
            LOG.warning("the answer to a Feishu event frame was not sent: " + e.getMessage());
        }
    }

    private FeishuEventIntake.Outcome take(byte[] payload) {
        try {
            JsonNode event = JSON.readTree(payload);
            if (event != null && event.isObject()) {
                return intake.take(event);
            }
        } catch (IOException e) {
            LOG.warning("a Feishu event frame is not JSON: " + e.getMessage());
        }
        return new FeishuEventIntake.Outcome(FeishuEventIntake.Result.MALFORMED, null);
    }

    private static int number(String header, int otherwise) {
        try {
            return header == null ? otherwise : Integer.parseInt(header.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("not a number: " + header);
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> Thread.ofPlatform().daemon().name(prefix + n.incrementAndGet()).unstarted(r);
    }
}
