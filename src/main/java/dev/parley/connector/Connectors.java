package dev.parley.connector;

import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;

import dev.parley.account.Platform;
import dev.parley.command.CommandException;

/**
 * The connectors this installation has configured, one per platform. A command that needs a platform
 * nobody configured answers with what to set, instead of failing somewhere deeper.
 */
public final class Connectors implements AutoCloseable {
    private final Map<Platform, AccountConnector> byPlatform;

    private Connectors(Map<Platform, AccountConnector> byPlatform) {
        this.byPlatform = byPlatform;
    }

    /**
     * @param connectors the configured connectors
     * @return the registry
     */
    public static Connectors of(AccountConnector... connectors) {
        Map<Platform, AccountConnector> map = new EnumMap<>(Platform.class);
        for (AccountConnector connector : connectors) {
            map.put(connector.platform(), connector);
        }
        return new Connectors(map);
    }

    /**
     * @param platform a platform
     * @return its connector, when configured
     */
    public Optional<AccountConnector> find(Platform platform) {
        return Optional.ofNullable(byPlatform.get(platform));
    }

    /** Releases what the connectors hold (HTTP clients). */
    @Override
    public void close() {
        byPlatform.values().forEach(AccountConnector::close);
    }

    /**
     * @param platform a platform
     * @return its connector
     * @throws CommandException ({@code connector.not_configured}) when the platform is not configured
     */
    public AccountConnector require(Platform platform) {
        return find(platform).orElseThrow(() -> new CommandException("connector.not_configured." + platform.code()));
    }
}
