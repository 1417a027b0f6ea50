package dev.parley.channel;

import java.util.Map;

/**
 * How an admin channel is doing, for {@code /health} (state and details) and {@code /status} (one localized line).
 *
 * @param healthy whether it works as configured (false: degraded)
 * @param textKey the locale key of the line {@code /status} shows
 * @param args    the line's arguments
 * @param details what {@code /health} shows, as JSON-ready values (no secrets)
 */
public record ChannelStatus(boolean healthy, String textKey, Map<String, Object> args, Map<String, Object> details) {
    /** Copies the maps. */
    public ChannelStatus {
        args = Map.copyOf(args);
        details = Map.copyOf(details);
    }
}
