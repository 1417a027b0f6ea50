package dev.parley.connector.whatsapp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * A WhatsApp bridge for tests that speaks the bridge's line contract, with Baileys's side scripted by the test: Parley
 * starts {@link BridgeRelay} as its bridge process ({@link #command()}), the relay connects here, and every operation
 * Parley writes ({@code open}, {@code call}, {@code close}) is recorded and can be awaited; events are written back as
 * Baileys would emit them (payloads in {@code src/test/resources/whatsapp/baileys7}). Calls are answered by the
 * answerers registered per method, else with an error. {@link #crash()} drops the process's connection, and the relay
 * exits as a crashing bridge would.
 */
public final class FakeBridge implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private final ServerSocket server;
    private final List<JsonNode> ops = new ArrayList<>();
    private final Map<String, Function<JsonNode, JsonNode>> answerers = new ConcurrentHashMap<>();
    private final AtomicInteger processes = new AtomicInteger();
    private volatile Socket current;
    private volatile OutputStream out;
    private final Thread acceptor;

    private FakeBridge() throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        acceptor = Thread.ofVirtual().name("fake-bridge-accept").start(this::accept);
    }

    /** @return a started fake */
    public static FakeBridge start() {
        try {
            return new FakeBridge();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the command line to give Parley as {@code parley.whatsapp.bridge} */
    public String command() {
        String java = ProcessHandle.current().info().command().orElse("java");
        try {
            Path classes = Path.of(BridgeRelay.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return "\"" + java + "\" -Xshare:auto -XX:TieredStopAtLevel=1 -cp \"" + classes + "\" "
                    + BridgeRelay.class.getName() + " " + server.getLocalPort();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * @param method a socket method
     * @param answer its result for the call (the whole {@code call} line is given)
     */
    public void answer(String method, Function<JsonNode, JsonNode> answer) {
        answerers.put(method, answer);
    }

    /** @return how many bridge processes connected so far */
    public int processes() {
        return processes.get();
    }

    /**
     * @param predicate which operation
     * @return the first recorded operation matching, waiting for it up to 20 s
     */
    public JsonNode await(Predicate<JsonNode> predicate) {
        return awaitFrom(0, predicate);
    }

    /**
     * @param from      how many recorded operations to skip ({@link #recorded()} before the action awaited)
     * @param predicate which operation
     * @return the first matching operation recorded after the first {@code from}, waiting for it up to 20 s
     */
    public JsonNode awaitFrom(int from, Predicate<JsonNode> predicate) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        synchronized (ops) {
            while (true) {
                for (int i = from; i < ops.size(); i++) {
                    if (predicate.test(ops.get(i))) {
                        return ops.get(i);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new AssertionError("the fake bridge never received the operation; it has: " + ops);
                }
                try {
                    ops.wait(Math.max(1, left / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new AssertionError(e);
                }
            }
        }
    }

    /**
     * @param predicate which operations
     * @return those recorded so far
     */
    public List<JsonNode> ops(Predicate<JsonNode> predicate) {
        return opsFrom(0, predicate);
    }

    /**
     * @param from      how many recorded operations to skip
     * @param predicate which operations
     * @return those recorded since
     */
    public List<JsonNode> opsFrom(int from, Predicate<JsonNode> predicate) {
        synchronized (ops) {
            return ops.subList(Math.min(from, ops.size()), ops.size()).stream().filter(predicate).toList();
        }
    }

    /**
     * @param from    {@link #recorded()} before the action awaited
     * @param op      the operation ({@code open}, {@code call}, {@code close})
     * @param account the session
     * @return the first such operation recorded since, waiting for it
     */
    public JsonNode awaitOp(int from, String op, String account) {
        return awaitFrom(from, o -> op.equals(o.path("op").asText()) && account.equals(o.path("account").asText()));
    }

    /** @return how many operations were recorded so far */
    public int recorded() {
        synchronized (ops) {
            return ops.size();
        }
    }

    /**
     * Writes an event of one session, as Baileys emits it.
     *
     * @param account the session
     * @param event   the event name
     * @param data    its payload
     */
    public void emit(String account, String event, JsonNode data) {
        ObjectNode line = JSON.createObjectNode().put("account", account).put("event", event);
        line.set("data", data);
        write(line.toString());
    }

    /**
     * Writes a fixture line (a whole bridge line from {@code whatsapp/baileys7/<name>.json}) for a session.
     *
     * @param account the session
     * @param name    the fixture
     * @param replace more placeholder → value replacements
     */
    public void emitFixture(String account, String name, Map<String, String> replace) {
        write(fixture(name, account, replace).toString());
    }

    /**
     * @param name    a fixture of {@code whatsapp/baileys7}
     * @param account the session put in place of {@code ACCOUNT}
     * @param replace more placeholder → value replacements
     * @return the fixture as JSON
     */
    public static JsonNode fixture(String name, String account, Map<String, String> replace) {
        try (var in = FakeBridge.class.getResourceAsStream("/whatsapp/baileys7/" + name + ".json")) {
            if (in == null) {
                throw new IllegalArgumentException("no fixture " + name);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("ACCOUNT", account);
            for (Map.Entry<String, String> r : replace.entrySet()) {
                text = text.replace(r.getKey(), r.getValue());
            }
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops the running process's connection: the relay exits with 1, as a crashed bridge would. */
    public void crash() {
        Socket socket = current;
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    @Override
    public void close() {
        crash();
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        acceptor.interrupt();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                current = socket;
                out = socket.getOutputStream();
                processes.incrementAndGet();
                write("{\"event\":\"ready\",\"version\":\"7.0.0-rc14 (fake)\"}");
                Thread.ofVirtual().name("fake-bridge-read").start(() -> read(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void read(Socket socket) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                JsonNode op = JSON.readTree(line);
                synchronized (ops) {
                    ops.add(op);
                    ops.notifyAll();
                }
                if (op.path("op").asText().equals("call")) {
                    reply(op);
                }
            }
        } catch (IOException e) {
            // the process went away
        }
    }

    private void reply(JsonNode call) {
        Function<JsonNode, JsonNode> answer = answerers.get(call.path("method").asText());
        ObjectNode line = JSON.createObjectNode().put("account", call.path("account").asText())
                .put("id", call.path("id").asText());
        if (answer == null) {
            line.putObject("error").put("message", "the fake bridge does not answer " + call.path("method").asText())
                    .putNull("status");
        } else {
            JsonNode result = answer.apply(call);
            if (result != null && result.has("error") && result.size() == 1) {
                line.set("error", result.get("error"));
            } else {
                line.set("result", result);
            }
        }
        write(line.toString());
    }

    private synchronized void write(String line) {
        OutputStream o = out;
        if (o == null) {
            throw new IllegalStateException("no bridge process is connected");
        }
        try {
            o.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            o.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
