package dev.parley.search;

import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

/**
 * Counts the backlog the index found at open (every message, after a rebuild) and logs a line with
 * done/total, rate and ETA every few seconds while working through it, one line per event.
 */
final class RebuildProgress {
    private static final Logger LOG = Logger.getLogger(RebuildProgress.class.getName());
    private static final long LOG_EVERY_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final String what;
    private final long total;
    private final long startNanos;
    private volatile long done;
    private long lastLogNanos;

    private RebuildProgress(String what, long total, long startNanos) {
        this.what = what;
        this.total = total;
        this.startNanos = startNanos;
        this.lastLogNanos = startNanos;
    }

    /**
     * Starts counting and logs the start.
     *
     * @param what      "rebuild" or "catch-up", for the log
     * @param reason    why, for the log
     * @param total     messages in the backlog
     * @param nowNanos  {@link System#nanoTime()}
     * @return the progress
     */
    static RebuildProgress start(String what, String reason, long total, long nowNanos) {
        LOG.info(() -> "index " + what + " started (" + reason + "): " + total + " messages");
        return new RebuildProgress(what, total, nowNanos);
    }

    /**
     * @param indexed  messages of the backlog just indexed
     * @param nowNanos {@link System#nanoTime()}
     */
    void advance(long indexed, long nowNanos) {
        done += indexed;
        if (nowNanos - lastLogNanos >= LOG_EVERY_NANOS) {
            lastLogNanos = nowNanos;
            double rate = rate(nowNanos);
            long eta = rate > 0 ? Math.round(Math.max(0, total - done) / rate) : -1;
            LOG.info(String.format(Locale.ROOT, "index %s %d/%d (%.0f%%) %.0f msg/s eta %ds", what, done, total,
                    total == 0 ? 100.0 : 100.0 * done / total, rate, eta));
        }
    }

    /** @param nowNanos {@link System#nanoTime()} */
    void finish(long nowNanos) {
        LOG.info(String.format(Locale.ROOT, "index %s finished: %d messages in %.1fs (%.0f msg/s)", what, done,
                (nowNanos - startNanos) / 1e9, rate(nowNanos)));
    }

    /** @return messages of the backlog indexed so far */
    long done() {
        return done;
    }

    /** @return messages in the backlog */
    long total() {
        return total;
    }

    private double rate(long nowNanos) {
        double seconds = (nowNanos - startNanos) / 1e9;
        return seconds > 0 ? done / seconds : 0;
    }
}
