package dev.parley.connector.whatsappcloud;

import java.time.Duration;

import dev.parley.config.Settings;

import io.helidon.config.Config;

/**
 * The Cloud API settings, under {@code parley.whatsapp}: the App Secret that signs Meta's webhooks
 * ({@code PARLEY_WHATSAPP_APP_SECRET}), the verify token of the subscription check
 * ({@code PARLEY_WHATSAPP_VERIFY_TOKEN}), and the Graph API with its version ({@code PARLEY_WHATSAPP_CLOUD_API_URL}).
 * Both secrets are needed to receive; without them Cloud API numbers cannot be added.
 *
 * @param appSecret   the App Secret, or {@code ""}
 * @param verifyToken the verify token, or {@code ""}
 * @param apiUrl      the Graph API base URL with its version
 * @param callTimeout the longest a Graph call may take
 */
record CloudSettings(String appSecret, String verifyToken, String apiUrl, Duration callTimeout) {
    /** Graph's own address and the version Parley speaks. */
    static final String DEFAULT_API_URL = "https://graph.facebook.com/v21.0";

    /**
     * @param whatsapp the {@code parley.whatsapp} node
     * @return the settings
     */
    static CloudSettings from(Config whatsapp) {
        return new CloudSettings(Settings.text(whatsapp, "app.secret", ""),
                Settings.text(whatsapp, "verify.token", ""),
                Settings.text(whatsapp, "cloud.api.url", DEFAULT_API_URL),
                Duration.ofMillis(whatsapp.get("cloud.call.timeout.ms").asLong().orElse(20_000L)));
    }

    /** @return whether webhooks can be checked and accepted */
    boolean receives() {
        return !appSecret.isEmpty() && !verifyToken.isEmpty();
    }

    @Override
    public String toString() {
        return "CloudSettings[appSecret=" + (appSecret.isEmpty() ? "(unset)" : "(set)") + ", verifyToken="
                + (verifyToken.isEmpty() ? "(unset)" : "(set)") + ", apiUrl=" + apiUrl + "]";
    }
}
