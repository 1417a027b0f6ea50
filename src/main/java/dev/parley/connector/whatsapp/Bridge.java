package dev.parley.connector.whatsapp;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.parley.connector.ConnectorException;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The WhatsApp bridge process, supervised: one child process speaking JSON lines on stdin and stdout (the contract in
 * {@code bridge/whatsapp/README.md}), its stderr forwarded to the log line by line. It is started on first use and
 * started again with a growing pause (from {@code minBackoff} doubling up to {@code maxBackoff}, back to the minimum
 * after a run of a minute) whenever it ends unasked; the {@link Listener} hears when a new process is ready, so the
 * sessions are opened again, and calls in flight when it ended fail as possibly carried out. Threads:
 * {@code whatsapp-bridge} (supervisor and reader of stdout, so events reach the listener in the bridge's order) and
 * {@code whatsapp-bridge-log}. {@link #close()} closes the bridge's stdin, which makes it end every socket and exit,
 * and waits a few seconds before killing it.
 */
final class Bridge implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Bridge.class.getName());
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int MAX_LOG_LINE = 2000;
    private static final Duration LONG_RUN = Duration.ofMinutes(1);
    private static final Duration STOP_WAIT = Duration.ofSeconds(5);

    private final List<String> command;
    private final Listener listener;
    private final BridgeMetrics metrics;
    private final Duration minBackoff;
    private final Duration maxBackoff;
    private final Map<String, CompletableFuture<JsonNode>> calls = new ConcurrentHashMap<>();
    private final AtomicLong callIds = new AtomicLong();
    private final Object lock = new Object();
    private Thread supervisor;
    private Process process;
    private BufferedWriter stdin;
    private State state = State.STOPPED;
    private String version;
    private String lastEnd;
    private int restarts;
    private boolean closed;

    /**
     * @param command    the bridge's command line
     * @param listener   told of readiness, events and ends
     * @param metrics    up, restarts, events
     * @param minBackoff the first pause before a restart
     * @param maxBackoff the longest pause before a restart
     */
    Bridge(List<String> command, Listener listener, BridgeMetrics metrics, Duration minBackoff, Duration maxBackoff) {
        this.command = List.copyOf(command);
        this.listener = listener;
        this.metrics = metrics;
        this.minBackoff = minBackoff;
        this.maxBackoff = maxBackoff;
        metrics.up(false);
    }

    /** Starts the process and its supervisor unless they run already; returns at once. */
    void start() {
        synchronized (lock) {
            if (supervisor != null || closed) {
                return;
            }
            state = State.STARTING;
            supervisor = Thread.ofVirtual().name("whatsapp-bridge").start(this::supervise);
        }
    }

    /**
     * @param timeout how long to wait
     * @return whether a bridge process is running and said it is ready
     * @throws InterruptedException when interrupted while waiting
     */
    boolean awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (state != State.RUNNING && !closed) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    return false;
                }
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return state == State.RUNNING;
        }
    }

    /**
     * Writes one operation ({@code open}, {@code close}) to the bridge.
     *
     * @param op the operation
     * @throws ConnectorException (transient) when no bridge process is ready
     */
    void send(ObjectNode op) throws ConnectorException {
        BufferedWriter out;
        synchronized (lock) {
            out = state == State.RUNNING ? stdin : null;
        }
        if (out == null) {
            throw new ConnectorException(ConnectorException.Kind.TRANSIENT, "the WhatsApp bridge is not running", null);
        }
        write(out, op);
    }

    /**
     * Calls a Baileys socket method of one account's session.
     *
     * @param account the account's session id
     * @param method  the socket method
     * @param args    its arguments
     * @return completes with the result, or exceptionally with a {@link ConnectorException} (the bridge's error, or the
     *     bridge ending meanwhile: then the call may have been carried out)
     */
    CompletableFuture<JsonNode> call(String account, String method, ArrayNode args) {
        String id = "c" + callIds.incrementAndGet();
        CompletableFuture<JsonNode> result = new CompletableFuture<>();
        calls.put(id, result);
        ObjectNode op = JSON.createObjectNode().put("op", "call").put("account", account).put("id", id)
                .put("method", method);
        op.set("args", args);
        try {
            send(op);
        } catch (ConnectorException e) {
            calls.remove(id);
            result.completeExceptionally(e);
        }
        return result;
    }

    /** @return where the process stands, for health and status */
    Health health() {
        synchronized (lock) {
            return new Health(state, process != null && process.isAlive() ? process.pid() : null, version, restarts,
                    lastEnd);
        }
    }

    /** Stops the process (its sockets end, its sessions stay saved) and the supervisor; safe to call twice. */
    @Override
    public void close() {
        Thread running;
        Process current;
        BufferedWriter out;
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            running = supervisor;
            current = process;
            out = stdin;
            state = State.STOPPED;
            lock.notifyAll();
        }
        if (current != null) {
            try {
                out.close();
            } catch (IOException e) {
                LOG.log(Level.FINE, "the bridge's stdin was closed already", e);
            }
            try {
                if (!current.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warning("the WhatsApp bridge did not exit within " + STOP_WAIT.toSeconds() + " s; stopping it");
                    current.destroy();
                    if (!current.waitFor(2, TimeUnit.SECONDS)) {
                        current.destroyForcibly();
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                current.destroyForcibly();
            }
        }
        if (running != null) {
            running.interrupt();
            try {
                running.join(Duration.ofSeconds(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        metrics.up(false);
        failCalls("Parley is stopping");
    }

    private void supervise() {
        Duration backoff = minBackoff;
        while (!isClosed()) {
            long startedAt = System.nanoTime();
            String why = runOnce();
            synchronized (lock) {
                lastEnd = why;
                process = null;
                stdin = null;
                if (closed) {
                    return;
                }
                state = State.RESTARTING;
                lock.notifyAll();
            }
            metrics.up(false);
            failCalls("the WhatsApp bridge ended (" + why + ")");
            listener.ended(why);
            if (System.nanoTime() - startedAt > LONG_RUN.toNanos()) {
                backoff = minBackoff;
            }
            LOG.warning("the WhatsApp bridge ended (" + why + "); starting it again in " + backoff.toMillis() + " ms");
            try {
                Thread.sleep(backoff);
            } catch (InterruptedException e) {
                return;
            }
            synchronized (lock) {
                if (closed) {
                    return;
                }
                restarts++;
            }
            metrics.restarted();
            backoff = backoff.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : backoff.multipliedBy(2);
        }
    }

    /** Runs one process until its stdout ends; returns why it ended. */
    private String runOnce() {
        Process started;
        try {
            started = new ProcessBuilder(command).start();
        } catch (IOException e) {
            return "could not start " + command.getFirst() + ": " + e.getMessage();
        }
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(started.getOutputStream(), StandardCharsets.UTF_8));
        synchronized (lock) {
            if (closed) {
                started.destroy();
                return "Parley is stopping";
            }
            process = started;
            stdin = out;
        }
        LOG.info("WhatsApp bridge started (pid " + started.pid() + ")");
        Thread log = Thread.ofVirtual().name("whatsapp-bridge-log").start(() -> forwardLog(started.getErrorStream()));
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(started.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                handle(line);
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "reading the bridge's output failed", e);
        }
        try {
            if (!started.waitFor(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                started.destroyForcibly();
                started.waitFor(2, TimeUnit.SECONDS);
            }
            log.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            started.destroyForcibly();
            Thread.currentThread().interrupt();
            return "Parley is stopping";
        }
        return started.isAlive() ? "its output ended" : "exit code " + started.exitValue();
    }

    private void handle(String line) {
        if (line.isBlank()) {
            return;
        }
        JsonNode message;
        try {
            message = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            LOG.warning("the WhatsApp bridge wrote a line that is not JSON (" + line.length() + " characters); skipped");
            return;
        }
        if (!message.isObject()) {
            LOG.warning("the WhatsApp bridge wrote JSON that is not an object; skipped");
            return;
        }
        String event = message.path("event").asText("");
        String id = message.path("id").asText(null);
        if (id != null && (message.has("result") || message.has("error"))) {
            answer(id, message);
        } else if (event.equals("ready") && !message.has("account")) {
            ready(message.path("version").asText("unknown"));
        } else if (!event.isEmpty() && message.hasNonNull("account")) {
            metrics.event(event);
            try {
                listener.event(message.path("account").asText(), event, message.path("data"));
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "handling the WhatsApp event " + event + " failed", e);
            }
        } else {
            LOG.warning("the WhatsApp bridge wrote a line Parley does not understand (event '" + event + "'); skipped");
        }
    }

    private void ready(String bridgeVersion) {
        synchronized (lock) {
            version = bridgeVersion;
            state = State.RUNNING;
            lock.notifyAll();
        }
        metrics.up(true);
        LOG.info("WhatsApp bridge ready (Baileys " + bridgeVersion + ")");
        try {
            listener.ready(bridgeVersion);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "reopening the WhatsApp sessions failed", e);
        }
    }

    private void answer(String id, JsonNode message) {
        CompletableFuture<JsonNode> pending = calls.remove(id);
        if (pending == null) {
            LOG.fine(() -> "the WhatsApp bridge answered call " + id + ", which nobody waits for any more");
            return;
        }
        if (message.has("error")) {
            JsonNode error = message.path("error");
            int status = error.path("status").asInt(0);
            pending.completeExceptionally(new BridgeCallException(error.path("message").asText("failed"), status));
        } else {
            pending.complete(message.path("result"));
        }
    }

    private void failCalls(String why) {
        for (String id : List.copyOf(calls.keySet())) {
            CompletableFuture<JsonNode> pending = calls.remove(id);
            if (pending != null) {
                pending.completeExceptionally(new ConnectorException(ConnectorException.Kind.TRANSIENT, why, null, true));
            }
        }
    }

    private void forwardLog(InputStream stderr) {
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stderr, StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                if (!line.isBlank()) {
                    String shown = line.length() <= MAX_LOG_LINE ? line : line.substring(0, MAX_LOG_LINE) + "…";
                    LOG.info(() -> "bridge: " + shown);
                }
            }
        } catch (IOException e) {
            LOG.log(Level.FINE, "reading the bridge's log ended", e);
        }
    }

    private void write(BufferedWriter out, ObjectNode op) throws ConnectorException {
        String line;
        try {
            line = JSON.writeValueAsString(op);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an operation for the bridge cannot be written as JSON", e);
        }
        try {
            synchronized (out) {
                out.write(line);
                out.write('\n');
                out.flush();
            }
        } catch (IOException e) {
            throw new ConnectorException(ConnectorException.Kind.TRANSIENT, "the WhatsApp bridge is not reading ("
                    + e.getMessage() + ")", e);
        }
    }

    private boolean isClosed() {
        synchronized (lock) {
            return closed;
        }
    }

    /** Where the process stands. */
    enum State {
        /** Not started yet (no WhatsApp session was needed), or stopped by Parley. */
        STOPPED,
        /** Started; waiting for its {@code ready} line. */
        STARTING,
        /** Ready: operations go through. */
        RUNNING,
        /** It ended unasked and is about to be started again. */
        RESTARTING
    }

    /**
     * @param state    where it stands
     * @param pid      its process id while it runs, else {@code null}
     * @param version  the Baileys version it reported, or {@code null}
     * @param restarts how often it was started again after ending unasked
     * @param lastEnd  why it last ended, or {@code null}
     */
    record Health(State state, Long pid, String version, int restarts, String lastEnd) {
    }

    /** What a bridge tells about itself and its sessions. */
    interface Listener {
        /**
         * A bridge process is ready (at start, and after each restart): sessions that should be open are opened now.
         *
         * @param version the Baileys version it reported
         */
        void ready(String version);

        /**
         * An event of one session, in the bridge's order, on the reader thread (so nothing here may wait for a call).
         *
         * @param account the session id
         * @param event   the Baileys event name
         * @param data    its payload
         */
        void event(String account, String event, JsonNode data);

        /**
         * The process ended unasked; calls in flight failed. It is started again after a pause.
         *
         * @param why what happened
         */
        void ended(String why);
    }

    /** The bridge answered a call with an error: Baileys's message and the Boom status code (0 when none). */
    static final class BridgeCallException extends Exception {
        private static final long serialVersionUID = 1L;
        private final int status;

        BridgeCallException(String message, int status) {
            super(message);
            this.status = status;
        }

        /** @return the status code of Baileys's error (e.g. 428 connection closed), 0 when it had none */
        int status() {
            return status;
        }
    }
}
