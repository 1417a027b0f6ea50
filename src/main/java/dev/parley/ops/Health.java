package dev.parley.ops;

import java.util.Map;

/**
 * The state of one part of the service as {@code GET /health} reports it.
 *
 * @param status  whether the part works
 * @param details what an operator wants to see next to it (counts, lag, URLs without secrets)
 */
public record Health(Status status, Map<String, Object> details) {
    /** Copies the details. */
    public Health {
        details = Map.copyOf(details);
    }

    /**
     * @param details extra information
     * @return a healthy part
     */
    public static Health up(Map<String, Object> details) {
        return new Health(Status.UP, details);
    }

    /**
     * @param details why
     * @return a broken part
     */
    public static Health down(Map<String, Object> details) {
        return new Health(Status.DOWN, details);
    }

    /** Coarse state of a part. */
    public enum Status {
        /** Works. */
        UP,
        /** Works partly (e.g. the search index is rebuilding); the service is still ready. */
        DEGRADED,
        /** Does not work. */
        DOWN
    }
}
