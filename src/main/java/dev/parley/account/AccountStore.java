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
            + " last_message_at, created_at";
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
            rs.getLong("created_at"));

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

    /** @return all accounts, oldest first */
    public List<Account> list() {
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM accounts ORDER BY id").map(MAPPER).list());
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
     * provider id, own id or nickname.
     *
     * @param reference what was typed
     * @return the matching accounts, none, one, or several when the reference is ambiguous
     */
    public List<Account> resolve(String reference) {
        String ref = reference.trim();
        if (ref.matches("\\d{1,18}")) {
            Optional<Account> byId = find(Long.parseLong(ref));
            if (byId.isPresent()) {
                return List.of(byId.get());
            }
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT " + COLUMNS + " FROM accounts WHERE label = :ref OR"
                        + " external_id = :ref OR self_id = :ref OR nickname = :ref ORDER BY id")
                .bind("ref", ref).map(MAPPER).list());
    }

    /**
     * Records a status reported by a connector, creating the account if it was never seen.
     *
     * @param key    the account
     * @param selfId its own user id, if the report carries it
     * @param status the new status
     * @return whether the status changed
     */
    public boolean setStatus(AccountKey key, String selfId, AccountStatus status) {
        long now = clock.millis();
        AccountRegistry.Scope[] scope = new AccountRegistry.Scope[1];
        int changed = jdbi.inTransaction(h -> {
            scope[0] = registry.scope(h);
            long id = scope[0].idOf(key, selfId);
            return h.createUpdate("UPDATE accounts SET status = :status, status_changed_at = :now"
                            + " WHERE id = :id AND status <> :status")
                    .bind("status", status.code()).bind("now", now).bind("id", id).execute();
        });
        scope[0].publish();
        return changed > 0;
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
