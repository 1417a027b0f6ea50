package dev.parley.directory;

import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.parley.connector.GroupSnapshot;
import dev.parley.contact.GroupChange;
import dev.parley.message.ShortTexts;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;

/**
 * Keeps {@code groups}, {@code group_members} and {@code group_events} exact: who was in which group when,
 * and what happened. Two sources feed it. Member lists (snapshots) are the truth about the present; they are
 * compared with the open stints to find joins and the voluntary leaves WeChat never announces. Chat notices
 * ({@link GroupChange}) say precisely when something happened and who did it; they open and close stints
 * at once.
 *
 * <p>Notices in plain text carry names, not ids. A name is resolved only when exactly one current member of
 * the group (by the name shown in the group) or, failing that, exactly one contact of the account has it;
 * otherwise the event is kept with the name alone and the caller re-reads the member list, whose comparison
 * then fills in the id and uses the notice's time for the stint. Guessing between two people with the same
 * name would make the history wrong; waiting one member list keeps it exact.
 *
 * <p>Every change of one group runs in a transaction that first locks the group's row, so a member list and
 * a notice arriving together are applied one after the other. A member list reflects the group at some
 * moment after it was asked for: stints that a notice opened or closed after that moment are left alone.
 */
public final class MembershipLedger {
    private final Jdbi jdbi;
    private final InstantSource clock;
    private final DirectoryMetrics metrics;

