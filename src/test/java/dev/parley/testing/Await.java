package dev.parley.testing;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Waits for what background threads make true — a row committed, a fake receiving a call — by polling it with a
 * deadline, so a test waits for the event and not for a fixed time.
 */
public final class Await {
    private static final Duration PATIENCE = Duration.ofSeconds(20);

    private Await() {
    }

    /**
     * @param condition what must become true
     * @param what      what is awaited, for the failure
     * @throws InterruptedException when interrupted while waiting
     */
    public static void until(BooleanSupplier condition, String what) throws InterruptedException {
        until(condition, () -> what);
    }

    /**
     * @param condition what must become true
     * @param what      what is awaited and what was seen instead, for the failure
     * @throws InterruptedException when interrupted while waiting
     */
    public static void until(BooleanSupplier condition, Supplier<String> what) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new AssertionError("timed out waiting until " + what.get());
            }
            Thread.sleep(20);
        }
    }
}
