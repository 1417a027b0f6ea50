package dev.parley.channel.dingtalk;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;

/**
 * Signs the URL of a custom group robot webhook ({@code https://oapi.dingtalk.com/robot/send?access_token=…}),
 * the way alerts reach a group that has no app: with "加签" security, DingTalk wants {@code &timestamp=<ms>&sign=…}
 * where sign = URLEncode(Base64(HmacSHA256(secret, timestamp + "\n" + secret))) and the timestamp is within an
 * hour of its clock (open.dingtalk.com/document/robots/customize-robot-security-settings). Such a robot takes at
 * most 20 messages a minute, then refuses for ten minutes; pacing is the caller's job.
 */
final class RobotWebhookSigner {
    private final String secret;
    private final Clock clock;

    /**
     * @param secret the robot's signing secret ({@code SEC…})
     * @param clock  the signing time
     */
    RobotWebhookSigner(String secret, Clock clock) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("the robot webhook secret is empty");
        }
        this.secret = secret;
        this.clock = clock;
    }

    /**
     * @param webhook the webhook URL as DingTalk shows it, with its {@code access_token}
     * @return the URL to post to now, with {@code timestamp} and {@code sign} appended
     */
    URI sign(URI webhook) {
        String timestamp = Long.toString(clock.millis());
        String sign = Base64.getEncoder().encodeToString(CallbackSignature.hmac(secret, timestamp));
        String url = webhook.toString();
        return URI.create(url + (webhook.getRawQuery() == null ? "?" : "&") + "timestamp=" + timestamp + "&sign="
                + URLEncoder.encode(sign, StandardCharsets.UTF_8));
    }
}
