package dev.parley.channel.feishu;

import java.util.Locale;

import dev.parley.config.Settings;

import io.helidon.config.Config;

/**
 * The {@code parley.feishu.*} settings. Kept in one record so the channel's parts agree on them and so
 * {@link #toString()} can never print the secrets.
 *
 * @param appId             App ID of the self-built app; empty = the channel is off
 * @param appSecret         App Secret
 * @param encryptKey        Encrypt Key: events are signed with it and encrypted with a key derived from it (webhook
 *                          mode; the long connection is authenticated by the app id and secret instead)
 * @param verificationToken Verification Token, or empty when not checked
 * @param baseUrl           Open API base ({@code https://open.feishu.cn} or {@code https://open.larksuite.com})
 * @param mode              {@code webhook} or {@code websocket}
 */
public record FeishuSettings(String appId, String appSecret, String encryptKey, String verificationToken, String baseUrl,
                             String mode) {
    /** Events pushed to {@code POST /webhooks/feishu}. */
    public static final String WEBHOOK = "webhook";
    /** Events over Parley's outbound long connection ({@link FeishuLongConnection}); no public URL needed. */
    public static final String WEBSOCKET = "websocket";

    /**
     * @param feishu the {@code parley.feishu} node
     * @return the settings, trimmed, with defaults applied
     */
    public static FeishuSettings read(Config feishu) {
        return new FeishuSettings(
                Settings.text(feishu, "app.id", ""),
                Settings.text(feishu, "app.secret", ""),
                Settings.text(feishu, "encrypt.key", ""),
                Settings.text(feishu, "verification.token", ""),
                Settings.text(feishu, "base.url", "https://open.feishu.cn").replaceFirst("/+$", ""),
                Settings.text(feishu, "mode", WEBHOOK).toLowerCase(Locale.ROOT));
    }

    /** @return whether an app is configured at all */
    public boolean configured() {
        return !appId.isEmpty();
    }

    @Override
    public String toString() {
        return "FeishuSettings[appId=" + appId + ", baseUrl=" + baseUrl + ", mode=" + mode + "]";
    }
}
