package dev.parley.connector.whatsapp;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which bridge Parley runs, and whether it can: {@code PARLEY_WHATSAPP_BRIDGE} (a command line, any driver speaking the
 * bridge's lines) when set, else the bundled Baileys bridge ({@code bridge/whatsapp/bridge.mjs} next to Parley's jar or
 * classes, or {@code PARLEY_WHATSAPP_BRIDGE_DIR}) on Node.js 20 or newer. The bundled bridge's npm packages are
 * installed from its lockfile ({@code npm ci}) the first time it is needed, when the launcher has not done it already.
 */
final class BridgeSetup {
    private static final Logger LOG = Logger.getLogger(BridgeSetup.class.getName());
    private static final int MIN_NODE = 20;
    private static final Pattern NODE_VERSION = Pattern.compile("v(\\d+)\\.");
    private static final Pattern WORD = Pattern.compile("\"([^\"]*)\"|'([^']*)'|(\\S+)");
    private static final Duration INSTALL_TIMEOUT = Duration.ofMinutes(10);

    private final List<String> command;
    private final Path bundled;
    private final String node;
    private final String problem;

    private BridgeSetup(List<String> command, Path bundled, String node, String problem) {
        this.command = command;
        this.bundled = bundled;
        this.node = node;
        this.problem = problem;
    }

    /**
     * @param configured  {@code PARLEY_WHATSAPP_BRIDGE}, possibly blank
     * @param bridgeDir   {@code PARLEY_WHATSAPP_BRIDGE_DIR}, possibly blank (then the bundled bridge is looked for)
     * @param nodeCommand the Node.js binary to run the bundled bridge with
     * @return what can be run, or why nothing can
     */
    static BridgeSetup resolve(String configured, String bridgeDir, String nodeCommand) {
        if (configured != null && !configured.isBlank()) {
            return new BridgeSetup(words(configured), null, null, null);
        }
        Optional<Path> dir = bridgeDir == null || bridgeDir.isBlank() ? locateBundled()
                : Optional.of(Path.of(bridgeDir.strip())).filter(d -> Files.isRegularFile(d.resolve("bridge.mjs")));
        if (dir.isEmpty()) {
            return new BridgeSetup(null, null, null, "the bundled WhatsApp bridge (bridge/whatsapp/bridge.mjs) is not"
                    + " where Parley looked (PARLEY_WHATSAPP_BRIDGE_DIR)");
        }
        Optional<Integer> major = nodeMajor(nodeCommand);
        if (major.isEmpty()) {
            return new BridgeSetup(null, dir.get(), nodeCommand, "Node.js (" + nodeCommand + ") was not found");
        }
        if (major.get() < MIN_NODE) {
            return new BridgeSetup(null, dir.get(), nodeCommand, "Node.js " + major.get() + " is too old: the WhatsApp"
                    + " bridge needs " + MIN_NODE + " or newer");
        }
        return new BridgeSetup(List.of(nodeCommand, dir.get().resolve("bridge.mjs").toString()), dir.get(), nodeCommand,
                null);
    }

    /** @return the command line to start, when there is one */
    Optional<List<String>> command() {
        return Optional.ofNullable(command);
    }

    /** @return why no bridge can run, or {@code null} */
    String problem() {
        return problem;
    }

    /** @return whether this is the bundled bridge (rather than {@code PARLEY_WHATSAPP_BRIDGE}) */
    boolean bundled() {
        return bundled != null && command != null;
    }

    /**
     * Installs the bundled bridge's packages from its lockfile unless they are there; does nothing for a configured
     * bridge.
     *
     * @throws IOException when npm fails or cannot be run
     * @throws InterruptedException when interrupted while npm runs
     */
    void install() throws IOException, InterruptedException {
        if (!bundled() || Files.isDirectory(bundled.resolve("node_modules").resolve("baileys"))) {
            return;
        }
        List<String> npm = List.of(npm(), "ci", "--omit=dev", "--no-audit", "--no-fund");
        LOG.info("installing the WhatsApp bridge's packages from its lockfile in " + bundled + " (" + String.join(" ", npm)
                + "); this happens once");
        long started = System.nanoTime();
        Process process = new ProcessBuilder(npm).directory(bundled.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                String shown = line;
                LOG.info(() -> "npm: " + shown);
            }
        }
        if (!process.waitFor(INSTALL_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            throw new IOException("npm ci did not finish within " + INSTALL_TIMEOUT.toMinutes() + " minutes");
        }
        if (process.exitValue() != 0) {
            throw new IOException("npm ci failed with exit code " + process.exitValue() + " (see the log above)");
        }
        LOG.info(String.format("WhatsApp bridge packages installed in %.1f s",
                (System.nanoTime() - started) / 1e9));
    }

    /** npm next to the Node.js binary that runs the bridge, else the one on the PATH. */
    private String npm() {
        try {
            Path resolved = Path.of(node).isAbsolute() ? Path.of(node) : null;
            if (resolved != null) {
                Path sibling = resolved.toRealPath().getParent().resolve("npm");
                if (Files.isExecutable(sibling)) {
                    return sibling.toString();
                }
            }
        } catch (IOException e) {
            LOG.fine(() -> "no npm next to " + node + ": " + e.getMessage());
        }
        return "npm";
    }

    /** Splits a command line into words; double or single quotes keep spaces inside a word. */
    static List<String> words(String commandLine) {
        List<String> words = new ArrayList<>();
        Matcher m = WORD.matcher(commandLine);
        while (m.find()) {
            words.add(m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3));
        }
        return words;
    }

    private static Optional<Integer> nodeMajor(String nodeCommand) {
        try {
            Process process = new ProcessBuilder(nodeCommand, "--version").redirectErrorStream(true).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(10, TimeUnit.SECONDS) || process.exitValue() != 0) {
                return Optional.empty();
            }
            Matcher m = NODE_VERSION.matcher(out);
            return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /**
     * The bundled bridge: {@code bridge/whatsapp} in the directory above Parley's jar (or above {@code target/classes}
     * when run from a build), or beside the jar (a container image).
     */
    private static Optional<Path> locateBundled() {
        try {
            Path code = Path.of(BridgeSetup.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            Path dir = code;
            for (int up = 0; up < 4 && dir != null; up++, dir = dir.getParent()) {
                Path candidate = dir.resolve("bridge").resolve("whatsapp");
                if (Files.isRegularFile(candidate.resolve("bridge.mjs"))) {
                    return Optional.of(candidate);
                }
            }
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            LOG.fine(() -> "cannot tell where Parley's classes are: " + e.getMessage());
        }
        return Optional.empty();
    }
}
