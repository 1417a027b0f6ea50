package dev.parley.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import dev.parley.db.Database;
import dev.parley.db.EmbeddedMariaDb;

/**
 * One embedded MariaDB per test JVM (the same engine as production), and a fresh, migrated database
 * on it for every caller, so test classes never see each other's rows.
 */
public final class TestDatabase {
    private static final AtomicInteger COUNTER = new AtomicInteger();
    private static EmbeddedMariaDb server;

    private TestDatabase() {
    }

    /**
     * Creates a new empty database with the current schema.
     *
     * @param purpose a short name that shows up in the database name, for debugging
     * @return the open database; close it when done (the server keeps running)
     */
    public static Database create(String purpose) {
        return Database.connect(createUrl(purpose), "root", "", 8);
    }

    /**
     * Creates a new empty database (migrations run when something connects through {@link Database}).
     *
     * @param purpose a short name that shows up in the database name, for debugging
     * @return its JDBC URL on the shared server (user root, no password)
     */
    public static String createUrl(String purpose) {
        EmbeddedMariaDb db = server();
        String name = "t" + COUNTER.incrementAndGet() + "_" + purpose.replaceAll("[^A-Za-z0-9]", "").toLowerCase();
        if (name.length() > 60) {
            name = name.substring(0, 60);
        }
        db.createDatabase(name);
        return db.jdbcUrl(name);
    }

    /** @return the JVM's shared server, started on first use */
    public static synchronized EmbeddedMariaDb server() {
        if (server == null) {
            removeStaleServers();
            Path home = TestDirs.root().resolve("mariadb-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
            server = EmbeddedMariaDb.start(home, "128M", true);
            EmbeddedMariaDb started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                started.close();
                TestDirs.delete(home);
            }, "test-mariadb-stop"));
        }
        return server;
    }

    /** Deletes the directories of servers whose test JVM is gone (killed runs leave them behind). */
    private static void removeStaleServers() {
        try (Stream<Path> dirs = Files.list(TestDirs.root())) {
            dirs.filter(d -> d.getFileName().toString().matches("mariadb-\\d+-\\d+"))
                    .filter(d -> ProcessHandle.of(Long.parseLong(d.getFileName().toString().split("-")[1])).isEmpty())
                    .forEach(TestDirs::delete);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
