package dev.parley.connector;

import java.util.Map;

/**
 * How a connector is doing, for {@code /health} (state and details) and {@code /status} (one localized line).
 *
 * @param healthy whether it can serve its accounts now (false: degraded)
 * @param textKey the locale key of the line {@code /status} shows
 * @param args    the line's arguments
 * @param details what {@code /health} shows, as JSON-ready values (no secrets)
 */
public record ConnectorStatus(boolean healthy, String textKey, Map<String, Object> args, Map<String, Object> details) {
    /** Copies the maps. */
    public ConnectorStatus {
        args = Map.copyOf(args);
        details = Map.copyOf(details);
    }
}
