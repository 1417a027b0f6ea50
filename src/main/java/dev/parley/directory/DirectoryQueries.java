package dev.parley.directory;

import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Reads the directory for cards and jobs: pages of groups with their last activity, a group by id or name,
 * its members, its recent events, and names for the ids they mention. Member counts are the open stints,
 * so they include what notices changed since the last member list.
 */
public final class DirectoryQueries {
    private static final String GROUP_COLUMNS = """
            g.id, g.account_id, g.chat_id, g.name, g.owner_id, g.status, g.first_seen_at, g.synced_at,
            (SELECT COUNT(*) FROM group_members gm WHERE gm.group_id = g.id AND gm.left_at IS NULL) AS members,
            (SELECT m.sent_at FROM messages m WHERE m.account_id = g.account_id AND m.chat_id = g.chat_id
             ORDER BY m.sent_at DESC LIMIT 1) AS last_activity""";
    private static final RowMapper<GroupRow> GROUP = (rs, ctx) -> new GroupRow(rs.getLong("id"), rs.getLong("account_id"),
            rs.getString("chat_id"), rs.getString("name"), rs.getString("owner_id"), rs.getString("status"),
            rs.getLong("first_seen_at"), rs.getObject("synced_at", Long.class), rs.getInt("members"),
            rs.getObject("last_activity", Long.class));

    private final Jdbi jdbi;

