package dev.parley.connector.whatsapp;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;

/**
 * The fake bridge's process: what Parley starts as its WhatsApp bridge in tests. It relays its stdin to a
 * {@link FakeBridge} listening on a loopback port and the fake's lines to its stdout, so Parley really supervises a
 * child process speaking the bridge's lines while the test scripts Baileys's side in its own JVM. It exits 0 when
 * Parley closes its stdin, and 1 when the fake drops the connection (the bridge "crashing").
 */
public final class BridgeRelay {
    private BridgeRelay() {
    }

    /**
     * @param args the fake's port
     * @throws IOException when the fake cannot be reached
     */
    public static void main(String[] args) throws IOException {
        Socket socket = new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(args[0]));
        Thread up = new Thread(() -> {
            try {
                copy(System.in, socket.getOutputStream());
            } catch (IOException e) {
                // the fake went away
            }
            Runtime.getRuntime().halt(0); // Parley closed stdin: stop as a bridge does
        }, "relay-stdin");
        up.setDaemon(true);
        up.start();
        try {
            copy(socket.getInputStream(), System.out);
        } catch (IOException e) {
            // dropped
        }
        Runtime.getRuntime().halt(1);
    }

    private static void copy(InputStream in, OutputStream out) throws IOException {
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = in.read(buffer)) >= 0) {
            out.write(buffer, 0, n);
            out.flush();
        }
    }
}
