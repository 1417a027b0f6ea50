package dev.parley.ai;

import java.time.InstantSource;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.parley.rbac.Identity;

import org.jdbi.v3.core.Jdbi;

/** The drafting mode of each account ({@code /ai mode}), kept in {@code ai_settings}; no row means off. */
public final class AiModes {
    private final Jdbi jdbi;
    private final InstantSource clock;

    /**
     * @param jdbi  the database
     * @param clock source of the times modes are set at
     */
    public AiModes(Jdbi jdbi, InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * @param accountId an account
     * @param mode      its new mode
     * @param by        who set it
     */
    public void set(long accountId, AiMode mode, Identity by) {
        jdbi.useHandle(h -> {
            if (mode == AiMode.OFF) {
                h.createUpdate("DELETE FROM ai_settings WHERE account_id = :a").bind("a", accountId).execute();
                return;
            }
            h.createUpdate("""
                            INSERT INTO ai_settings (account_id, mode, set_by, set_at) VALUES (:a, :m, :by, :at)
                            ON DUPLICATE KEY UPDATE mode = VALUES(mode), set_by = VALUES(set_by), set_at = VALUES(set_at)""")
                    .bind("a", accountId).bind("m", mode.code()).bind("by", by.toString()).bind("at", clock.millis())
                    .execute();
        });
    }

    /**
     * @param accountId an account
     * @return its mode
     */
    public AiMode mode(long accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT mode FROM ai_settings WHERE account_id = :a")
                .bind("a", accountId).mapTo(String.class).findOne().map(AiMode::of).orElse(AiMode.OFF));
    }

    /** @return every account that is not off, with its mode */
    public Map<Long, AiMode> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT account_id, mode FROM ai_settings ORDER BY account_id")
                .map((rs, ctx) -> Map.entry(rs.getLong(1), AiMode.of(rs.getString(2))))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                        TreeMap::new)));
    }
}
