package dev.parley.audit;

import java.util.List;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/** The record of every command and button press, kept in MariaDB and read back with {@code /audit}. */
public final class AuditLog {
    private static final int MAX_INPUT = 1000;
    private static final RowMapper<AuditEntry> MAPPER = (rs, ctx) -> new AuditEntry(
            rs.getLong("at"), rs.getString("actor"), rs.getString("channel"), rs.getString("chat"),
            rs.getString("command"), rs.getString("input"), rs.getString("result"), rs.getString("detail"));

    private final Jdbi jdbi;

    /**
     * @param jdbi the database
     */
    public AuditLog(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * @param entry what happened
     */
    public void record(AuditEntry entry) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO audit_log (at, actor, channel, chat, command, input, result, detail)
                        VALUES (:at, :actor, :channel, :chat, :command, :input, :result, :detail)""")
                .bind("at", entry.at()).bind("actor", cut(entry.actor(), 160)).bind("channel", entry.channel())
                .bind("chat", cut(entry.chat(), 160)).bind("command", entry.command())
                .bind("input", cut(entry.input(), MAX_INPUT)).bind("result", entry.result())
                .bind("detail", cut(entry.detail(), 1000)).execute());
    }

    /**
     * @param actor only this actor's entries ({@code channel:user-id}), or {@code null} for everyone's
     * @param limit how many at most
     * @return the newest entries first
     */
    public List<AuditEntry> recent(String actor, int limit) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM audit_log"
                        + (actor == null ? "" : " WHERE actor = :actor") + " ORDER BY id DESC LIMIT :limit")
                .bind("actor", actor).bind("limit", limit).map(MAPPER).list());
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max - 1) + "…";
    }
}
