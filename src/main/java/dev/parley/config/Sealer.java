package dev.parley.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;

import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts what Parley keeps at rest that would let someone act as one of its accounts (WhatsApp session keys,
 * platform tokens): AES-256-GCM with a fresh 96-bit nonce per value, the value's purpose bound in as associated data so
 * a sealed value cannot be moved to another row. The key is {@code PARLEY_SECRET_KEY} (any string; its SHA-256 is the
 * key) or, without it, 32 random bytes generated once into {@code <data dir>/secret-key}, readable only by its owner.
 * Losing the key loses what it sealed: the accounts must log in again.
 */
public final class Sealer {
    private static final String PREFIX = "v1:";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final SecretKeySpec key;

    private Sealer(byte[] key) {
        this.key = new SecretKeySpec(key, "AES");
    }

    /**
     * @param configured {@code PARLEY_SECRET_KEY}, possibly blank
     * @param keyFile    where a generated key is kept when none is configured
     * @return the sealer
     */
    public static Sealer open(String configured, Path keyFile) {
        if (configured != null && !configured.isBlank()) {
            return new Sealer(sha256(configured.strip().getBytes(StandardCharsets.UTF_8)));
        }
        return new Sealer(Base64.getUrlDecoder().decode(Secrets.configuredOrGenerated("", keyFile, 32)));
    }

    /**
     * @param key 32 bytes
     * @return a sealer with that key (tests)
     */
    public static Sealer withKey(byte[] key) {
        if (key.length != 32) {
            throw new IllegalArgumentException("a sealing key has 32 bytes, not " + key.length);
        }
        return new Sealer(key.clone());
    }

    /**
     * @param plain   what to seal
     * @param purpose what it is and whose (e.g. {@code whatsapp-creds:wa-1f2e}); the same must be given to open it
     * @return the sealed value, text safe to store
     */
    public String seal(byte[] plain, String purpose) {
        byte[] nonce = new byte[NONCE_BYTES];
        RANDOM.nextBytes(nonce);
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(plain);
            byte[] out = Arrays.copyOf(nonce, NONCE_BYTES + sealed.length);
            System.arraycopy(sealed, 0, out, NONCE_BYTES, sealed.length);
            return PREFIX + Base64.getEncoder().encodeToString(out);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * @param plain   text to seal
     * @param purpose what it is and whose
     * @return the sealed value
     */
    public String seal(String plain, String purpose) {
        return seal(plain.getBytes(StandardCharsets.UTF_8), purpose);
    }

    /**
     * @param sealed  a value {@link #seal} made
     * @param purpose the purpose it was sealed for
     * @return what was sealed
     * @throws SealException when it was sealed with another key or purpose, or was altered
     */
    public byte[] open(String sealed, String purpose) throws SealException {
        if (sealed == null || !sealed.startsWith(PREFIX)) {
            throw new SealException("not a sealed value");
        }
        byte[] in;
        try {
            in = Base64.getDecoder().decode(sealed.substring(PREFIX.length()));
        } catch (IllegalArgumentException e) {
            throw new SealException("not a sealed value");
        }
        if (in.length < NONCE_BYTES + TAG_BITS / 8) {
            throw new SealException("sealed value too short");
        }
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, in, 0, NONCE_BYTES));
            cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(in, NONCE_BYTES, in.length - NONCE_BYTES);
        } catch (AEADBadTagException e) {
            throw new SealException("sealed with another key or for another purpose, or altered");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    /**
     * @param sealed  a value {@link #seal(String, String)} made
     * @param purpose the purpose it was sealed for
     * @return the text that was sealed
     * @throws SealException when it cannot be opened
     */
    public String openText(String sealed, String purpose) throws SealException {
        return new String(open(sealed, purpose), StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] bytes) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(bytes);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A sealed value could not be opened: another key, another purpose, or damage. */
    public static final class SealException extends Exception {
        private static final long serialVersionUID = 1L;

        private SealException(String message) {
            super(message);
        }
    }
}
