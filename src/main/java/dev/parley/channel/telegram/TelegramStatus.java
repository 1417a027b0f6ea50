package dev.parley.channel.telegram;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

import dev.parley.channel.ChannelStatus;

/**
 * What {@code GET /health} says about Telegram: how updates arrive, whether that has started, the bot's user
 * name, and the last failed Bot API call (without the token) with its time, so an operator sees an outage or
 * a revoked token without reading logs.
 */
final class TelegramStatus {
    private final TelegramSettings.Mode mode;
    private volatile String state = "starting";
    private volatile String bot;
    private volatile String lastError;
    private volatile Instant lastErrorAt;

    TelegramStatus(TelegramSettings.Mode mode) {
        this.mode = mode;
    }

    /** @param username the bot's user name, known once {@code getMe} answered */
    void started(String username) {
        this.bot = username;
        this.state = "running";
    }

    void stopped() {
        this.state = "stopped";
    }

    /** @param error what failed, already without the token */
    void failed(String error) {
        this.lastError = error;
        this.lastErrorAt = Instant.now();
    }

    /**
     * @return the state for {@code /health} and {@code /status}: degraded while it has not started because Telegram
     *         failed
     */
    ChannelStatus now() {
        Map<String, Object> details = details();
        boolean healthy = !"starting".equals(state) || lastError == null;
        return new ChannelStatus(healthy, "channel.status.telegram", Map.of("mode", details.get("mode"),
                "state", state, "bot", bot == null ? "—" : "@" + bot), details);
    }

    /** @return the details for the health report */
    private Map<String, Object> details() {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("mode", mode.name().toLowerCase(Locale.ROOT));
        details.put("state", state);
        if (bot != null) {
            details.put("bot", "@" + bot);
        }
        if (lastError != null) {
            details.put("lastError", lastError);
            details.put("lastErrorAt", lastErrorAt.toString());
        }
        return details;
    }
}
