package dev.parley.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets Parley needs even with zero configuration (the admin token, the webhook path secret): the
 * configured value when there is one, otherwise a random one generated once and kept in a file under the
 * data directory readable only by its owner. Values are never logged; only the file path is.
 */
public final class Secrets {
    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /**
     * @param configured the configured value, possibly blank
     * @param file       where a generated value is kept
     * @return the configured value, the kept one, or a newly generated and kept one
     */
    public static String configuredOrGenerated(String configured, Path file) {
        return configuredOrGenerated(configured, file, 24);
    }

    /**
     * @param configured the configured value, possibly blank
     * @param file       where a generated value is kept
     * @param bytes      how many random bytes a generated value has (it is kept in URL-safe Base64)
     * @return the configured value, the kept one, or a newly generated and kept one
     */
    static String configuredOrGenerated(String configured, Path file, int bytes) {
        if (configured != null && !configured.isBlank()) {
            return configured.trim();
        }
        try {
            if (Files.exists(file)) {
                String kept = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (!kept.isEmpty()) {
                    return kept;
                }
            }
            byte[] random = new byte[bytes];
            RANDOM.nextBytes(random);
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException e) {
                // not a POSIX file system; the file keeps the directory's default permissions
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot keep a generated secret in " + file, e);
        }
    }

    /**
     * Compares two secrets in time independent of where they differ.
     *
     * @param expected the real secret
     * @param given    what the caller sent
     * @return whether they are equal
     */
    public static boolean matches(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        return java.security.MessageDigest.isEqual(expected.getBytes(StandardCharsets.UTF_8),
                given.getBytes(StandardCharsets.UTF_8));
    }
}
