package dev.parley.testing;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

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
        EmbeddedMariaDb db = server();
        String name = "t" + COUNTER.incrementAndGet() + "_" + purpose.replaceAll("[^A-Za-z0-9]", "").toLowerCase();
        if (name.length() > 60) {
            name = name.substring(0, 60);
        }
        db.createDatabase(name);
        return Database.connect(db.jdbcUrl(name), "root", "", 8);
    }

    /** @return the JVM's shared server, started on first use */
    public static synchronized EmbeddedMariaDb server() {
        if (server == null) {
            Path home = TestDirs.root().resolve("mariadb-" + ProcessHandle.current().pid());
            server = EmbeddedMariaDb.start(home, "128M", true);
            Runtime.getRuntime().addShutdownHook(new Thread(server::close, "test-mariadb-stop"));
        }
        return server;
    }
}
