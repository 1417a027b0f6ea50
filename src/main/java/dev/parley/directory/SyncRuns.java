package dev.parley.directory;

import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The {@code directory_syncs} table: one row per sync of an account, so a sync that stopped (offline, a
 * restart) is resumed rather than redone, and a summary can say what changed since the last finished one.
 */
final class SyncRuns {
    private static final RowMapper<Run> RUN = (rs, ctx) -> new Run(rs.getLong("id"), rs.getString("state"),
            rs.getLong("started_at"), rs.getObject("finished_at", Long.class));

    private final Jdbi jdbi;

    SyncRuns(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /** @return the account's latest run */
    Optional<Run> latest(long accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, state, started_at, finished_at FROM directory_syncs"
                        + " WHERE account_id = :account ORDER BY id DESC LIMIT 1")
                .bind("account", accountId).map(RUN).findOne());
    }

    /** @return the account's latest run that finished */
    Optional<Run> lastDone(long accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id, state, started_at, finished_at FROM directory_syncs"
                        + " WHERE account_id = :account AND state = 'done' ORDER BY id DESC LIMIT 1")
                .bind("account", accountId).map(RUN).findOne());
    }

    /** @return the id of a new running run */
    long begin(long accountId, long now) {
        return jdbi.withHandle(h -> h.createUpdate("INSERT INTO directory_syncs (account_id, state, started_at)"
                        + " VALUES (:account, 'running', :now)")
                .bind("account", accountId).bind("now", now).executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /** Marks a run that stopped as running again. */
    void resume(long runId) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE directory_syncs SET state = 'running', finished_at = NULL, error = NULL"
                + " WHERE id = :id").bind("id", runId).execute());
    }

    /**
     * Records how a run ended.
     *
     * @param runId  the run
     * @param state  done, stopped or failed
     * @param totals what it counted
     * @param error  why it stopped or failed, or {@code null}
     * @param now    the end time
     */
    void end(long runId, String state, SyncProgress totals, String error, long now) {
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE directory_syncs SET state = :state, finished_at = :now, friends = :friends,
                          group_count = :groups, members = :members, errors = :errors, error = :error
                        WHERE id = :id""")
                .bind("state", state).bind("now", now).bind("friends", totals.friends()).bind("groups", totals.groups())
                .bind("members", totals.members()).bind("errors", totals.errors())
                .bind("error", error == null || error.length() <= 512 ? error : error.substring(0, 512))
                .bind("id", runId).execute());
    }

    /**
     * @param id         the row
     * @param state      running, done, stopped or failed
     * @param startedAt  when it started (epoch ms)
     * @param finishedAt when it ended, or {@code null}
     */
    record Run(long id, String state, long startedAt, Long finishedAt) {
    }
}
