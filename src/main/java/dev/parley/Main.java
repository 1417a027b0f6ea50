package dev.parley;

import java.util.logging.Level;
import java.util.logging.Logger;

import dev.parley.log.LogSetup;
import dev.parley.log.ShutdownSafeLogManager;

import io.helidon.config.Config;

/**
 * Starts Parley: reads {@code application.yaml} plus {@code PARLEY_*} environment overrides, wires the
 * service, and stops it in order (HTTP, ingestion, index, database) when the JVM is asked to exit.
 */
public final class Main {
    static {
        // before anything touches java.util.logging, so shutdown is logged to the end
        System.setProperty("java.util.logging.manager", ShutdownSafeLogManager.class.getName());
    }

    private Main() {
    }

    /**
     * @param args unused
     */
    public static void main(String[] args) {
        Config config = Config.create();
        LogSetup.configure(config.get("parley.log.level").asString().orElse("INFO"));
        Logger log = Logger.getLogger(Main.class.getName());
        Parley parley;
        try {
            parley = Parley.start(config);
        } catch (RuntimeException e) {
            log.log(Level.SEVERE, "Parley could not start: " + e.getMessage(), e);
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(parley::close, "parley-shutdown"));
    }
}
