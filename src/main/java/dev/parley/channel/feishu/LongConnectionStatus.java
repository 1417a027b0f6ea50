package dev.parley.channel.feishu;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code GET /health} says about the Feishu long connection: whether it is connecting (first time),
 * connected, reconnecting, refused by Feishu (wrong app id or secret), given up (Feishu's ReconnectCount
 * used up) or stopped, and the last failure with its time, so an operator sees an outage without reading logs.
 */
final class LongConnectionStatus {
    /** State before the first connection. */
    static final String CONNECTING = "connecting";
    /** State while the socket is open. */
    static final String CONNECTED = "connected";
    /** State between a lost connection and the next one. */
    static final String RECONNECTING = "reconnecting";
    /** State once Feishu refused the app's credentials; nothing is tried again. */
    static final String REFUSED = "refused";
    /** State once Feishu's ReconnectCount attempts in a row failed. */
    static final String GAVE_UP = "gave_up";
    /** State after Parley closed the connection. */
    static final String STOPPED = "stopped";

    private volatile String state = CONNECTING;
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    /** @param state the new state */
    void state(String state) {
        this.state = state;
    }

    /** @return the current state */
    String state() {
        return state;
    }

    /** @param error what failed, without secrets or the connection URL's query */
    void failed(String error) {
        this.lastError = error;
        this.lastErrorAt = Instant.now();
    }

    /** @return the details for the health report */
    Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("state", state);
        if (lastError != null) {
            details.put("lastError", lastError);
            details.put("lastErrorAt", lastErrorAt.toString());
        }
        return details;
    }
}
