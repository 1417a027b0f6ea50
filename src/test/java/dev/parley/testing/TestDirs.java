package dev.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

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
}