    /**
     * @param jdbi    the database
     * @param clock   source of update times
     * @param metrics counts recorded events
     */
    public MembershipLedger(Jdbi jdbi, InstantSource clock, DirectoryMetrics metrics) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.metrics = metrics;
    }

    /**
     * Applies a group's current member list. The first list of a group records everyone with an unknown join
     * time; later lists open stints for newcomers and close those of members who are gone (a {@code leave}
     * event each, or the matching name-only notice resolved).
     *
     * @param accountId  the managed account
     * @param selfId     the account's own user id, or {@code null} when unknown
     * @param snapshot   the member list
     * @param observedAt when the list was asked for (epoch ms): later notices win over it
     * @param happenedAt when the changes it reveals happened at the latest (epoch ms, at most {@code observedAt}),
     *                   e.g. when the platform first announced a change of the group
     * @return what changed
     */
    public SnapshotDiff applySnapshot(long accountId, String selfId, GroupSnapshot snapshot, long observedAt,
                                      long happenedAt) {
        long now = clock.millis();
        List<EventKind> recorded = new ArrayList<>();
        SnapshotDiff diff = jdbi.inTransaction(h -> {
            long groupId = ensureGroup(h, accountId, snapshot.id(), now);
            GroupState state = lock(h, groupId);
            boolean first = state.syncedAt() == null;
            Map<String, Stint> open = openStints(h, groupId);
            Map<String, Long> lastLeft = lastLeft(h, groupId);
            Map<String, GroupSnapshot.Member> present = new LinkedHashMap<>();
            snapshot.members().forEach(m -> present.putIfAbsent(m.id(), m));
            List<String> joined = new ArrayList<>();
            List<String> left = new ArrayList<>();
            for (GroupSnapshot.Member member : present.values()) {
                Stint stint = open.get(member.id());
                if (stint != null) {
                    h.createUpdate("UPDATE group_members SET display_name = COALESCE(:name, display_name),"
                                    + " inviter_id = COALESCE(inviter_id, :inviter) WHERE id = :id")
                            .bind("name", ShortTexts.name(member.name())).bind("inviter", member.inviterId()).bind("id", stint.id())
                            .execute();
                    continue;
                }
                Long leftAt = lastLeft.get(member.id());
                if (leftAt != null && leftAt >= observedAt) {
                    continue; // a notice removed them after this list was asked for
                }
                if (first && leftAt == null) {
                    insertStint(h, groupId, member.id(), member.name(), member.inviterId(), null, null);
                    continue;
                }
                Pending notice = pending(h, groupId, EventKind.JOIN, member.name(), state.syncedAt());
                long at = Math.max(notice != null ? notice.at() : happenedAt, leftAt == null ? Long.MIN_VALUE : leftAt);
                String inviter = member.inviterId() != null ? member.inviterId() : notice == null ? null : notice.actorId();
                insertStint(h, groupId, member.id(), member.name(), inviter, at, null);
                if (notice != null) {
                    resolve(h, notice, member.id());
                } else {
                    event(h, recorded, groupId, EventKind.JOIN, inviter, null, member.id(), member.name(), "list", at, null);
                }
                joined.add(member.id());
            }
            for (Stint stint : open.values()) {
                if (present.containsKey(stint.memberId()) || stint.joinedAt() != null && stint.joinedAt() >= observedAt) {
                    continue; // still there, or a notice added them after this list was asked for
                }
                Pending notice = pending(h, groupId, EventKind.KICK, stint.displayName(), state.syncedAt());
                long at = Math.max(notice != null ? notice.at() : happenedAt,
                        stint.joinedAt() == null ? Long.MIN_VALUE : stint.joinedAt());
                close(h, stint.id(), at);
                if (notice != null) {
                    resolve(h, notice, stint.memberId());
                } else {
                    event(h, recorded, groupId, EventKind.LEAVE, null, null, stint.memberId(), stint.displayName(),
                            null, at, null);
                }
                left.add(stint.memberId());
            }
            boolean selfThere = selfId == null || present.containsKey(selfId);
            h.createUpdate("UPDATE `groups` SET name = COALESCE(:name, name), owner_id = COALESCE(:owner, owner_id),"
                            + " member_count = :count, gone_at = CASE WHEN :self THEN NULL ELSE gone_at END,"
                            + " status = CASE WHEN :self THEN 'active' ELSE status END,"
                            + " synced_at = :observed, updated_at = :now WHERE id = :id")
                    .bind("name", ShortTexts.name(blankToNull(snapshot.name()))).bind("owner", blankToNull(snapshot.ownerId()))
                    .bind("count", present.size()).bind("self", selfThere).bind("observed", observedAt)
                    .bind("now", now).bind("id", groupId).execute();
            return new SnapshotDiff(groupId, first, present.size(), joined, left);
        });
        recorded.forEach(metrics::event);
        return diff;
    }

    /**
     * Applies a change a chat notice announced: records its event and opens or closes stints at once.
     *
     * @param accountId the managed account
     * @param selfId    the account's own user id, or {@code null} when unknown
     * @param change    the change
     * @param messageId the {@code messages} row of the notice, or {@code null}
     * @param at        when it happened (the notice's time, epoch ms)
     * @return whether the group's member list should be read again: a name could not be resolved, or the
     *     account just joined and does not know the members yet
     */
    public boolean applyChange(long accountId, String selfId, GroupChange change, Long messageId, long at) {
        long now = clock.millis();
        List<EventKind> recorded = new ArrayList<>();
        boolean refresh = jdbi.inTransaction(h -> {
            long groupId = ensureGroup(h, accountId, change.groupId(), now);
            GroupState state = lock(h, groupId);
            boolean listed = state.syncedAt() != null;
            String actorId = change.actorId() != null ? change.actorId() : resolveName(h, accountId, groupId, change.actorName());
            boolean unresolved = false;
            switch (change.kind()) {
                case JOIN_INVITED, JOIN_QR, JOIN_LINK -> {
                    String detail = switch (change.kind()) {
                        case JOIN_QR -> "qr";
                        case JOIN_LINK -> "link";
                        default -> "invite";
                    };
                    for (GroupChange.Member member : change.members()) {
                        String id = member.id() != null ? member.id() : resolveName(h, accountId, groupId, member.name());
                        if (id == null) {
                            unresolved = true;
                        } else {
                            open(h, groupId, id, member.name(), actorId, at);
                        }
                        event(h, recorded, groupId, EventKind.JOIN, actorId, change.actorName(), id, member.name(), detail,
                                at, messageId);
                    }
                }
                case KICK -> {
                    for (GroupChange.Member member : change.members()) {
                        String id = member.id() != null ? member.id() : resolveName(h, accountId, groupId, member.name());
                        if (id == null) {
                            unresolved = true;
                        } else {
                            closeMember(h, groupId, id, member.name(), at, listed);
                        }
                        event(h, recorded, groupId, EventKind.KICK, actorId, change.actorName(), id, member.name(), null,
                                at, messageId);
                    }
                }
                case LEAVE -> {
                    for (GroupChange.Member member : change.members()) {
                        String id = member.id() != null ? member.id() : resolveName(h, accountId, groupId, member.name());
                        if (id == null) {
                            unresolved = true;
                        } else {
                            closeMember(h, groupId, id, member.name(), at, listed);
                            if (id.equals(selfId)) {
                                setStatus(h, groupId, "left", at, now);
                            }
                        }
                        event(h, recorded, groupId, EventKind.LEAVE, null, null, id, member.name(), null, at, messageId);
                    }
                }
                case PROMOTE, DEMOTE -> {
                    EventKind kind = change.kind() == GroupChange.Kind.PROMOTE ? EventKind.PROMOTE : EventKind.DEMOTE;
                    for (GroupChange.Member member : change.members()) {
                        String id = member.id() != null ? member.id() : resolveName(h, accountId, groupId, member.name());
                        event(h, recorded, groupId, kind, actorId, change.actorName(), id, member.name(), null, at,
                                messageId);
                    }
                }
                case REMOVED -> {
                    setStatus(h, groupId, "left", at, now);
                    if (selfId != null) {
                        closeMember(h, groupId, selfId, null, at, listed);
                    }
                    event(h, recorded, groupId, EventKind.REMOVED, actorId, change.actorName(), selfId, null, null, at,
                            messageId);
                }
                case INVITED -> {
                    setStatus(h, groupId, "active", at, now);
                    if (selfId != null) {
                        open(h, groupId, selfId, null, actorId, at);
                    }
                    event(h, recorded, groupId, EventKind.INVITED, actorId, change.actorName(), selfId, null, null, at,
                            messageId);
                    unresolved = true; // the account does not know who else is there yet
                }
                case RENAME -> {
                    if (change.newName() != null && !change.newName().isBlank()) {
                        h.createUpdate("UPDATE `groups` SET name = :name, updated_at = :now WHERE id = :id")
                                .bind("name", ShortTexts.name(change.newName())).bind("now", now).bind("id", groupId).execute();
                    }
                    event(h, recorded, groupId, EventKind.RENAME, actorId, change.actorName(), null, null,
                            change.newName(), at, messageId);
                }
                case OWNER -> {
                    if (actorId != null) {
                        h.createUpdate("UPDATE `groups` SET owner_id = :owner, updated_at = :now WHERE id = :id")
                                .bind("owner", actorId).bind("now", now).bind("id", groupId).execute();
                    }
                    event(h, recorded, groupId, EventKind.OWNER, actorId, change.actorName(), null, null, null, at,
                            messageId);
                }
                case DISMISSED -> {
                    setStatus(h, groupId, "dismissed", at, now);
                    h.createUpdate("UPDATE group_members SET left_at = GREATEST(:at, COALESCE(joined_at, :at))"
                                    + " WHERE group_id = :group AND left_at IS NULL")
                            .bind("at", at).bind("group", groupId).execute();
                    event(h, recorded, groupId, EventKind.DISMISS, actorId, change.actorName(), null, null, null, at,
                            messageId);
                }
            }
            return unresolved;
        });
        recorded.forEach(metrics::event);
        return refresh;
    }

    /**
     * The account left or lost a group without a notice saying why (WeChat: DelContacts for a room): the group
     * is marked left and the account's stint closed, with a {@code leave} event when it was still open.
     *
     * @param accountId the managed account
     * @param selfId    the account's own user id, or {@code null} when unknown
     * @param chatId    the group id
     * @param at        when (epoch ms)
     * @return whether the id is a group the account knows
     */
    public boolean lost(long accountId, String selfId, String chatId, long at) {
        Optional<Long> known = groupId(accountId, chatId);
        if (known.isEmpty()) {
            return false;
        }
        List<EventKind> recorded = new ArrayList<>();
        jdbi.useTransaction(h -> {
            long groupId = known.get();
            GroupState state = lock(h, groupId);
            if (state.status().equals("active")) {
                setStatus(h, groupId, "left", at, clock.millis());
            }
            if (selfId != null) {
                Stint stint = openStint(h, groupId, selfId);
                if (stint != null) {
                    close(h, stint.id(), Math.max(at, stint.joinedAt() == null ? Long.MIN_VALUE : stint.joinedAt()));
                    event(h, recorded, groupId, EventKind.LEAVE, null, null, selfId, null, null, at, null);
                }
            }
        });
        recorded.forEach(metrics::event);
        return true;
    }

    /**
     * @param accountId the managed account
     * @param chatId    a group id
     * @return the group's {@code groups} row id, when the account knows the group
     */
    public Optional<Long> groupId(long accountId, String chatId) {
        return jdbi.withHandle(h -> h.createQuery("SELECT id FROM `groups` WHERE account_id = :account AND chat_id = :chat")
                .bind("account", accountId).bind("chat", chatId).mapTo(Long.class).findOne());
    }

    /**
     * Who was in a group at a moment. Members already there when Parley first saw the group count as members
     * since forever: nothing earlier is known.
     *
     * @param groupId the {@code groups} row
     * @param at      the moment
     * @return the stints covering that moment, by member id
     */
    public List<Membership> membersAt(long groupId, Instant at) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT member_id, display_name, inviter_id, joined_at, left_at FROM group_members
                        WHERE group_id = :group AND (joined_at IS NULL OR joined_at <= :at) AND (left_at IS NULL OR left_at > :at)
                        ORDER BY member_id""")
                .bind("group", groupId).bind("at", at.toEpochMilli())
                .map((rs, ctx) -> new Membership(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, Long.class), rs.getObject(5, Long.class)))
                .list());
    }

    /**
     * @param groupId the {@code groups} row
     * @return every stint of the group, oldest first
     */
    public List<Membership> history(long groupId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT member_id, display_name, inviter_id, joined_at, left_at FROM group_members
                        WHERE group_id = :group ORDER BY id""")
                .bind("group", groupId)
                .map((rs, ctx) -> new Membership(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getObject(4, Long.class), rs.getObject(5, Long.class)))
                .list());
    }

    // ---- inside a transaction ------------------------------------------------------------------------

    /** @return the id of the group's row, created (active, unnamed) when the account did not know it */
    static long ensureGroup(Handle h, long accountId, String chatId, long now) {
        return h.createUpdate("""
                        INSERT INTO `groups` (account_id, chat_id, first_seen_at, updated_at) VALUES (:account, :chat, :now, :now)
                        ON DUPLICATE KEY UPDATE id = LAST_INSERT_ID(id)""")
                .bind("account", accountId).bind("chat", chatId).bind("now", now)
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one();
    }

    private static GroupState lock(Handle h, long groupId) {
        return h.createQuery("SELECT status, synced_at FROM `groups` WHERE id = :id FOR UPDATE").bind("id", groupId)
                .map((rs, ctx) -> new GroupState(rs.getString(1), rs.getObject(2, Long.class))).one();
    }

    private static Map<String, Stint> openStints(Handle h, long groupId) {
        Map<String, Stint> open = new LinkedHashMap<>();
        h.createQuery("SELECT id, member_id, display_name, joined_at FROM group_members"
                        + " WHERE group_id = :group AND left_at IS NULL ORDER BY id")
                .bind("group", groupId)
                .map((rs, ctx) -> new Stint(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, Long.class)))
                .forEach(s -> open.putIfAbsent(s.memberId(), s));
        return open;
    }

    private static Map<String, Long> lastLeft(Handle h, long groupId) {
        Map<String, Long> left = new HashMap<>();
        h.createQuery("SELECT member_id, MAX(left_at) FROM group_members WHERE group_id = :group AND left_at IS NOT NULL"
                        + " GROUP BY member_id")
                .bind("group", groupId)
                .map((rs, ctx) -> left.put(rs.getString(1), rs.getLong(2))).list();
        return left;
    }

    private static Stint openStint(Handle h, long groupId, String memberId) {
        return h.createQuery("SELECT id, member_id, display_name, joined_at FROM group_members"
                        + " WHERE group_id = :group AND member_id = :member AND left_at IS NULL ORDER BY id LIMIT 1")
                .bind("group", groupId).bind("member", memberId)
                .map((rs, ctx) -> new Stint(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, Long.class)))
                .findOne().orElse(null);
    }

    private static Long lastLeft(Handle h, long groupId, String memberId) {
        return h.createQuery("SELECT MAX(left_at) FROM group_members WHERE group_id = :group AND member_id = :member")
                .bind("group", groupId).bind("member", memberId).mapTo(Long.class).one();
    }

    /** Opens a stint unless one is open; an open stint found later by a member list gets the notice's earlier time. */
    private static void open(Handle h, long groupId, String memberId, String name, String inviterId, long at) {
        Stint stint = openStint(h, groupId, memberId);
        Long leftAt = lastLeft(h, groupId, memberId);
        if (stint == null) {
            insertStint(h, groupId, memberId, name, inviterId, leftAt == null ? at : Math.max(at, leftAt), null);
        } else if (stint.joinedAt() != null && stint.joinedAt() > at && (leftAt == null || leftAt <= at)) {
            h.createUpdate("UPDATE group_members SET joined_at = :at, inviter_id = COALESCE(inviter_id, :inviter)"
                            + " WHERE id = :id")
                    .bind("at", at).bind("inviter", inviterId).bind("id", stint.id()).execute();
        }
    }

    /**
     * Closes the member's open stint, unless it began after {@code at} (a late notice about an earlier stint). A
     * member of a group whose members were never listed gets the stint "from before Parley saw the group until now".
     */
    private static void closeMember(Handle h, long groupId, String memberId, String name, long at, boolean listed) {
        Stint stint = openStint(h, groupId, memberId);
        if (stint != null) {
            if (stint.joinedAt() == null || stint.joinedAt() <= at) {
                close(h, stint.id(), at);
            }
        } else if (!listed && lastLeft(h, groupId, memberId) == null) {
            insertStint(h, groupId, memberId, name, null, null, at);
        }
    }

    private static void insertStint(Handle h, long groupId, String memberId, String name, String inviterId, Long joinedAt,
                                    Long leftAt) {
        h.createUpdate("INSERT INTO group_members (group_id, member_id, display_name, inviter_id, joined_at, left_at)"
                        + " VALUES (:group, :member, :name, :inviter, :joined, :left)")
                .bind("group", groupId).bind("member", memberId).bind("name", ShortTexts.name(blankToNull(name)))
                .bind("inviter", blankToNull(inviterId)).bind("joined", joinedAt).bind("left", leftAt).execute();
    }

    private static void close(Handle h, long stintId, long at) {
        h.createUpdate("UPDATE group_members SET left_at = :at WHERE id = :id").bind("at", at).bind("id", stintId).execute();
    }

    /**
     * Sets a group's status, and when the account was last gone from it: {@code at} when it stops being active,
     * unchanged when it was gone already, cleared when it is active again. MariaDB assigns left to right, so
     * {@code gone_at} reads the status before this update.
     */
    private static void setStatus(Handle h, long groupId, String status, long at, long now) {
        h.createUpdate("UPDATE `groups` SET gone_at = CASE WHEN :status = 'active' THEN NULL"
                        + " WHEN status = 'active' OR gone_at IS NULL THEN :at ELSE gone_at END,"
                        + " status = :status, updated_at = :now WHERE id = :id")
                .bind("status", status).bind("at", at).bind("now", now).bind("id", groupId).execute();
    }

    /**
     * The latest event of this kind that names someone by a name only, waiting for a member list to say who. Only
     * notices since the previous member list count: that list would have resolved older ones.
     */
    private static Pending pending(Handle h, long groupId, EventKind kind, String name, Long previousList) {
        if (name == null) {
            return null;
        }
        return h.createQuery("SELECT id, actor_id, occurred_at FROM group_events WHERE group_id = :group AND kind = :kind"
                        + " AND member_id IS NULL AND member_name = :name AND occurred_at >= :since"
                        + " ORDER BY occurred_at DESC, id DESC LIMIT 1")
                .bind("group", groupId).bind("kind", kind.code()).bind("name", name)
                .bind("since", previousList == null ? Long.MIN_VALUE : previousList)
                .map((rs, ctx) -> new Pending(rs.getLong(1), rs.getString(2), rs.getLong(3))).findOne().orElse(null);
    }

    private static void resolve(Handle h, Pending notice, String memberId) {
        h.createUpdate("UPDATE group_events SET member_id = :member WHERE id = :id")
                .bind("member", memberId).bind("id", notice.id()).execute();
    }

    /** The one current member (by name in the group) or, else, the one contact with exactly this name. */
    private static String resolveName(Handle h, long accountId, long groupId, String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        List<String> members = h.createQuery("SELECT DISTINCT member_id FROM group_members"
                        + " WHERE group_id = :group AND left_at IS NULL AND display_name = :name LIMIT 2")
                .bind("group", groupId).bind("name", name).mapTo(String.class).list();
        if (!members.isEmpty()) {
            return members.size() == 1 ? members.get(0) : null;
        }
        List<String> contacts = h.createQuery("SELECT contact_id FROM contacts WHERE account_id = :account"
                        + " AND (remark = :name OR nickname = :name) LIMIT 2")
                .bind("account", accountId).bind("name", name).mapTo(String.class).list();
        return contacts.size() == 1 ? contacts.get(0) : null;
    }

    private static void event(Handle h, List<EventKind> recorded, long groupId, EventKind kind, String actorId,
                              String actorName, String memberId, String memberName, String detail, long at,
                              Long messageId) {
        h.createUpdate("""
                        INSERT INTO group_events (group_id, kind, actor_id, actor_name, member_id, member_name, detail,
                          occurred_at, message_id)
                        VALUES (:group, :kind, :actor, :actorName, :member, :memberName, :detail, :at, :message)""")
                .bind("group", groupId).bind("kind", kind.code()).bind("actor", actorId)
                .bind("actorName", truncate(actorName, 256)).bind("member", memberId)
                .bind("memberName", truncate(memberName, 256)).bind("detail", truncate(detail, 512)).bind("at", at)
                .bind("message", messageId).execute();
        recorded.add(kind);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String truncate(String value, int max) {
        return ShortTexts.cut(value, max);
    }

    private record GroupState(String status, Long syncedAt) {
    }

    private record Stint(long id, String memberId, String displayName, Long joinedAt) {
    }

    private record Pending(long id, String actorId, long at) {
    }
}
