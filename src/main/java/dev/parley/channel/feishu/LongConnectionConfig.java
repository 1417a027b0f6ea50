package dev.parley.channel.feishu;

import java.time.Duration;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The {@code ClientConfig} Feishu hands the long-connection client, first with the endpoint and then in
 * pongs: how often to ping, how long to wait before reconnecting, and how often to try. Until Feishu says
 * otherwise the SDK's defaults apply (ping and reconnect every 120 s, up to 30 s of random delay, no limit).
 *
 * @param reconnectCount    how many failed attempts in a row before giving up; negative = never give up
 * @param reconnectInterval the wait between failed attempts
 * @param reconnectNonce    the most random delay added before reconnecting, so clients do not all come back at once
 * @param pingInterval      the wait between pings
 */
record LongConnectionConfig(int reconnectCount, Duration reconnectInterval, Duration reconnectNonce,
                            Duration pingInterval) {
    /** The SDK's defaults. */
    static final LongConnectionConfig DEFAULTS = new LongConnectionConfig(-1, Duration.ofSeconds(120),
            Duration.ofSeconds(30), Duration.ofSeconds(120));
    private static final Duration SHORTEST_PING = Duration.ofSeconds(1);

    /**
     * @param clientConfig Feishu's {@code ClientConfig} JSON (seconds); fields it lacks stay as they are
     * @return the updated settings
     */
    LongConnectionConfig updatedBy(JsonNode clientConfig) {
        if (clientConfig == null || !clientConfig.isObject()) {
            return this;
        }
        Duration ping = seconds(clientConfig, "PingInterval", pingInterval);
        return new LongConnectionConfig(clientConfig.path("ReconnectCount").asInt(reconnectCount),
                seconds(clientConfig, "ReconnectInterval", reconnectInterval),
                seconds(clientConfig, "ReconnectNonce", reconnectNonce),
                ping.compareTo(SHORTEST_PING) < 0 ? SHORTEST_PING : ping);
    }

    private static Duration seconds(JsonNode json, String field, Duration otherwise) {
        JsonNode value = json.path(field);
        return value.canConvertToInt() && value.asInt() >= 0 ? Duration.ofSeconds(value.asInt()) : otherwise;
    }
}
