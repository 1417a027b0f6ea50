package dev.parley.rbac;

import java.util.Locale;
import java.util.Optional;

/**
 * Who is speaking: a user id on a channel, written {@code channel:user-id} (e.g. {@code telegram:123},
 * {@code feishu:ou_abc}, {@code http:ops}). Roles are bound to identities.
 *
 * @param channel the channel name, lower case
 * @param userId  the user's id on that channel
 */
public record Identity(String channel, String userId) {
    /** Normalises the channel to lower case and rejects blanks. */
    public Identity {
        if (channel == null || channel.isBlank() || userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("an identity needs a channel and a user id");
        }
        channel = channel.trim().toLowerCase(Locale.ROOT);
        userId = userId.trim();
    }

    /**
     * @param text {@code channel:user-id}
     * @return the identity, or empty when the text has no channel or no user id
     */
    public static Optional<Identity> parse(String text) {
        if (text == null) {
            return Optional.empty();
        }
        int colon = text.indexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            return Optional.empty();
        }
        String channel = text.substring(0, colon).trim();
        String user = text.substring(colon + 1).trim();
        if (channel.isEmpty() || user.isEmpty() || !channel.matches("[A-Za-z][A-Za-z0-9_-]{0,31}") || user.length() > 128) {
            return Optional.empty();
        }
        return Optional.of(new Identity(channel, user));
    }

    @Override
    public String toString() {
        return channel + ":" + userId;
    }
}
