package dev.parley.command;

import java.util.Objects;

import dev.parley.rbac.Identity;

/**
 * Someone typed something to Parley on some channel.
 *
 * @param identity who (their role decides what they may do)
 * @param chat     where, as the channel names it (a group chat id), or {@code null} for channels without chats
 * @param text     what they typed
 * @param locale   the locale they asked for explicitly, or {@code null} to use their saved choice or the default
 */
public record CommandRequest(Identity identity, String chat, String text, String locale) {
    /** Rejects missing parts. */
    public CommandRequest {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(text, "text");
    }

    /** @return the channel the request came through */
    public String channel() {
        return identity.channel();
    }
}
