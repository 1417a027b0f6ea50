package dev.parley.command;

import java.util.Objects;

import dev.parley.rbac.Identity;

/**
 * Someone typed something to Parley on some channel.
 *
 * @param identity   who (their role decides what they may do)
 * @param chat       where, as the channel names it (a group chat id), or {@code null} for channels without chats
 * @param text       what they typed
 * @param locale     the locale they asked for explicitly for this request, or {@code null}
 * @param hint       the language their client says they use (Accept-Language, Telegram's language_code), used
 *                   only when they have not chosen one with {@code /lang}; or {@code null}
 * @param body       free text that came with the command as is, line breaks and quotes kept — what someone replied
 *                   to a card with — or {@code null}
 * @param attachment the file sent with the command, fetched when the command reads it (see {@link AttachedFile}), or
 *                   {@code null}
 */
public record CommandRequest(Identity identity, String chat, String text, String locale, String hint, String body,
                             AttachedFile attachment) {
    /** Rejects missing parts. */
    public CommandRequest {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(text, "text");
    }

    /**
     * A request with neither free text nor a file.
     *
     * @param identity who
     * @param chat     where, or {@code null}
     * @param text     what they typed
     * @param locale   the locale asked for explicitly, or {@code null}
     * @param hint     the language their client says they use, or {@code null}
     */
    public CommandRequest(Identity identity, String chat, String text, String locale, String hint) {
        this(identity, chat, text, locale, hint, null, null);
    }

    /**
     * @param identity who
     * @param chat     where, or {@code null}
     * @param text     what they typed
     * @param locale   the locale asked for explicitly, or {@code null}
     */
    public CommandRequest(Identity identity, String chat, String text, String locale) {
        this(identity, chat, text, locale, null);
    }

    /** @return the channel the request came through */
    public String channel() {
        return identity.channel();
    }
}
