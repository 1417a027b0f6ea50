package dev.parley.command;

import java.time.InstantSource;
import java.util.Optional;

import dev.parley.rbac.Identity;

import org.jdbi.v3.core.Jdbi;

/** Per-person preferences chosen with commands ({@code /lang}), remembered across chats and restarts. */
public final class UserPrefs {
    private final Jdbi jdbi;
    private final InstantSource clock;

    /**
     * @param jdbi  the database
     * @param clock source of update times
     */
    public UserPrefs(Jdbi jdbi, InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * @param identity who
     * @return the locale they chose, if any
     */
    public Optional<String> locale(Identity identity) {
        return jdbi.withHandle(h -> h.createQuery("SELECT locale FROM user_prefs WHERE identity = :id AND locale IS NOT NULL")
                .bind("id", identity.toString()).mapTo(String.class).findOne());
    }

    /**
     * @param identity who
     * @param locale   the locale they chose
     */
    public void setLocale(Identity identity, String locale) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO user_prefs (identity, locale, updated_at) VALUES (:id, :locale, :now)
                        ON DUPLICATE KEY UPDATE locale = VALUES(locale), updated_at = VALUES(updated_at)""")
                .bind("id", identity.toString()).bind("locale", locale).bind("now", clock.millis()).execute());
    }
}