    /**
     * @param jdbi the database
     */
    public DirectoryQueries(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * @param accountId only this account's groups, or {@code null} for every account's
     * @return how many groups there are
     */
    public int countGroups(Long accountId) {
        return jdbi.withHandle(h -> {
            var query = h.createQuery("SELECT COUNT(*) FROM `groups`" + (accountId == null ? "" : " WHERE account_id = :account"));
            if (accountId != null) {
                query.bind("account", accountId);
            }
            return query.mapTo(Integer.class).one();
        });
    }

    /**
     * @param accountId only this account's groups, or {@code null} for every account's
     * @param offset    rows to skip
     * @param limit     rows at most
     * @return active groups first, the most recently active first, then by name
     */
    public List<GroupRow> groups(Long accountId, int offset, int limit) {
        return jdbi.withHandle(h -> {
            var query = h.createQuery("SELECT " + GROUP_COLUMNS + " FROM `groups` g"
                    + (accountId == null ? "" : " WHERE g.account_id = :account")
                    + " ORDER BY g.status = 'active' DESC, last_activity IS NULL, last_activity DESC, g.name, g.id"
                    + " LIMIT :limit OFFSET :offset");
            if (accountId != null) {
                query.bind("account", accountId);
            }
            return query.bind("limit", limit).bind("offset", offset).map(GROUP).list();
        });
    }

    /**
     * @param ref       what was typed: a group id, else a group name (exact, case-insensitive)
     * @param accountId only this account's groups, or {@code null}
     * @return the groups with that id, or else that name; one row per account that knows the group
     */
    public List<GroupRow> find(String ref, Long accountId) {
        String account = accountId == null ? "" : " AND g.account_id = :account";
        return jdbi.withHandle(h -> {
            for (String column : List.of("chat_id", "name")) {
                var query = h.createQuery("SELECT " + GROUP_COLUMNS + " FROM `groups` g WHERE g." + column + " = :ref"
                        + account + " ORDER BY g.synced_at IS NULL, g.synced_at DESC, g.id LIMIT 50").bind("ref", ref);
                if (accountId != null) {
                    query.bind("account", accountId);
                }
                List<GroupRow> found = query.map(GROUP).list();
                if (!found.isEmpty()) {
                    return found;
                }
            }
            return List.<GroupRow>of();
        });
    }

    /**
     * @param accountId the managed account
     * @return its groups as a sync needs them: id, name, status and when they were last listed
     */
    List<KnownGroup> knownGroups(long accountId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT chat_id, name, status, synced_at FROM `groups` WHERE account_id = :account ORDER BY id")
                .bind("account", accountId)
                .map((rs, ctx) -> new KnownGroup(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, Long.class)))
                .list());
    }

    /**
     * @param accountId the managed account
     * @param chatId    a group id
     * @return whether the account knows the group's name or its members
     */
    boolean isKnown(long accountId, String chatId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM `groups` WHERE account_id = :account"
                        + " AND chat_id = :chat AND (name IS NOT NULL OR synced_at IS NOT NULL)")
                .bind("account", accountId).bind("chat", chatId).mapTo(Integer.class).one() > 0);
    }

    /**
     * @param accountId     the managed account
     * @param platformMsgId a stored message's platform id
     * @return its {@code messages} row id
     */
    Optional<Long> messageRowId(long accountId, String platformMsgId) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT id FROM messages WHERE account_id = :account AND platform_msg_id = :id")
                .bind("account", accountId).bind("id", platformMsgId).mapTo(Long.class).findOne());
    }

    /**
     * @param groupId the {@code groups} row
     * @param offset  rows to skip
     * @param limit   rows at most
     * @return its current members: those there before Parley first saw the group, then by join time, then by name
     */
    public List<Membership> members(long groupId, int offset, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT member_id, display_name, inviter_id, joined_at, left_at FROM group_members
                        WHERE group_id = :group AND left_at IS NULL
                        ORDER BY joined_at IS NOT NULL, joined_at, display_name, member_id
                        LIMIT :limit OFFSET :offset""")
                .bind("group", groupId).bind("limit", limit).bind("offset", offset)
                .map((rs, ctx) -> new Membership(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, Long.class), rs.getObject(5, Long.class)))
                .list());
    }

    /**
     * @param groupId the {@code groups} row
     * @param limit   rows at most
     * @return its latest events, newest first
     */
    public List<GroupEvent> recentEvents(long groupId, int limit) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT kind, actor_id, actor_name, member_id, member_name, detail, occurred_at FROM group_events
                        WHERE group_id = :group ORDER BY occurred_at DESC, id DESC LIMIT :limit""")
                .bind("group", groupId).bind("limit", limit)
                .map((rs, ctx) -> new GroupEvent(EventKind.fromCode(rs.getString(1)), rs.getString(2), rs.getString(3),
                        rs.getString(4), rs.getString(5), rs.getString(6), rs.getLong(7)))
                .list());
    }

    /**
     * @param groupId the {@code groups} row
     * @param since   epoch ms
     * @return joins, and leaves with kicks, since then
     */
    public Moves moves(long groupId, long since) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT COALESCE(SUM(kind = 'join'), 0), COALESCE(SUM(kind IN ('leave', 'kick')), 0) FROM group_events
                        WHERE group_id = :group AND occurred_at >= :since""")
                .bind("group", groupId).bind("since", since)
                .map((rs, ctx) -> new Moves(rs.getInt(1), rs.getInt(2))).one());
    }

    /**
     * @param accountId the managed account
     * @param since     epoch ms
     * @return joins, and leaves with kicks, in all its groups since then
     */
    Moves accountMoves(long accountId, long since) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT COALESCE(SUM(e.kind = 'join'), 0), COALESCE(SUM(e.kind IN ('leave', 'kick')), 0)
                        FROM group_events e JOIN `groups` g ON g.id = e.group_id
                        WHERE g.account_id = :account AND e.occurred_at >= :since""")
                .bind("account", accountId).bind("since", since)
                .map((rs, ctx) -> new Moves(rs.getInt(1), rs.getInt(2))).one());
    }

    /**
     * Names for the ids a card shows: the name shown in the group, else the account's remark or the nickname.
     *
     * @param accountId the managed account
     * @param groupId   the {@code groups} row
     * @param ids       user ids
     * @return the name of each id that has one
     */
    public Map<String, String> names(long accountId, long groupId, Collection<String> ids) {
        Map<String, String> names = new HashMap<>();
        if (ids.isEmpty()) {
            return names;
        }
        jdbi.useHandle(h -> {
            h.createQuery("SELECT contact_id, COALESCE(remark, nickname) FROM contacts WHERE account_id = :account"
                            + " AND contact_id IN (<ids>) AND COALESCE(remark, nickname) IS NOT NULL")
                    .bind("account", accountId).bindList("ids", List.copyOf(ids))
                    .map((rs, ctx) -> names.put(rs.getString(1), rs.getString(2))).list();
            h.createQuery("SELECT member_id, display_name FROM group_members WHERE group_id = :group"
                            + " AND member_id IN (<ids>) AND display_name IS NOT NULL ORDER BY id")
                    .bind("group", groupId).bindList("ids", List.copyOf(ids))
                    .map((rs, ctx) -> names.put(rs.getString(1), rs.getString(2))).list();
        });
        return names;
    }

    /**
     * A group as cards show it.
     *
     * @param id           the {@code groups} row
     * @param accountId    the account that knows it
     * @param chatId       the group id on the platform
     * @param name         its name, or {@code null}
     * @param ownerId      its owner, or {@code null}
     * @param status       active, left or dismissed
     * @param firstSeenAt  when Parley first saw it (epoch ms)
     * @param syncedAt     when its member list was last read, or {@code null}: never
     * @param members      its current members as far as known
     * @param lastActivity its newest message (epoch ms), or {@code null}
     */
    public record GroupRow(long id, long accountId, String chatId, String name, String ownerId, String status,
                           long firstSeenAt, Long syncedAt, int members, Long lastActivity) {
    }

    /**
     * An entry of {@code group_events}.
     *
     * @param kind       what happened
     * @param actorId    who did it, or {@code null}
     * @param actorName  their name as the notice wrote it, or {@code null}
     * @param memberId   whom it concerned, or {@code null}
     * @param memberName their name as the notice or the member list wrote it, or {@code null}
     * @param detail     how they joined (invite, qr, list), or the new name of a rename, or {@code null}
     * @param occurredAt when (epoch ms)
     */
    public record GroupEvent(EventKind kind, String actorId, String actorName, String memberId, String memberName,
                             String detail, long occurredAt) {
    }

    /**
     * @param joined joins
     * @param left   leaves and kicks
     */
    public record Moves(int joined, int left) {
    }

    /**
     * @param chatId   the group id
     * @param name     its name, or {@code null}
     * @param status   active, left or dismissed
     * @param syncedAt when its member list was last read, or {@code null}
     */
    record KnownGroup(String chatId, String name, String status, Long syncedAt) {
    }
}
