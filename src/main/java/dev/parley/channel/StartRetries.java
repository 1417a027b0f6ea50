package dev.parley.channel;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/**
 * How an admin channel connects at start-up without ever holding up the service: on its own named thread, trying
 * again after a pause that doubles from 1 s to 2 minutes while the platform cannot be reached, until it connects or
 * the channel is closed.
 */
public final class StartRetries {
    private static final Duration FIRST = Duration.ofSeconds(1);
    private static final Duration LONGEST = Duration.ofMinutes(2);

    private StartRetries() {
    }

    /**
     * @param attempt connects; returns once connected
     * @param stopped whether the channel was closed meanwhile
     * @param failed  told of each failure with the pause before the next attempt (to log it, to show it on /health)
     */
    public static void run(Attempt attempt, BooleanSupplier stopped, Failed failed) {
        Duration pause = FIRST;
        while (!stopped.getAsBoolean()) {
            try {
                attempt.run();
                return;
            } catch (InterruptedException e) {
                return;
            } catch (Exception e) {
                failed.failed(e, pause);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                return;
            }
            pause = pause.multipliedBy(2).compareTo(LONGEST) > 0 ? LONGEST : pause.multipliedBy(2);
        }
    }

    /** One try at connecting. */
    @FunctionalInterface
    public interface Attempt {
        /**
         * @throws Exception when it did not connect
         */
        void run() throws Exception;
    }

    /** Told why a try failed. */
    @FunctionalInterface
    public interface Failed {
        /**
         * @param failure what went wrong
         * @param pause   how long until the next try
         */
        void failed(Exception failure, Duration pause);
    }
}
