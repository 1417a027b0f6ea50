package dev.parley.contact;

import java.time.InstantSource;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import dev.parley.message.ShortTexts;

import org.jdbi.v3.core.Jdbi;

/**
 * Names of the people and groups an account talks to, kept current from the platform's contact-change
 * notifications, so search results and cards can say "退款咨询群" instead of "34757816141@chatroom".
 */
public final class ContactStore {
    private final Jdbi jdbi;
    private final InstantSource clock;

    /**
     * @param jdbi  the database
     * @param clock source of update times
     */
    public ContactStore(Jdbi jdbi, InstantSource clock) {
        this.jdbi = jdbi;
        this.clock = clock;
    }

    /**
     * Records a friend's current profile. A friend seen for the first time gets an open friendship interval
     * ({@code contact_stints}) from now, as a directory sync would give them.
     *
     * @param accountId the managed account
     * @param contactId the friend's user id
     * @param official  whether it is an official (business) account rather than a person
     * @param nickname  their nickname, or {@code null} if unknown
     * @param remark    the account's remark for them, or {@code null}
     */
    public void upsertContact(long accountId, String contactId, boolean official, String nickname, String remark) {
        String kind = official ? "official" : "friend";
        long now = clock.millis();
        jdbi.useTransaction(h -> {
            h.createUpdate("""
                            INSERT INTO contacts (account_id, contact_id, kind, nickname, remark, updated_at)
                            VALUES (:account, :contact, :kind, :nickname, :remark, :now)
                            ON DUPLICATE KEY UPDATE nickname = COALESCE(VALUES(nickname), nickname),
                              remark = COALESCE(VALUES(remark), remark), updated_at = VALUES(updated_at)""")
                    .bind("account", accountId).bind("contact", contactId).bind("kind", kind)
                    .bind("nickname", ShortTexts.name(nickname)).bind("remark", ShortTexts.name(remark)).bind("now", now)
                    .execute();
            h.createUpdate("""
                            INSERT INTO contact_stints (account_id, contact_id, since_at)
                            SELECT c.account_id, c.contact_id, :now FROM contacts c
                            WHERE c.account_id = :account AND c.contact_id = :contact AND c.kind = 'friend'
                              AND NOT EXISTS (SELECT 1 FROM contact_stints s WHERE s.account_id = :account
                                              AND s.contact_id = :contact AND s.until_at IS NULL)""")
                    .bind("account", accountId).bind("contact", contactId).bind("now", now).execute();
        });
    }

