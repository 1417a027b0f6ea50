package dev.parley.search;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Polls a condition that background threads make true, instead of sleeping a fixed time. */
final class Eventually {
    private static final Duration PATIENCE = Duration.ofSeconds(5);

    private Eventually() {
    }

    /** @return whether the condition held within five seconds */
    static boolean holds(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                return false;
            }
            Thread.sleep(10);
        }
        return true;
    }
}
