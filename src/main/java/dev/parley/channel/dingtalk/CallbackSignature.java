package dev.parley.channel.dingtalk;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Checks that an HTTP callback of the robot really comes from DingTalk: DingTalk sends the headers
 * {@code timestamp} (epoch milliseconds) and {@code sign} = Base64(HmacSHA256(key = app secret,
 * data = timestamp + "\n" + app secret)), and the timestamp must lie within an hour of now
 * (open.dingtalk.com/document/orgapp/receive-message). The comparison takes the same time whatever the
 * signature, so it leaks nothing about the expected value.
 */
final class CallbackSignature {
    /** Header carrying the signing time in epoch milliseconds. */
    static final String TIMESTAMP_HEADER = "timestamp";
    /** Header carrying the signature (plain Base64, not URL-encoded). */
    static final String SIGN_HEADER = "sign";
    /** How far the timestamp may be from now, either way. */
    static final Duration TOLERANCE = Duration.ofHours(1);

    /** The outcome of a check; only {@link #VALID} lets a callback through. */
    enum Verdict {
        /** Signed with the app secret, recently. */
        VALID,
        /** A header is absent or blank. */
        MISSING,
        /** The timestamp is no number or the signature no Base64. */
        MALFORMED,
        /** More than an hour away from now. */
        STALE,
        /** Not signed with this app secret. */
        WRONG
    }

    private final String appSecret;
    private final Clock clock;

    /**
     * @param appSecret the app's Client Secret
     * @param clock     the time the timestamp is compared with
     */
    CallbackSignature(String appSecret, Clock clock) {
        if (appSecret == null || appSecret.isEmpty()) {
            throw new IllegalArgumentException("the DingTalk app secret is empty");
        }
        this.appSecret = appSecret;
        this.clock = clock;
    }

    /**
     * @param timestamp the {@code timestamp} header, or {@code null}
     * @param sign      the {@code sign} header, or {@code null}
     * @return whether the callback is DingTalk's, and if not why
     */
    Verdict verify(String timestamp, String sign) {
        if (timestamp == null || timestamp.isBlank() || sign == null || sign.isBlank()) {
            return Verdict.MISSING;
        }
        long millis;
        byte[] given;
        try {
            millis = Long.parseLong(timestamp.trim());
            given = Base64.getDecoder().decode(sign.trim());
        } catch (IllegalArgumentException e) {
            return Verdict.MALFORMED;
        }
        if (Math.abs(clock.millis() - millis) > TOLERANCE.toMillis()) {
            return Verdict.STALE;
        }
        return MessageDigest.isEqual(hmac(appSecret, timestamp.trim()), given) ? Verdict.VALID : Verdict.WRONG;
    }

    /**
     * The signing rule DingTalk shares between HTTP callbacks and custom robot webhooks.
     *
     * @param secret    the key (app secret, or the robot's {@code SEC…} secret)
     * @param timestamp epoch milliseconds as written
     * @return HmacSHA256(secret, timestamp + "\n" + secret)
     */
    static byte[] hmac(String secret, String timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
