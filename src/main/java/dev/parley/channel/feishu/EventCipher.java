package dev.parley.channel.feishu;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Locale;

import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Feishu's event cryptography with the app's Encrypt Key, done here rather than by the SDK's dispatcher
 * because that one logs whole request bodies, compares signatures in variable time and decrypts before it
 * checks the signature. Signature: {@code sha256_hex(timestamp + nonce + encryptKey + rawBody)}. Body:
 * {@code {"encrypt": base64(iv ‖ AES-256-CBC(key = sha256(encryptKey), PKCS#7))}}.
 */
final class EventCipher {
    private final String encryptKey;
    private final SecretKeySpec aesKey;

    /**
     * @param encryptKey the Encrypt Key from the developer console
     */
    EventCipher(String encryptKey) {
        this.encryptKey = encryptKey;
        this.aesKey = new SecretKeySpec(sha256(encryptKey.getBytes(StandardCharsets.UTF_8)), "AES");
    }

    /**
     * @param timestamp the {@code x-lark-request-timestamp} header
     * @param nonce     the {@code x-lark-request-nonce} header
     * @param body      the raw body
     * @param signature the {@code x-lark-signature} header
     * @return whether the signature is Feishu's, compared in constant time
     */
    boolean signedByFeishu(String timestamp, String nonce, byte[] body, String signature) {
        byte[] expected = signature(timestamp, nonce, body).getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, signature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @param timestamp the timestamp header
     * @param nonce     the nonce header
     * @param body      the raw body
     * @return the hex signature Feishu would send
     */
    String signature(String timestamp, String nonce, byte[] body) {
        byte[] prefix = (timestamp + nonce + encryptKey).getBytes(StandardCharsets.UTF_8);
        byte[] all = Arrays.copyOf(prefix, prefix.length + body.length);
        System.arraycopy(body, 0, all, prefix.length, body.length);
        return HexFormat.of().formatHex(sha256(all));
    }

    /**
     * @param base64 the {@code encrypt} field
     * @return the plaintext event JSON
     * @throws GeneralSecurityException when it was not encrypted with this key
     */
    String decrypt(String base64) throws GeneralSecurityException {
        byte[] data;
        try {
            data = Base64.getDecoder().decode(base64.trim());
        } catch (IllegalArgumentException e) {
            throw new GeneralSecurityException("not base64", e);
        }
        if (data.length < 32 || data.length % 16 != 0) {
            throw new GeneralSecurityException("not an encrypted event");
        }
        Cipher cipher = Cipher.getInstance("AES/CBC/PKCS5Padding");
        cipher.init(Cipher.DECRYPT_MODE, aesKey, new IvParameterSpec(data, 0, 16));
        return new String(cipher.doFinal(data, 16, data.length - 16), StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] input) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(input);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
