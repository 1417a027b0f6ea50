/**
 * The audit log: {@link dev.parley.audit.AuditLog} records every command and button press as an
 * {@link dev.parley.audit.AuditEntry} (who, where, what, how it ended) in {@code audit_log}, and
 * {@link dev.parley.audit.AuditCommand} reads it back as {@code /audit}.
 *
 * <p>Entries are only appended and read, never updated or deleted, and the command engine is their one writer. It
 * must not import a channel or connector adapter, nor any platform SDK.
 */
package dev.parley.audit;
