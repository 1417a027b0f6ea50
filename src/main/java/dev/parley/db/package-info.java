/**
 * The system of record: {@link dev.parley.db.Database} opens a pooled connection to MariaDB (embedded, or external
 * by URL) and brings the schema up to date with the Flyway migrations in {@code db/migration} before anything else
 * touches it; {@link dev.parley.db.EmbeddedMariaDb} runs the embedded server as a child process on loopback.
 *
 * <p>It imports no other Parley package and holds no feature's SQL: each feature queries its own tables through the
 * {@code Jdbi} handed out here. The schema changes only by a new migration.
 */
package dev.parley.db;
