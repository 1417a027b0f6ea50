package dev.parley.ai;

import java.time.InstantSource;
import java.util.AbstractMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;

import dev.parley.rbac.Identity;

import org.jdbi.v3.core.Jdbi;

/**
 * The drafting mode of each account and the provider chosen for it ({@code /ai mode}), kept in
 * {@code ai_settings}; no row means off.
 */
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
     * @param provider  the provider that drafts for it, or {@code null} for the configured one
     * @param by        who set it
     */
    public void set(long accountId, AiMode mode, String provider, Identity by) {
        jdbi.useHandle(h -> {
            if (mode == AiMode.OFF) {
                h.createUpdate("DELETE FROM ai_settings WHERE account_id = :a").bind("a", accountId).execute();
                return;
            }
            h.createUpdate("""
                            INSERT INTO ai_settings (account_id, mode, provider, set_by, set_at)
                            VALUES (:a, :m, :p, :by, :at)
                            ON DUPLICATE KEY UPDATE mode = VALUES(mode), provider = VALUES(provider),
                              set_by = VALUES(set_by), set_at = VALUES(set_at)""")
                    .bind("a", accountId).bind("m", mode.code()).bind("p", provider).bind("by", by.toString())
                    .bind("at", clock.millis())
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

    /**
     * @param accountId an account
     * @return the provider chosen for it, if one was
     */
    public Optional<String> provider(long accountId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT provider FROM ai_settings WHERE account_id = :a")
                .bind("a", accountId).mapTo(String.class).findOne());
    }

    /** @return every account that is not off, with its mode and chosen provider ({@code null} for the default) */
    public Map<Long, Map.Entry<AiMode, String>> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT account_id, mode, provider FROM ai_settings ORDER BY account_id")
                .map((rs, ctx) -> Map.entry(rs.getLong(1), new AbstractMap.SimpleImmutableEntry<>(
                        AiMode.of(rs.getString(2)), rs.getString(3))))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue, (a, b) -> a,
                        TreeMap::new)));
    }
}
