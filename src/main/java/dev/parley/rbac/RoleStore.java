package dev.parley.rbac;

import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Who may do what: roles bound to (channel, user id) in the {@code admins} table. The first owners come
 * from configuration and are written at every start, so a fresh install always has someone in charge.
 */
public final class RoleStore {
    private static final RowMapper<Grant> MAPPER = (rs, ctx) -> new Grant(
            new Identity(rs.getString("channel"), rs.getString("user_id")),
            Role.fromCode(rs.getString("role")).orElse(Role.VIEWER),
            rs.getString("granted_by"),
            rs.getLong("granted_at"));

    private final Jdbi jdbi;
    private final InstantSource clock;

    /**
     * @param jdbi  the database
     * @param clock source of grant times
     */
    public RoleStore(Jdbi jdbi, InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Makes the configured identities owners (granted by {@code config}).
     *
     * @param owners the first owners
     */
    public void seedOwners(List<Identity> owners) {
        jdbi.useTransaction(h -> {
            for (Identity owner : owners) {
                h.createUpdate("""
                                INSERT INTO admins (channel, user_id, role, granted_by, granted_at)
                                VALUES (:channel, :user, 'owner', :by, :now)
                                ON DUPLICATE KEY UPDATE role = 'owner', granted_by = :by""")
                        .bind("channel", owner.channel()).bind("user", owner.userId())
                        .bind("by", Grant.CONFIG).bind("now", clock.millis()).execute();
            }
        });
    }

    /**
     * @param identity who
     * @return their grant, if they have one
     */
    public Optional<Grant> grantOf(Identity identity) {
        return jdbi.withHandle(h -> h.createQuery("SELECT * FROM admins WHERE channel = :channel AND user_id = :user")
                .bind("channel", identity.channel()).bind("user", identity.userId()).map(MAPPER).findOne());
    }

    /**
     * @param identity who
     * @return their role, if they have one
     */
    public Optional<Role> roleOf(Identity identity) {
        return grantOf(identity).map(Grant::role);
    }

    /**
     * Binds a role, replacing any previous one.
     *
     * @param identity who
     * @param role     the role
     * @param by       who grants it
     */
    public void grant(Identity identity, Role role, Identity by) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO admins (channel, user_id, role, granted_by, granted_at)
                        VALUES (:channel, :user, :role, :by, :now)
                        ON DUPLICATE KEY UPDATE role = VALUES(role), granted_by = VALUES(granted_by),
                          granted_at = VALUES(granted_at)""")
                .bind("channel", identity.channel()).bind("user", identity.userId()).bind("role", role.code())
                .bind("by", by.toString()).bind("now", clock.millis()).execute());
    }

    /**
     * @param identity who
     * @return whether they had a role
     */
    public boolean revoke(Identity identity) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM admins WHERE channel = :channel AND user_id = :user")
                .bind("channel", identity.channel()).bind("user", identity.userId()).execute()) > 0;
    }

    /** @return every grant, highest role first */
    public List<Grant> list() {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT * FROM admins ORDER BY FIELD(role, 'owner', 'admin', 'operator', 'viewer'), channel, user_id""")
                .map(MAPPER).list());
    }

    /** @return how many owners there are */
    public int ownerCount() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM admins WHERE role = 'owner'").mapTo(Integer.class).one());
    }
}
