package dev.parley.channel.telegram;

import java.net.URI;
import java.util.Locale;

/**
 * How Parley talks to the Telegram Bot API, read by {@code Parley} from {@code parley.telegram.*} and handed
 * down, so nothing in this package looks configuration up itself.
 *
 * @param token         the bot token from BotFather; it is part of every request path and never logged
 * @param apiUrl        the Bot API base ({@code https://api.telegram.org} or a local Bot API server/fake);
 *                      scheme, host and port only, since the SDK adds no path prefix
 * @param mode          how updates arrive
 * @param webhookSecret what Telegram must send in {@code X-Telegram-Bot-Api-Secret-Token} (webhook mode)
 * @param webhookUrl    where Telegram posts updates in webhook mode, or {@code null} when no public URL is set
 *                      (then the operator registers the webhook)
 * @param maxBodyBytes  the largest webhook body accepted
 */
public record TelegramSettings(String token, URI apiUrl, Mode mode, String webhookSecret, String webhookUrl,
                               int maxBodyBytes) {
    /** The path of the webhook on Parley's own server. */
    public static final String WEBHOOK_PATH = "/webhooks/telegram";

    /** Checks the parts. */
    public TelegramSettings {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("PARLEY_TELEGRAM_TOKEN is empty");
        }
        if (apiUrl.getScheme() == null || apiUrl.getHost() == null
                || (apiUrl.getPath() != null && !apiUrl.getPath().isEmpty() && !apiUrl.getPath().equals("/"))) {
            throw new IllegalArgumentException("PARLEY_TELEGRAM_API_URL must be scheme://host[:port] without a path, not "
                    + apiUrl);
        }
        if (mode == Mode.WEBHOOK && (webhookSecret == null || !webhookSecret.matches("[A-Za-z0-9_-]{1,256}"))) {
            throw new IllegalArgumentException("PARLEY_TELEGRAM_WEBHOOK_SECRET must be 1-256 characters of A-Z a-z 0-9 _ -");
        }
    }

    /** @return the settings without the token and the webhook secret, so printing them leaks neither */
    @Override
    public String toString() {
        return "TelegramSettings[apiUrl=" + apiUrl + ", mode=" + mode + ", webhookUrl=" + webhookUrl + ", maxBodyBytes="
                + maxBodyBytes + "]";
    }

    /** @return the API port, the scheme's default when the URL names none */
    public int apiPort() {
        return apiUrl.getPort() > 0 ? apiUrl.getPort() : "http".equalsIgnoreCase(apiUrl.getScheme()) ? 80 : 443;
    }

    /** How updates reach Parley. */
    public enum Mode {
        /** Parley asks with {@code getUpdates}; works behind NAT, no public URL needed. */
        POLLING,
        /** Telegram posts to {@code POST /webhooks/telegram}. */
        WEBHOOK;

        /**
         * @param text {@code polling} or {@code webhook}
         * @return the mode
         */
        public static Mode parse(String text) {
            try {
                return valueOf(text.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("PARLEY_TELEGRAM_MODE must be polling or webhook, not '" + text + "'", e);
            }
        }
    }
}
