package dev.parley.log;

import java.util.List;
import java.util.Locale;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.ConsoleHandler;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogManager;
import java.util.logging.Logger;

/**
 * Routes all logging (ours, and the libraries' through SLF4J's JUL binding) to standard error as one
 * line per event. Chatty libraries are turned down so an operator's INFO log shows Parley's own events.
 */
public final class LogSetup {
    /** The LogManager holds loggers weakly; levels set here must outlive garbage collection. */
    private static final List<Logger> CONFIGURED = new CopyOnWriteArrayList<>();

    private LogSetup() {
    }

    /**
     * Installs the line formatter on the root logger.
     *
     * @param level the level for Parley's own loggers, e.g. {@code INFO}
     */
    public static void configure(String level) {
        LogManager.getLogManager().reset();
        Logger root = Logger.getLogger("");
        Handler handler = new ConsoleHandler();
        handler.setFormatter(new LineFormatter());
        handler.setLevel(Level.ALL);
        root.addHandler(handler);
        root.setLevel(Level.INFO);
        setLevel("dev.parley", parse(level));
        for (String chatty : List.of("ch.vorburger", "com.zaxxer.hikari", "org.flywaydb", "io.helidon", "org.mariadb",
                "org.jdbi")) {
            setLevel(chatty, Level.WARNING);
        }
        // Lucene suggests the incubating Vector API at every start; Parley's index uses no vectors
        setLevel("org.apache.lucene.internal.vectorization", Level.SEVERE);
    }

    private static void setLevel(String name, Level level) {
        Logger logger = Logger.getLogger(name);
        logger.setLevel(level);
        CONFIGURED.add(logger);
    }

    private static Level parse(String level) {
        try {
            return Level.parse(level.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Level.INFO;
        }
    }
}
