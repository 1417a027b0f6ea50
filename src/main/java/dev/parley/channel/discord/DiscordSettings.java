package dev.parley.channel.discord;

import dev.parley.config.Settings;

import io.helidon.config.Config;

/**
 * {@code parley.discord.*}: the bot token ({@code PARLEY_DISCORD_TOKEN}; empty = no Discord channel), the guild whose
 * slash commands are registered there (instant) instead of globally, and the REST and gateway addresses (for fakes and
 * proxies). {@link #toString()} never shows the token.
 *
 * @param token      the bot token
 * @param guild      a guild id, or empty for global commands
 * @param apiUrl     the REST base with its trailing slash
 * @param gatewayUrl the gateway address, or empty for Discord's
 */
public record DiscordSettings(String token, String guild, String apiUrl, String gatewayUrl) {
    /**
     * @param discord the {@code parley.discord} node
     * @return the settings, trimmed, with defaults applied
     */
    public static DiscordSettings read(Config discord) {
        String api = Settings.text(discord, "api.url", "https://discord.com/api/v10/");
        return new DiscordSettings(Settings.text(discord, "token", ""), Settings.text(discord, "guild", ""),
                api.endsWith("/") ? api : api + "/", Settings.text(discord, "gateway.url", ""));
    }

    /** @return whether a bot is configured */
    public boolean configured() {
        return !token.isEmpty();
    }

    @Override
    public String toString() {
        return "DiscordSettings[token=" + (token.isEmpty() ? "none" : "set") + ", guild=" + guild + ", apiUrl=" + apiUrl
                + ", gatewayUrl=" + gatewayUrl + "]";
    }
}
