package dev.parley.log;

import java.util.logging.LogManager;

/**
 * The JDK closes every log handler from its own shutdown hook, concurrently with Parley's, so the lines
 * that matter most — "stopping", "committed the last batch", "stopped" — would be lost. This manager
 * ignores that one reset; handlers flush after every record, so nothing is left unwritten.
 * Installed by {@link dev.parley.Main} through {@code java.util.logging.manager}.
 */
public final class ShutdownSafeLogManager extends LogManager {
    private static final String JDK_SHUTDOWN_THREAD = "java.util.logging.LogManager$Cleaner";

    /** Called by the JDK when it creates the log manager. */
    public ShutdownSafeLogManager() {
        super();
    }

    @Override
    public void reset() {
        if (Thread.currentThread().getClass().getName().equals(JDK_SHUTDOWN_THREAD)) {
            return;
        }
        super.reset();
    }
}
