package dev.parley.db;

import java.util.List;

import dev.parley.testing.TestDatabase;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DatabaseTest {
    private static Database db;

    @BeforeAll
    static void open() {
        db = TestDatabase.create("database");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void migrationsCreateTheCoreTables() {
        List<String> tables = db.jdbi().withHandle(h -> h.createQuery(
                "SELECT table_name FROM information_schema.tables WHERE table_schema = DATABASE()")
                .mapTo(String.class).list());
        assertThat(tables).contains("accounts", "contacts", "groups", "group_members", "group_events", "messages",
                "admins", "audit_log", "user_prefs", "flyway_schema_history");
        assertThat(db.isHealthy()).isTrue();
    }

    @Test
    void insertIgnoreReturningReportsOnlyNewRowsAndKeepsHugeIdsExact() {
        String huge = "14216284872728580667"; // > Long.MAX_VALUE, as GeWe sends
        long account = db.jdbi().withHandle(h -> h.createUpdate(
                "INSERT INTO accounts (platform, external_id, created_at) VALUES ('wechat', 'wx_a', 0)")
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        String insert = "INSERT IGNORE INTO messages (account_id, platform_msg_id, chat_id, chat_type, sender_id, direction,"
                + " msg_type, text, sent_at, received_at) VALUES (?, ?, 'c', 'private', 's', 'in', 'text', '退款', 0, 0),"
                + " (?, ?, 'c', 'private', 's', 'in', 'text', '退款', 0, 0) RETURNING platform_msg_id";
        List<String> first = db.jdbi().withHandle(h -> h.createQuery(insert)
                .bind(0, account).bind(1, huge).bind(2, account).bind(3, "1").mapTo(String.class).list());
        List<String> second = db.jdbi().withHandle(h -> h.createQuery(insert)
                .bind(0, account).bind(1, huge).bind(2, account).bind(3, "2").mapTo(String.class).list());
        assertThat(first).containsExactlyInAnyOrder(huge, "1");
        assertThat(second).containsExactly("2");
    }

    @Test
    void redactRemovesCredentialsFromUrls() {
        assertThat(Database.redact("jdbc:mariadb://bob:secret@db:3306/parley?password=x")).isEqualTo(
                "jdbc:mariadb://db:3306/parley");
    }
}
