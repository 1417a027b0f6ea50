package dev.parley.account;

import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Reads and updates managed accounts: the list admins see, status changes reported by connectors, and
 * resolving what an admin typed ({@code 3}, a label, a wxid, an appId, a nickname) to accounts.
 */
public final class AccountStore {
    private static final String COLUMNS = "id, platform, external_id, self_id, label, nickname, status, message_count,"
            + " last_message_at, created_at, online_since, login_region, login_proxy";
    private static final RowMapper<Account> MAPPER = (rs, ctx) -> new Account(
            rs.getLong("id"),
            Platform.fromCode(rs.getString("platform")),
            rs.getString("external_id"),
            rs.getString("self_id"),
            rs.getString("label"),
            rs.getString("nickname"),
            AccountStatus.fromCode(rs.getString("status")),
            rs.getLong("message_count"),
            (Long) rs.getObject("last_message_at", Long.class),
            rs.getLong("created_at"),
            (Long) rs.getObject("online_since", Long.class),
            rs.getString("login_region"),
            rs.getString("login_proxy"));

    private final Jdbi jdbi;
    private final AccountRegistry registry;
    private final InstantSource clock;

    /**
     * @param jdbi     the database
     * @param registry id resolution shared with ingestion
     * @param clock    source of status change times
     */
    public AccountStore(Jdbi jdbi, AccountRegistry registry, InstantSource clock) {
        this.jdbi = jdbi;
        this.registry = registry;
        this.clock = clock;
    }

    /**
     * Registers {@code parley_accounts{platform,status}}, read from the table at each scrape.
     *
     * @param metrics where to register
     */
    public void registerMetrics(PrometheusRegistry metrics) {
        GaugeWithCallback.builder()
                .name("parley_accounts")
                .help("Managed accounts by platform and login status")
                .labelNames("platform", "status")
                .callback(cb -> jdbi.useHandle(h -> h.createQuery(
                                "SELECT platform, status, COUNT(*) AS n FROM accounts GROUP BY platform, status")
                        .map((rs, ctx) -> {
                            cb.call(rs.getLong("n"), rs.getString("platform"), rs.getString("status"));
                            return null;
                        }).list()))
                .register(metrics);
    }

