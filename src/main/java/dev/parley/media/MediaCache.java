package dev.parley.media;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;

import dev.parley.command.CommandException;

/**
 * Downloaded media, one file per message under {@code <data dir>/media/<message id>}, so each message is downloaded
 * from the platform once. A file appears only when complete (written aside, then moved into place).
 */
public final class MediaCache {
    private final Path dir;

    /**
     * @param dir the directory, created if missing
     */
    public MediaCache(Path dir) {
        this.dir = dir;
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the media directory " + dir, e);
        }
    }

    /**
     * @param messageId a message id
     * @return its downloaded media, if any
     */
    public Optional<Path> find(long messageId) {
        Path file = dir.resolve(Long.toString(messageId));
        return Files.isRegularFile(file) ? Optional.of(file) : Optional.empty();
    }

    /**
     * Stores the media of a message.
     *
     * @param messageId the message
     * @param in        its bytes
     * @param maxBytes  the most accepted
     * @return the stored file
     * @throws IOException      when reading or writing fails
     * @throws CommandException ({@code media.error.too_large}) beyond {@code maxBytes}; nothing is kept
     */
    Path store(long messageId, InputStream in, long maxBytes) throws IOException {
        Path part = Files.createTempFile(dir, messageId + "-", ".part");
        try {
            long total = 0;
            try (OutputStream out = Files.newOutputStream(part)) {
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    total += n;
                    if (total > maxBytes) {
                        throw new CommandException("media.error.too_large", "id", messageId, "max", maxBytes / (1 << 20));
                    }
                    out.write(buffer, 0, n);
                }
            }
            return Files.move(part, dir.resolve(Long.toString(messageId)), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(part);
        }
    }
}