    /**
     * Records a group's current name and owner.
     *
     * @param accountId the managed account
     * @param chatId    the group id
     * @param name      its name, or {@code null} if unknown
     * @param ownerId   its owner, or {@code null} if unknown
     */
    public void upsertGroup(long accountId, String chatId, String name, String ownerId) {
        long now = clock.millis();
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO `groups` (account_id, chat_id, name, owner_id, first_seen_at, updated_at)
                        VALUES (:account, :chat, :name, :owner, :now, :now)
                        ON DUPLICATE KEY UPDATE name = COALESCE(VALUES(name), name),
                          owner_id = COALESCE(VALUES(owner_id), owner_id), updated_at = VALUES(updated_at)""")
                .bind("account", accountId).bind("chat", chatId).bind("name", ShortTexts.name(name)).bind("owner", ownerId)
                .bind("now", now).execute());
    }

    /**
     * Names many chats with one query (search results name every hit's chat).
     *
     * @param chats (account id, chat id) pairs
     * @return the known name of each chat that has one: group name, else the contact's remark or nickname
     */
    public Map<ChatKey, String> namesOf(Collection<ChatKey> chats) {
        if (chats.isEmpty()) {
            return Map.of();
        }
        List<ChatKey> keys = List.copyOf(new LinkedHashSet<>(chats));
        String pairs = String.join(",", Collections.nCopies(keys.size(), "(?,?)"));
        Map<ChatKey, String> names = new HashMap<>();
        jdbi.useHandle(h -> {
            var query = h.createQuery("SELECT 0 AS rank, account_id, chat_id, name FROM `groups`"
                    + " WHERE name IS NOT NULL AND (account_id, chat_id) IN (" + pairs + ")"
                    + " UNION ALL SELECT 1, account_id, contact_id, COALESCE(remark, nickname) FROM contacts"
                    + " WHERE COALESCE(remark, nickname) IS NOT NULL AND (account_id, contact_id) IN (" + pairs + ")"
                    + " ORDER BY 1 DESC");
            int p = 0;
            for (int round = 0; round < 2; round++) {
                for (ChatKey key : keys) {
                    query.bind(p++, key.accountId()).bind(p++, key.chatId());
                }
            }
            // groups (rank 0) come last, so their names win over a contact of the same id
            query.map((rs, ctx) -> names.put(new ChatKey(rs.getLong(2), rs.getString(3)), rs.getString(4))).list();
        });
        return names;
    }

    /**
     * Names the senders of many messages with one query: their name in the group (the latest one recorded),
     * else the account's remark or nickname for them.
     *
     * @param senders (account, chat, sender) triples
     * @return the known name of each sender that has one
     */
    public Map<SenderKey, String> senderNames(Collection<SenderKey> senders) {
        if (senders.isEmpty()) {
            return Map.of();
        }
        List<SenderKey> keys = List.copyOf(new LinkedHashSet<>(senders));
        Map<SenderKey, String> names = new HashMap<>();
        jdbi.useHandle(h -> {
            var contacts = h.createQuery("SELECT account_id, contact_id, COALESCE(remark, nickname) FROM contacts"
                    + " WHERE COALESCE(remark, nickname) IS NOT NULL AND (account_id, contact_id) IN ("
                    + String.join(",", Collections.nCopies(keys.size(), "(?,?)")) + ")");
            int p = 0;
            for (SenderKey key : keys) {
                contacts.bind(p++, key.accountId()).bind(p++, key.senderId());
            }
            Map<ChatKey, String> byPerson = new HashMap<>();
            contacts.map((rs, ctx) -> byPerson.put(new ChatKey(rs.getLong(1), rs.getString(2)), rs.getString(3))).list();
            keys.forEach(k -> {
                String name = byPerson.get(new ChatKey(k.accountId(), k.senderId()));
                if (name != null) {
                    names.put(k, name);
                }
            });
            var members = h.createQuery("SELECT g.account_id, g.chat_id, m.member_id, m.display_name FROM group_members m"
                    + " JOIN `groups` g ON g.id = m.group_id WHERE m.display_name IS NOT NULL AND"
                    + " (g.account_id, g.chat_id, m.member_id) IN ("
                    + String.join(",", Collections.nCopies(keys.size(), "(?,?,?)")) + ") ORDER BY m.id");
            p = 0;
            for (SenderKey key : keys) {
                members.bind(p++, key.accountId()).bind(p++, key.chatId()).bind(p++, key.senderId());
            }
            // later membership rows come last, so the most recent name in the group wins
            members.map((rs, ctx) -> names.put(new SenderKey(rs.getLong(1), rs.getString(2), rs.getString(3)),
                    rs.getString(4))).list();
        });
        return names;
    }

    /**
     * The sender of a message in a chat of one account.
     *
     * @param accountId the managed account
     * @param chatId    the chat
     * @param senderId  who wrote it
     */
    public record SenderKey(long accountId, String chatId, String senderId) {
    }

    /**
     * A chat of one account.
     *
     * @param accountId the managed account
     * @param chatId    the group id or the contact's user id
     */
    public record ChatKey(long accountId, String chatId) {
    }

    /**
     * @param name a group name as typed
     * @return the ids of the groups and contacts (remark or nickname) with exactly that name, on any account
     */
    public List<String> chatIdsNamed(String name) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT chat_id FROM `groups` WHERE name = :name
                        UNION SELECT contact_id FROM contacts WHERE remark = :name OR nickname = :name""")
                .bind("name", name).mapTo(String.class).list());
    }

    /**
     * Finds the chats of one account an admin means: a group or contact with exactly that id, else every group named
     * so and every contact with that remark, nickname or alias.
     *
     * @param accountId the managed account
     * @param reference what was typed
     * @return the matching chats, an exact id alone when there is one
     */
    public List<Chat> chats(long accountId, String reference) {
        List<Chat> found = jdbi.withHandle(h -> h.createQuery("""
                        SELECT chat_id, name, 1 AS grp FROM `groups`
                          WHERE account_id = :account AND (chat_id = :ref OR name = :ref)
                        UNION ALL SELECT contact_id, COALESCE(remark, nickname), 0 FROM contacts
                          WHERE account_id = :account AND (contact_id = :ref OR remark = :ref OR nickname = :ref
                            OR alias = :ref)
                        ORDER BY 1""")
                .bind("account", accountId).bind("ref", reference)
                .map((rs, ctx) -> new Chat(rs.getString(1), rs.getString(2), rs.getInt(3) == 1)).list());
        List<Chat> exact = found.stream().filter(c -> c.chatId().equals(reference)).limit(1).toList();
        return exact.isEmpty() ? found : exact;
    }

    /**
     * @param accountId the managed account
     * @param groupId   one of its groups
     * @return its current members with the names they go by, in the order they were recorded
     */
    public List<Member> members(long accountId, String groupId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT gm.member_id, gm.display_name, c.remark, c.nickname FROM group_members gm
                          JOIN `groups` g ON g.id = gm.group_id
                          LEFT JOIN contacts c ON c.account_id = g.account_id AND c.contact_id = gm.member_id
                        WHERE g.account_id = :account AND g.chat_id = :group AND gm.left_at IS NULL
                        ORDER BY gm.id""")
                .bind("account", accountId).bind("group", groupId)
                .map((rs, ctx) -> new Member(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)))
                .list());
    }

    /**
     * @param accountId the managed account
     * @param groupId   one of its groups
     * @return how many members it has: the count the platform reported, else the members recorded; 0 when unknown
     */
    public int memberCount(long accountId, String groupId) {
        return jdbi.withHandle(h -> h.createQuery("""
                        SELECT COALESCE(g.member_count, (SELECT COUNT(*) FROM group_members gm
                          WHERE gm.group_id = g.id AND gm.left_at IS NULL)) FROM `groups` g
                        WHERE g.account_id = :account AND g.chat_id = :group""")
                .bind("account", accountId).bind("group", groupId).mapTo(Integer.class).findOne().orElse(0));
    }

    /**
     * A chat of an account as an admin may name it.
     *
     * @param chatId the group or contact id
     * @param name   its name (group name, contact remark or nickname), or {@code null}
     * @param group  whether it is a group
     */
    public record Chat(String chatId, String name, boolean group) {
    }

    /**
     * A current member of a group.
     *
     * @param memberId    the member's user id
     * @param displayName the name they chose in this group, or {@code null}
     * @param remark      the account's remark for them when they are a contact, or {@code null}
     * @param nickname    their nickname when they are a contact, or {@code null}
     */
    public record Member(String memberId, String displayName, String remark, String nickname) {
        /** @return the names they may be mentioned by, most specific first, without blanks */
        public List<String> names() {
            return Stream.of(displayName, remark, nickname, memberId)
                    .filter(n -> n != null && !n.isBlank()).distinct().toList();
        }
    }

    /**
     * @param name a person's name as typed
     * @return the ids of the contacts whose remark or nickname is exactly that name, on any account
     */
    public List<String> contactIdsNamed(String name) {
        return jdbi.withHandle(h -> h.createQuery(
                        "SELECT DISTINCT contact_id FROM contacts WHERE remark = :name OR nickname = :name")
                .bind("name", name).mapTo(String.class).list());
    }
}
