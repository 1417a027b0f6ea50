package dev.parley.connector;

import java.util.List;
import java.util.Optional;

import dev.parley.account.Platform;
import dev.parley.command.CommandException;

import io.helidon.webserver.http.HttpRouting;

/**
 * The connectors of this installation, one per platform, in the order they were wired. A connector that is not
 * {@linkplain AccountConnector#available() available} (GeWe without its API settings, WhatsApp without Node.js) still
 * receives what its platform posts, but a command that needs it answers with what to set or install instead of failing
 * somewhere deeper.
 */
public final class Connectors implements AutoCloseable {
    private final List<AccountConnector> all;

    private Connectors(List<AccountConnector> all) {
        this.all = all;
    }

    /**
     * @param connectors the connectors, at most one per platform
     * @return the registry
     * @throws IllegalArgumentException when two connectors run the same platform
     */
    public static Connectors of(AccountConnector... connectors) {
        List<AccountConnector> list = List.of(connectors);
        if (list.stream().map(AccountConnector::platform).distinct().count() != list.size()) {
            throw new IllegalArgumentException("one connector per platform: " + list);
        }
        return new Connectors(list);
    }

    /** @return every connector, available or not */
    public List<AccountConnector> all() {
        return all;
    }

    /**
     * @param platform a platform
     * @return its connector, when it is available
     */
    public Optional<AccountConnector> find(Platform platform) {
        return all.stream().filter(c -> c.platform() == platform && c.available()).findFirst();
    }

    /**
     * @param platform a platform
     * @return its connector
     * @throws CommandException ({@code connector.not_configured.<platform>}) when it is not available
     */
    public AccountConnector require(Platform platform) {
        return find(platform).orElseThrow(() -> new CommandException("connector.not_configured." + platform.code()));
    }

    /**
     * @param platform a platform
     * @return whether its accounts come with credentials an admin types ({@link AccountConnector#connect}), whether
     *         or not its connector is available now
     */
    public boolean connectWithCredentials(Platform platform) {
        return all.stream().anyMatch(c -> c.platform() == platform && c.connectsWithCredentials());
    }

    /**
     * Registers every connector's webhooks.
     *
     * @param routing the server's routing
     */
    public void routing(HttpRouting.Builder routing) {
        all.forEach(c -> c.routing(routing));
    }

    /** Starts what the connectors run in the background, once every feature listens. */
    public void start() {
        all.forEach(AccountConnector::start);
    }

    /** Stops the connectors, the last wired first. */
    @Override
    public void close() {
        all.reversed().forEach(AccountConnector::close);
    }
}
