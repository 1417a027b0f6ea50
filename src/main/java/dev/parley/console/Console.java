package dev.parley.console;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;

import dev.parley.i18n.Messages;

import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * {@code ./parley console}: an interactive prompt (line editing, history, {@code /help}) that talks to a
 * running server through the HTTP command channel — the newcomer's way to try Parley before connecting
 * Feishu or Telegram. Typing the number of a button presses it; cards that change (a login being scanned,
 * a sync advancing) are reprinted as they change. With a command on the command line it
 * runs just that command and exits (exit status 1 when the command did not succeed), for scripts.
 */
public final class Console {
    private final CommandClient client;
    private final Messages messages;
    private final String locale;
    private final String shown;
    private final String user;
    private final String url;

    private Console(CommandClient client, Messages messages, String locale, String shown, String user, String url) {
        this.client = client;
        this.messages = messages;
        this.locale = locale;
        this.shown = shown;
        this.user = user;
        this.url = url;
    }

    /**
     * @param args {@code [--url U] [--token T] [--user NAME] [--lang L] [command…]}
     */
    public static void main(String[] args) {
        Map<String, String> env = System.getenv();
        String url = env.getOrDefault("PARLEY_URL", "http://localhost:" + env.getOrDefault("PARLEY_PORT", "8080"));
        String token = env.get("PARLEY_ADMIN_TOKEN");
        String user = env.getOrDefault("PARLEY_CONSOLE_USER", "admin");
        String lang = env.get("PARLEY_LANG");
        List<String> command = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--url" -> url = args[++i];
                case "--token" -> token = args[++i];
                case "--user" -> user = args[++i];
                case "--lang" -> lang = args[++i];
                default -> command.add(args[i]);
            }
        }
        Messages messages = Messages.load();
        // --lang / PARLEY_LANG is an explicit choice for every command; LANG is only a hint, so /lang still works
        String hint = env.get("LANG") == null ? null : env.get("LANG").replaceFirst("[.@].*$", "").replace('_', '-');
        String locale = lang == null ? null : messages.resolve(lang);
        String shown = locale != null ? locale : messages.resolve(hint);
        if (token == null || token.isBlank()) {
            token = readTokenFile(Path.of(env.getOrDefault("PARLEY_DATA_DIR", "./data"), "admin-token"));
        }
        if (token == null) {
            System.err.println(messages.text(shown, "console.no_token", Map.of()));
            System.exit(2);
        }
        Console console = new Console(new CommandClient(URI.create(url), token).languageHint(hint), messages, locale,
                shown, user, url);
        if (!command.isEmpty()) {
            System.exit(console.once(String.join(" ", command)) ? 0 : 1);
        }
        console.interactive();
    }

    private boolean once(String text) {
        try {
            CommandClient.Response response = client.run(text, locale, user);
            new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true, StandardCharsets.UTF_8)
                    .println(response.text());
            return response.status() == 200 && "ok".equals(response.body().path("result").asText());
        } catch (IOException e) {
            System.err.println(messages.text(shown, "console.unreachable", Map.of("url", url)));
            return false;
        }
    }

    private void interactive() {
        // chat is Chinese and English; a terminal whose locale is not set up still gets UTF-8
        try (Terminal terminal = TerminalBuilder.builder().system(true).encoding(StandardCharsets.UTF_8).build()) {
            LineReader reader = LineReaderBuilder.builder()
                    .terminal(terminal)
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".parley_history"))
                    .build();
            PrintWriter out = terminal.writer();
            out.println(messages.text(shown, "console.welcome", Map.of("url", url, "user", "http:" + user)));
            AtomicReference<CommandClient.Response> last = new AtomicReference<>();
            while (true) {
                String line;
                try {
                    line = reader.readLine("parley> ").strip();
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    break;
                }
                if (line.isEmpty()) {
                    continue;
                }
                if (line.equals("exit") || line.equals("quit") || line.equals("/quit") || line.equals("/exit")) {
                    break;
                }
                try {
                    CommandClient.Response answer;
                    if (line.matches("\\d{1,2}") && last.get() != null) {
                        String action = last.get().action(Integer.parseInt(line));
                        if (action == null) {
                            out.println(messages.text(shown, "console.no_such_button", Map.of("number", line)));
                            continue;
                        }
                        answer = client.press(action, locale, user);
                    } else {
                        answer = client.run(line, locale, user);
                    }
                    last.set(answer);
                    out.println(answer.text());
                    if (answer.stillChanging()) {
                        follow(answer, reader, last);
                    }
                } catch (IOException e) {
                    out.println(messages.text(shown, "console.unreachable", Map.of("url", url)));
                }
                out.flush();
            }
        } catch (IOException e) {
            System.err.println(e.getMessage());
            System.exit(1);
        }
    }

    /** Prints each new version of a live card above the prompt until its last version, for at most 15 minutes. */
    private void follow(CommandClient.Response first, LineReader reader, AtomicReference<CommandClient.Response> last) {
        Thread.ofVirtual().name("console-live-" + first.liveId()).start(() -> {
            long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
            long version = first.liveVersion();
            try {
                while (System.nanoTime() < deadline) {
                    CommandClient.Response next = client.card(first.liveId(), version);
                    if (next.status() != 200) {
                        return;
                    }
                    if (next.liveVersion() > version) {
                        version = next.liveVersion();
                        last.compareAndSet(last.get(), next);
                        reader.printAbove("↻ " + next.text());
                    }
                    if (!next.stillChanging()) {
                        return;
                    }
                }
            } catch (IOException e) {
                reader.printAbove(messages.text(shown, "console.unreachable", Map.of("url", url)));
            }
        });
    }

    private static String readTokenFile(Path file) {
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).trim();
            return token.isEmpty() ? null : token;
        } catch (IOException e) {
            return null;
        }
    }
}
