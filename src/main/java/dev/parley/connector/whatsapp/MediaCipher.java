package dev.parley.connector.whatsapp;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;

import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * WhatsApp's media encryption, as its clients and Baileys ({@code Utils/messages-media.ts}: {@code getMediaKeys},
 * {@code encryptedStream}) do it: the message's 32-byte {@code mediaKey} is expanded by HKDF-SHA256 (no salt) with the
 * kind's info string ("WhatsApp Image Keys"…) into an IV (16 bytes), an AES-256 key (32) and a MAC key (32). The CDN
 * serves the AES-CBC (PKCS#7) ciphertext followed by the first 10 bytes of HMAC-SHA256(macKey, iv ‖ ciphertext);
 * {@code fileEncSha256} is the SHA-256 of all of that, {@code fileSha256} of the plaintext. Everything is checked,
 * in constant time and before decrypting, so a file that is not the one the message describes is refused.
 */
final class MediaCipher {
    private static final int MAC_BYTES = 10;
    private static final int BLOCK = 16;

    private MediaCipher() {
    }

    /** The kinds of media, each by its message field and the HKDF info string of its keys. */
    enum Kind {
        IMAGE("imageMessage", "Image"),
        VIDEO("videoMessage", "Video"),
        VIDEO_NOTE("ptvMessage", "Video"),
        AUDIO("audioMessage", "Audio"),
        DOCUMENT("documentMessage", "Document"),
        STICKER("stickerMessage", "Image");

        private final String field;
        private final byte[] info;

        Kind(String field, String keys) {
            this.field = field;
            this.info = ("WhatsApp " + keys + " Keys").getBytes(StandardCharsets.UTF_8);
        }

        /** @return the field of a message body that holds this kind of media */
        String field() {
            return field;
        }
    }

    /**
     * @param downloaded    what the CDN served
     * @param mediaKey      the message's {@code mediaKey}
     * @param kind          the kind of media
     * @param fileEncSha256 the message's hash of the download, or {@code null} not to check it
     * @param fileSha256    the message's hash of the file, or {@code null} not to check it
     * @return the file
     * @throws CorruptMediaException when it is not the file the message describes (another key, altered, cut short)
     */
    static byte[] decrypt(byte[] downloaded, byte[] mediaKey, Kind kind, byte[] fileEncSha256, byte[] fileSha256)
            throws CorruptMediaException {
        if (downloaded.length < MAC_BYTES + BLOCK || (downloaded.length - MAC_BYTES) % BLOCK != 0) {
            throw new CorruptMediaException("the downloaded media is cut short or not a WhatsApp media file ("
                    + downloaded.length + " bytes)");
        }
        if (fileEncSha256 != null && !MessageDigest.isEqual(fileEncSha256, sha256(downloaded))) {
            throw new CorruptMediaException("the downloaded media is not the file the message describes");
        }
        Keys keys = keys(mediaKey, kind);
        int length = downloaded.length - MAC_BYTES;
        byte[] mac = mac(keys, downloaded, length);
        if (!MessageDigest.isEqual(mac, Arrays.copyOfRange(downloaded, length, downloaded.length))) {
            throw new CorruptMediaException("the media's signature does not match the message's key");
        }
        byte[] plain;
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.DECRYPT_MODE, new SecretKeySpec(keys.cipher(), "AES"), new IvParameterSpec(keys.iv()));
            plain = aes.doFinal(downloaded, 0, length);
        } catch (GeneralSecurityException e) {
            throw new CorruptMediaException("the media cannot be decrypted with the message's key");
        }
        if (fileSha256 != null && !MessageDigest.isEqual(fileSha256, sha256(plain))) {
            throw new CorruptMediaException("the decrypted media is not the file the message describes");
        }
        return plain;
    }

    /**
     * The inverse of {@link #decrypt}: what a WhatsApp client uploads (tests play WhatsApp's CDN with it).
     *
     * @param plain    the file
     * @param mediaKey the key
     * @param kind     the kind of media
     * @return ciphertext and MAC, as the CDN serves them
     */
    static byte[] encrypt(byte[] plain, byte[] mediaKey, Kind kind) {
        Keys keys = keys(mediaKey, kind);
        try {
            Cipher aes = Cipher.getInstance("AES/CBC/PKCS5Padding");
            aes.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(keys.cipher(), "AES"), new IvParameterSpec(keys.iv()));
            byte[] encrypted = aes.doFinal(plain);
            byte[] out = Arrays.copyOf(encrypted, encrypted.length + MAC_BYTES);
            System.arraycopy(mac(keys, encrypted, encrypted.length), 0, out, encrypted.length, MAC_BYTES);
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-256-CBC is not available", e);
        }
    }

    private static byte[] mac(Keys keys, byte[] data, int length) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(keys.mac(), "HmacSHA256"));
            hmac.update(keys.iv());
            hmac.update(data, 0, length);
            return Arrays.copyOf(hmac.doFinal(), MAC_BYTES);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    /** HKDF-SHA256 (RFC 5869) of the media key with an all-zero salt, to 112 bytes: IV, cipher key, MAC key. */
    private static Keys keys(byte[] mediaKey, Kind kind) {
        try {
            Mac hmac = Mac.getInstance("HmacSHA256");
            hmac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
            byte[] prk = hmac.doFinal(mediaKey);
            hmac.init(new SecretKeySpec(prk, "HmacSHA256"));
            byte[] okm = new byte[112];
            byte[] block = new byte[0];
            for (int filled = 0, n = 1; filled < okm.length; n++) {
                hmac.update(block);
                hmac.update(kind.info);
                hmac.update((byte) n);
                block = hmac.doFinal();
                int take = Math.min(block.length, okm.length - filled);
                System.arraycopy(block, 0, okm, filled, take);
                filled += take;
            }
            return new Keys(Arrays.copyOfRange(okm, 0, 16), Arrays.copyOfRange(okm, 16, 48), Arrays.copyOfRange(okm, 48, 80));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HMAC-SHA256 is not available", e);
        }
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    private record Keys(byte[] iv, byte[] cipher, byte[] mac) {
    }

    /** A downloaded file is not the media its message describes. */
    static final class CorruptMediaException extends Exception {
        private static final long serialVersionUID = 1L;

        CorruptMediaException(String message) {
            super(message);
        }
    }
}
