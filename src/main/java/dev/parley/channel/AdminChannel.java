package dev.parley.channel;

import io.helidon.webserver.http.HttpRouting;

/**
 * An admin chat platform as {@code Parley} holds it, in one list with the others: started once the web server
 * listens, asked for its state by {@code /health} and {@code /status}, given the chance to add its webhook route,
 * stopped in reverse order of starting. Its cards go through its {@link ChatChannel}, its people through
 * {@link Interactions}.
 */
public interface AdminChannel extends AutoCloseable {
    /** @return the channel's name, also the prefix of its identities */
    String name();

    /**
     * Adds the channel's webhook route, when it takes events over HTTP.
     *
     * @param routing the server's routing
     */
    default void routing(HttpRouting.Builder routing) {
    }

    /** Connects in the background (never blocks start-up); called once, after the web server started. */
    void start();

    /** @return how it is doing, for {@code /health} and {@code /status} */
    ChannelStatus status();

    /** Stops what it runs; safe to call twice. */
    @Override
    void close();
}