    /** @return the accounts Parley runs (not removed ones), oldest first */
    public List<Account> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM accounts WHERE status <> 'removed' ORDER BY id")
                .map(MAPPER).list());
    }

    /**
     * @param platform a platform
     * @return the provider ids of its accounts in service (online, offline or not yet known; not being logged in,
     *     logged out, banned or removed)
     */
    public List<String> inService(Platform platform) {
        return jdbi.withHandle(h -> h.createQuery("SELECT external_id FROM accounts WHERE platform = :platform"
                        + " AND status IN ('online', 'offline', 'unknown') ORDER BY id")
                .bind("platform", platform.code()).mapTo(String.class).list());
    }

    /**
     * @param id row id
     * @return the account
     */
    public Optional<Account> find(long id) {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM accounts WHERE id = :id")
                .bind("id", id).map(MAPPER).findOne());
    }

    /**
     * Finds the accounts an admin means: an exact row id, or an exact (case-insensitive) label,
     * provider id, own id or nickname. Removed accounts are not found.
     *
     * @param reference what was typed
     * @return the matching accounts, none, one, or several when the reference is ambiguous
     */
    public List<Account> resolve(String reference) {
        String ref = reference.trim();
        if (ref.matches("\\d{1,18}")) {
            Optional<Account> byId = find(Long.parseLong(ref)).filter(a -> a.status() != AccountStatus.REMOVED);
            if (byId.isPresent()) {
                return List.of(byId.get());
            }
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM accounts WHERE status <> 'removed' AND"
                        + " (label = :ref OR external_id = :ref OR self_id = :ref OR nickname = :ref) ORDER BY id")
                .bind("ref", ref).map(MAPPER).list());
    }

    /**
     * Records an account that is being logged in (a new device gets its provider id at the first QR code).
     *
     * @param key    the account
     * @param label  the name the admin gave it, or {@code null} to keep the current one
     * @param region the region it logs in from
     * @param proxy  the proxy it logs in through, or {@code null}
     * @return the account's row id
     */
    public long pending(AccountKey key, String label, String region, String proxy) {
        long now = clock.millis();
        return jdbi.withHandle(h -> h.createUpdate("""
                        INSERT INTO accounts (platform, external_id, label, login_region, login_proxy, status,
                          status_changed_at, created_at)
                        VALUES (:platform, :external, :label, :region, :proxy, 'pending', :now, :now)
                        ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id), label = COALESCE(VALUES(label), label),
                          login_region = VALUES(login_region), login_proxy = VALUES(login_proxy),
                          status_changed_at = IF(status = 'online', status_changed_at, VALUES(status_changed_at)),
                          status = IF(status = 'online', status, 'pending')""")
                .bind("platform", key.platform().code()).bind("external", key.externalId()).bind("label", label)
                .bind("region", region).bind("proxy", proxy).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    /**
     * Records a completed login.
     *
     * @param id       the account
     * @param selfId   its own user id
     * @param nickname its nickname, or {@code null}
     */
    public void loggedIn(long id, String selfId, String nickname) {
        long now = clock.millis();
        jdbi.useHandle(h -> h.createUpdate("""
                        UPDATE accounts SET status = 'online', self_id = :self, nickname = COALESCE(:nickname, nickname),
                          status_changed_at = :now, online_since = :now WHERE id = :id""")
                .bind("self", selfId).bind("nickname", nickname).bind("now", now).bind("id", id).execute());
    }

    /**
     * @param id     the account
     * @param status its new status
     * @return whether it changed
     */
    public boolean setStatus(long id, AccountStatus status) {
        long now = clock.millis();
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE accounts SET status = :status, status_changed_at = :now,
                          online_since = CASE WHEN :status = 'online' THEN :now ELSE online_since END
                        WHERE id = :id AND status <> :status""")
                .bind("status", status.code()).bind("now", now).bind("id", id).execute()) > 0;
    }

    /**
     * @param id    the account
     * @param label its new name
     */
    public void rename(long id, String label) {
        jdbi.useHandle(h -> h.createUpdate("UPDATE accounts SET label = :label WHERE id = :id")
                .bind("label", label).bind("id", id).execute());
    }

    /**
     * Deletes an account that never logged in and has nothing stored (a cancelled first login).
     *
     * @param id the account
     * @return whether it was deleted
     */
    public boolean deleteIfUnused(long id) {
        int deleted = jdbi.withHandle(h -> h.createUpdate("DELETE FROM accounts WHERE id = :id AND self_id IS NULL"
                + " AND message_count = 0 AND NOT EXISTS (SELECT 1 FROM messages WHERE account_id = :id)")
                .bind("id", id).execute());
        if (deleted > 0) {
            registry.invalidate();
        }
        return deleted > 0;
    }

    /**
     * @param id an account
     * @return how many contacts and groups Parley knows for it
     */
    public Counts counts(long id) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT (SELECT COUNT(*) FROM contacts WHERE account_id = :id),
                               (SELECT COUNT(*) FROM `groups` WHERE account_id = :id AND status = 'active')""")
                .bind("id", id).map((rs, ctx) -> new Counts(rs.getLong(1), rs.getLong(2))).one());
    }

    /**
     * How much Parley knows around an account.
     *
     * @param contacts contacts stored
     * @param groups   active groups stored
     */
    public record Counts(long contacts, long groups) {
    }

    /**
     * Records that the platform reports an account offline, creating the account if it was never seen.
     * Only a running account (online or not yet known) becomes offline: one logged out on purpose, being
     * logged in, or removed keeps its status.
     *
     * @param key    the account
     * @param selfId its own user id, if the report carries it
     * @return whether the status changed
     */
    public boolean markOffline(AccountKey key, String selfId) {
        long now = clock.millis();
        AccountRegistry.Scope[] scope = new AccountRegistry.Scope[1];
        int changed = jdbi.inTransaction(h -> {
            scope[0] = registry.scope(h);
            long id = scope[0].idOf(key, selfId);
            return h.createUpdate("UPDATE accounts SET status = 'offline', status_changed_at = :now"
                            + " WHERE id = :id AND status IN ('online', 'unknown')")
                    .bind("now", now).bind("id", id).execute();
        });
        scope[0].publish();
        return changed > 0;
    }

    /**
     * Marks a running account (online, offline or not yet known) offline, in one conditional update, so a status set
     * meanwhile (logged out, banned, removed) is never overwritten.
     *
     * @param id the account
     * @return whether the account is offline now; false when it is not running
     */
    public boolean markOfflineIfRunning(long id) {
        long now = clock.millis();
        // MariaDB assigns left to right: the time reads the status before this update
        return jdbi.withHandle(h -> h.createUpdate("UPDATE accounts"
                        + " SET status_changed_at = IF(status = 'offline', status_changed_at, :now), status = 'offline'"
                        + " WHERE id = :id AND status IN ('online', 'offline', 'unknown')")
                .bind("now", now).bind("id", id).execute()) > 0;
    }

    /**
     * @param key an account key
     * @return the row id of the account, when it exists (nothing is created)
     */
    public Optional<Long> findId(AccountKey key) {
        Optional<Long> cached = registry.cached(key);
        if (cached.isPresent()) {
            return cached;
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM accounts WHERE platform = :platform AND external_id = :ext")
                .bind("platform", key.platform().code()).bind("ext", key.externalId()).mapTo(Long.class).findOne());
    }

    /**
     * @param key an account key
     * @return the row id of the account, creating it if needed
     */
    public long idOf(AccountKey key) {
        Optional<Long> cached = registry.cached(key);
        if (cached.isPresent()) {
            return cached.get();
        }
        AccountRegistry.Scope[] scope = new AccountRegistry.Scope[1];
        long id = jdbi.inTransaction(h -> {
            scope[0] = registry.scope(h);
            return scope[0].idOf(key, null);
        });
        scope[0].publish();
        return id;
    }
}
