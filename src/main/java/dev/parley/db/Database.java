package dev.parley.db;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;

import javax.sql.DataSource;

import io.helidon.config.Config;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Jdbi;

/**
 * The system of record: a pooled connection to MariaDB (embedded, or external by URL), with the schema
 * brought up to date by the migrations in {@code db/migration} before anything else touches it.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(Database.class.getName());
    private static final String EMBEDDED_DATABASE = "parley";

    private final EmbeddedMariaDb embedded;
    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final String description;
    private boolean closed;

    private Database(EmbeddedMariaDb embedded, HikariDataSource dataSource, String description) {
        this.embedded = embedded;
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.description = description;
    }

    /**
     * Opens the database described by {@code parley.db}: the external MariaDB at {@code url} when set,
     * otherwise an embedded server under {@code dataDir/mariadb}. Migrations run before this returns.
     *
     * @param dbConfig the {@code parley.db} node
     * @param dataDir  Parley's data directory
     * @return the open database
     */
    public static Database open(Config dbConfig, Path dataDir) {
        String url = dbConfig.get("url").asString().orElse("").trim();
        int poolSize = dbConfig.get("pool.size").asInt().orElse(8);
        if (!url.isEmpty()) {
            String user = dbConfig.get("user").asString().orElse("");
            String password = dbConfig.get("password").asString().orElse("");
            return connect(null, url, user, password, poolSize, "external, " + redact(url).replaceFirst("^jdbc:mariadb://", ""));
        }
        EmbeddedMariaDb server = EmbeddedMariaDb.start(dataDir.resolve("mariadb"),
                dbConfig.get("embedded.buffer.pool").asString().orElse("256M"), false);
        try {
            server.createDatabase(EMBEDDED_DATABASE);
            return connect(server, server.jdbcUrl(EMBEDDED_DATABASE), "root", "", poolSize,
                    "embedded, " + dataDir.resolve("mariadb"));
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
    }

    /**
     * Connects to a database on a server someone else manages (tests share one embedded server).
     *
     * @param url      JDBC URL
     * @param user     user
     * @param password password
     * @param poolSize maximum pool size
     * @return the open, migrated database
     */
    public static Database connect(String url, String user, String password, int poolSize) {
        return connect(null, url, user, password, poolSize, redact(url).replaceFirst("^jdbc:mariadb://", ""));
    }

    private static Database connect(EmbeddedMariaDb embedded, String url, String user, String password, int poolSize,
                                    String where) {
        HikariConfig pool = new HikariConfig();
        pool.setPoolName("parley-db");
        pool.setJdbcUrl(url);
        pool.setUsername(user);
        pool.setPassword(password);
        pool.setMaximumPoolSize(poolSize);
        pool.setMinimumIdle(Math.min(2, poolSize));
        pool.setConnectionTimeout(10_000);
        pool.setInitializationFailTimeout(30_000);
        HikariDataSource dataSource;
        try {
            dataSource = new HikariDataSource(pool);
        } catch (RuntimeException e) {
            throw new IllegalStateException("cannot connect to the database at " + redact(url) + ": "
                    + rootMessage(e), e);
        }
        try {
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            dataSource.close();
            throw new IllegalStateException("database migration failed: " + rootMessage(e), e);
        }
        String described = serverVersion(dataSource) + " (" + where + ")";
        LOG.info(() -> "database ready: " + described);
        return new Database(embedded, dataSource, described);
    }

    /** @return JDBI over the pool */
    public Jdbi jdbi() {
        return jdbi;
    }

    /** @return the pooled data source */
    public DataSource dataSource() {
        return dataSource;
    }

    /** @return the server version and where the data lives, without credentials */
    public String description() {
        return description;
    }

    /** @return whether a connection can be had and answers within two seconds */
    public boolean isHealthy() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(2);
        } catch (SQLException | RuntimeException e) {
            return false;
        }
    }

    /** Closes the pool and stops the embedded server, if any; safe to call more than once. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        dataSource.close();
        if (embedded != null) {
            embedded.close();
        }
    }

    /** @return e.g. {@code MariaDB 11.4.5} */
    private static String serverVersion(DataSource dataSource) {
        try (Connection c = dataSource.getConnection(); var s = c.createStatement();
             var rs = s.executeQuery("SELECT VERSION()")) {
            rs.next();
            String version = rs.getString(1);
            return "MariaDB " + version.replaceFirst("-MariaDB.*$", "");
        } catch (SQLException e) {
            return "MariaDB";
        }
    }

    /** Removes user info and query parameters, which may carry credentials, from a JDBC URL. */
    static String redact(String url) {
        String noQuery = url.replaceFirst("\\?.*$", "");
        return noQuery.replaceFirst("//[^/@]*@", "//");
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getMessage();
    }
}
