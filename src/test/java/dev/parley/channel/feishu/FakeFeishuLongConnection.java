package dev.parley.channel.feishu;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Feishu's side of the long connection for tests: a WebSocket server (RFC 6455, written out on a
 * {@link ServerSocket}, since the JDK has no WebSocket server) on 127.0.0.1 that speaks the SDK's
 * {@code pbbp2.Frame} protocol. It answers every ping with a pong carrying {@link #PONG_CONFIG}, pushes
 * events as data frames (optionally split into parts, sent last part first) and completes each push with
 * the client's answer frame. {@link FakeFeishuServer} hands out its URL at {@code /callback/ws/endpoint}.
 */
public final class FakeFeishuLongConnection implements AutoCloseable {
    /** The service id in the connection URL, expected in every frame. */
    public static final int SERVICE_ID = 77;
    /** A ticket in the connection URL's query: it must never reach a log. */
    public static final String TICKET = "ticket-" + UUID.randomUUID();
    /** The {@code ClientConfig} of each pong: ping every second. */
    public static final String PONG_CONFIG = "{\"PingInterval\":1}";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ACCEPT_GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    private final ServerSocket server;
    private final List<Connection> connections = new CopyOnWriteArrayList<>();
    private final List<FeishuFrame> pings = new CopyOnWriteArrayList<>();
    private final List<String> requestTargets = new CopyOnWriteArrayList<>();
    private final Map<String, CompletableFuture<FeishuFrame>> answers = new ConcurrentHashMap<>();
    private final AtomicInteger closedByClient = new AtomicInteger();
    private final AtomicInteger frameIds = new AtomicInteger();

    private FakeFeishuLongConnection(ServerSocket server) {
        this.server = server;
    }

    /** @return a started fake */
    public static FakeFeishuLongConnection start() {
        try {
            FakeFeishuLongConnection fake = new FakeFeishuLongConnection(new ServerSocket(0, 50, InetAddress.getLoopbackAddress()));
            Thread.ofPlatform().daemon().name("fake-feishu-ws-accept").start(fake::accept);
            return fake;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** @return the URL {@code /callback/ws/endpoint} hands out */
    public URI url() {
        return URI.create("ws://127.0.0.1:" + server.getLocalPort() + "/ws/v2?device_id=dev-1&service_id=" + SERVICE_ID
                + "&ticket=" + TICKET);
    }

    /** @return how many WebSockets were opened */
    public int connections() {
        return connections.size();
    }

    /** @return request targets (path and query) of the opening handshakes */
    public List<String> requestTargets() {
        return List.copyOf(requestTargets);
    }

    /** @return pings received, oldest first */
    public List<FeishuFrame> pings() {
        return List.copyOf(pings);
    }

    /** @return how many sockets the client closed with a close frame */
    public int closedByClient() {
        return closedByClient.get();
    }

    /** @return how many sockets are open */
    public int open() {
        return (int) connections.stream().filter(c -> !c.socket.isClosed()).count();
    }

    /**
     * Pushes an event over the newest connection.
     *
     * @param event the event envelope
     * @param parts how many data frames to split it into (sent last part first)
     * @return completes with the client's answer frame
     */
    public CompletableFuture<FeishuFrame> push(ObjectNode event, int parts) {
        byte[] payload = event.toString().getBytes(StandardCharsets.UTF_8);
        String messageId = "msg-" + frameIds.incrementAndGet();
        CompletableFuture<FeishuFrame> answer = new CompletableFuture<>();
        answers.put(messageId, answer);
        Connection connection = connections.getLast();
        int size = (payload.length + parts - 1) / parts;
        for (int seq = parts - 1; seq >= 0; seq--) {
            byte[] part = Arrays.copyOfRange(payload, Math.min(payload.length, seq * size),
                    Math.min(payload.length, (seq + 1) * size));
            List<FeishuFrame.Header> headers = List.of(new FeishuFrame.Header("type", "event"),
                    new FeishuFrame.Header("message_id", messageId), new FeishuFrame.Header("sum", String.valueOf(parts)),
                    new FeishuFrame.Header("seq", String.valueOf(seq)), new FeishuFrame.Header("trace_id", "trace-" + seq));
            connection.send(new FeishuFrame(frameIds.incrementAndGet(), 9, SERVICE_ID, FeishuFrame.DATA, headers, "", "",
                    part, "log-" + messageId));
        }
        return answer;
    }

    /** Closes every open socket from Feishu's side, with a close frame. */
    public void dropAll() {
        for (Connection c : connections) {
            c.closeFromServer();
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        dropAll();
    }

    /**
     * @param answer an answer frame of the client
     * @return its payload as JSON
     */
    public static JsonNode payload(FeishuFrame answer) {
        try {
            return JSON.readTree(answer.payload());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket socket = server.accept();
                Thread.ofPlatform().daemon().name("fake-feishu-ws-conn").start(() -> serve(socket));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            DataInputStream in = new DataInputStream(socket.getInputStream());
            String key = handshake(in);
            OutputStream out = socket.getOutputStream();
            out.write(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: " + accept(key) + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            Connection connection = new Connection(socket, out);
            connections.add(connection);
            connection.read(in);
        } catch (IOException e) {
            // the client went away
        }
    }

    private String handshake(DataInputStream in) throws IOException {
        String key = null;
        String line = readLine(in);
        requestTargets.add(line.split(" ")[1]);
        while (!(line = readLine(in)).isEmpty()) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equalsIgnoreCase("Sec-WebSocket-Key")) {
                key = line.substring(colon + 1).trim();
            }
        }
        if (key == null) {
            throw new IOException("not a WebSocket handshake");
        }
        return key;
    }

    private static String readLine(DataInputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b < 0) {
                throw new IOException("closed during the handshake");
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.US_ASCII);
    }

    private static String accept(String key) {
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("SHA-1")
                    .digest((key + ACCEPT_GUID).getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One accepted WebSocket. */
    private final class Connection {
        private final Socket socket;
        private final OutputStream out;

        Connection(Socket socket, OutputStream out) {
            this.socket = socket;
            this.out = out;
        }

        void read(DataInputStream in) throws IOException {
            ByteArrayOutputStream message = new ByteArrayOutputStream();
            while (true) {
                int first = in.readUnsignedByte();
                int second = in.readUnsignedByte();
                long length = second & 0x7F;
                if (length == 126) {
                    length = in.readUnsignedShort();
                } else if (length == 127) {
                    length = in.readLong();
                }
                byte[] mask = new byte[4];
                if ((second & 0x80) != 0) {
                    in.readFully(mask);
                }
                byte[] payload = new byte[(int) length];
                in.readFully(payload);
                for (int i = 0; i < payload.length; i++) {
                    payload[i] ^= mask[i % 4];
                }
                int opcode = first & 0x0F;
                if (opcode == 0x8) {
                    closedByClient.incrementAndGet();
                    write(0x8, payload);
                    return;
                }
                if (opcode == 0x9) {
                    write(0xA, payload);
                    continue;
                }
                if (opcode != 0x2 && opcode != 0x0) {
                    continue;
                }
                message.writeBytes(payload);
                if ((first & 0x80) != 0) {
                    frame(FeishuFrame.parse(message.toByteArray()));
                    message.reset();
                }
            }
        }

        private void frame(FeishuFrame frame) {
            if (frame.method() == FeishuFrame.CONTROL && "ping".equals(frame.header("type"))) {
                pings.add(frame);
                send(new FeishuFrame(0, 0, frame.service(), FeishuFrame.CONTROL, List.of(new FeishuFrame.Header("type", "pong")),
                        null, null, PONG_CONFIG.getBytes(StandardCharsets.UTF_8), null));
                return;
            }
            CompletableFuture<FeishuFrame> answer = answers.remove(String.valueOf(frame.header("message_id")));
            if (answer != null) {
                answer.complete(frame);
            }
        }

        void send(FeishuFrame frame) {
            try {
                write(0x2, frame.toBytes());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void closeFromServer() {
            try {
                write(0x8, new byte[] {0x03, (byte) 0xE8});
                socket.close();
            } catch (IOException e) {
                // already gone
            }
        }

        private synchronized void write(int opcode, byte[] payload) throws IOException {
            List<Integer> header = new ArrayList<>();
            header.add(0x80 | opcode);
            if (payload.length < 126) {
                header.add(payload.length);
            } else if (payload.length < 65536) {
                header.add(126);
                header.add(payload.length >>> 8);
                header.add(payload.length & 0xFF);
            } else {
                header.add(127);
                for (int shift = 56; shift >= 0; shift -= 8) {
                    header.add((int) ((long) payload.length >>> shift) & 0xFF);
                }
            }
            for (int b : header) {
                out.write(b);
            }
            out.write(payload);
            out.flush();
        }
    }
}
