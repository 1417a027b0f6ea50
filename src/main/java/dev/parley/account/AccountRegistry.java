package dev.parley.account;

import java.time.InstantSource;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import org.jdbi.v3.core.Handle;

/**
 * Maps provider account keys to row ids, creating the account the first time a source mentions it
 * ("an unknown Appid becomes a new account"). Ids are cached; a batch learns new ids inside its own
 * transaction and publishes them to the cache only after it commits, so a rolled-back batch never
 * leaves an id behind that points nowhere.
 */
public final class AccountRegistry {
    private final Map<AccountKey, Long> ids = new ConcurrentHashMap<>();
    private final InstantSource clock;

    /**
     * @param clock source of creation times
     */
    public AccountRegistry(InstantSource clock) {
        this.clock = clock;
    }

    /**
     * Starts a resolution scope bound to one transaction.
     *
     * @param handle the transaction's handle
     * @return a scope whose {@link Scope#publish()} must be called after commit
     */
    public Scope scope(Handle handle) {
        return new Scope(handle);
    }

    /**
     * @param key an account key
     * @return the cached row id, if the account is known to this process
     */
    public Optional<Long> cached(AccountKey key) {
        return Optional.ofNullable(ids.get(key));
    }

    /** Forgets all cached ids (after accounts are removed). */
    public void invalidate() {
        ids.clear();
    }

    /** Account ids resolved within one transaction. */
    public final class Scope {
        private final Handle handle;
        private final Map<AccountKey, Long> learned = new HashMap<>();

        private Scope(Handle handle) {
            this.handle = handle;
        }

        /**
         * Returns the id of the account, creating the row (status online: it is talking to us) if needed.
         *
         * @param key    the account key
         * @param selfId the account's own user id when known, stored on creation
         * @return the row id
         */
        public long idOf(AccountKey key, String selfId) {
            Long id = ids.get(key);
            if (id == null) {
                id = learned.computeIfAbsent(key, k -> findOrCreate(k, selfId));
            }
            return id;
        }

        /** Publishes the ids learned in this scope; call after the transaction committed. */
        public void publish() {
            ids.putAll(learned);
        }

        private long findOrCreate(AccountKey key, String selfId) {
            long now = clock.millis();
            return handle.createUpdate("""
                            INSERT INTO accounts (platform, external_id, self_id, status, status_changed_at, created_at)
                            VALUES (:platform, :external, :self, 'online', :now, :now)
                            ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id), self_id = COALESCE(self_id, VALUES(self_id))""")
                    .bind("platform", key.platform().code())
                    .bind("external", key.externalId())
                    .bind("self", selfId)
                    .bind("now", now)
                    .executeAndReturnGeneratedKeys("id")
                    .mapTo(Long.class)
                    .one();
        }
    }
}
