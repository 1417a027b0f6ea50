package dev.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Where tests put files: {@code target/test-data} under Maven, the system temp dir otherwise. */
public final class TestDirs {
    private TestDirs() {
    }

    /** @return the root directory for test files, created if missing */
    public static Path root() {
        Path root = Path.of(System.getProperty("parley.test.dir", System.getProperty("java.io.tmpdir") + "/parley-test"));
        try {
            return Files.createDirectories(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Deletes a directory tree, ignoring what is already gone.
     *
     * @param root the directory
     */
    public static void delete(Path root) {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a file the server still writes while it stops; the next run removes it
                }
            });
        } catch (IOException | UncheckedIOException e) {
            // racing with the server's own clean-up; nothing to do
        }
    }
}
