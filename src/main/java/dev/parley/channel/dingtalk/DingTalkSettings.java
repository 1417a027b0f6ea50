package dev.parley.channel.dingtalk;

import java.util.Locale;

import dev.parley.config.Settings;

import io.helidon.config.Config;

/**
 * The {@code parley.dingtalk.*} settings. Kept in one record so the channel's parts agree on them and so
 * {@link #toString()} can never print the secret.
 *
 * @param clientId     Client ID (AppKey) of the enterprise-internal app; also the robot code; empty = the channel is off
 * @param clientSecret Client Secret (AppSecret): signs HTTP callbacks, authenticates the Stream connection and tokens
 * @param mode         {@link #STREAM} or {@link #HTTP}
 * @param apiUrl       base of the OpenAPI ({@code https://api.dingtalk.com}), also where the Stream gateway is opened
 * @param oapiUrl      base of the legacy API ({@code https://oapi.dingtalk.com}), used for media upload
 * @param cardTemplate id of the interactive card template made from {@code deploy/dingtalk/parley-card-template.json},
 *                     or empty to send markdown messages instead of interactive cards
 */
public record DingTalkSettings(String clientId, String clientSecret, String mode, String apiUrl, String oapiUrl,
                               String cardTemplate) {
    /** Messages and card callbacks over Parley's outbound Stream connection; no public URL needed. */
    public static final String STREAM = "stream";
    /** Messages pushed to {@code POST /webhooks/dingtalk}, signed with the client secret. */
    public static final String HTTP = "http";

    /**
     * @param dingtalk the {@code parley.dingtalk} node
     * @return the settings, trimmed, with defaults applied
     */
    public static DingTalkSettings read(Config dingtalk) {
        return new DingTalkSettings(
                Settings.text(dingtalk, "client.id", ""),
                Settings.text(dingtalk, "client.secret", ""),
                Settings.text(dingtalk, "mode", STREAM).toLowerCase(Locale.ROOT),
                Settings.text(dingtalk, "api.url", "https://api.dingtalk.com").replaceFirst("/+$", ""),
                Settings.text(dingtalk, "oapi.url", "https://oapi.dingtalk.com").replaceFirst("/+$", ""),
                Settings.text(dingtalk, "card.template", ""));
    }

    /** @return whether an app is configured at all */
    public boolean configured() {
        return !clientId.isEmpty();
    }

    /** @return whether buttons can call back, through an interactive card template */
    public boolean interactiveCards() {
        return !cardTemplate.isEmpty();
    }

    @Override
    public String toString() {
        return "DingTalkSettings[clientId=" + clientId + ", mode=" + mode + ", apiUrl=" + apiUrl + ", oapiUrl="
                + oapiUrl + ", cardTemplate=" + cardTemplate + "]";
    }
}
