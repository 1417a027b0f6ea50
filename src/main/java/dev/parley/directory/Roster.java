package dev.parley.directory;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import dev.parley.connector.ContactBook;
import dev.parley.connector.ContactProfile;
import dev.parley.message.ShortTexts;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.statement.PreparedBatch;

/**
 * Writes what a sync learns about an account's contacts: who its friends and official accounts are (a friend
 * no longer listed becomes a {@code stranger}: their messages stay named) and the names in their profiles and
 * in its groups' profiles. Writes go in batches, one transaction per contact list or profile page. Each friendship
 * is also kept as an interval in {@code contact_stints}, opened when a contact becomes a friend and closed when
 * they stop being one, so the number of friends at any past moment is exact.
 */
final class Roster {
    private final Jdbi jdbi;

    Roster(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * @param accountId the managed account
     * @param book      its contact list
     * @param now       the update time
     * @return how many friends are new, and how many are gone, since the stored list
     */
    FriendChanges storeBook(long accountId, ContactBook book, long now) {
        return jdbi.inTransaction(h -> {
            Set<String> before = new HashSet<>(h.createQuery(
                            "SELECT contact_id FROM contacts WHERE account_id = :account AND kind = 'friend'")
                    .bind("account", accountId).mapTo(String.class).list());
            Set<String> listed = new HashSet<>(book.friends());
            upsertKind(h, accountId, book.friends(), "friend", now);
            upsertKind(h, accountId, book.official(), "official", now);
            // only a complete list says who is no longer a friend
            List<String> gone = book.complete() ? before.stream().filter(id -> !listed.contains(id)).toList() : List.of();
            if (!gone.isEmpty()) {
                PreparedBatch batch = h.prepareBatch("UPDATE contacts SET kind = 'stranger', updated_at = :now"
                        + " WHERE account_id = :account AND contact_id = :contact");
                gone.forEach(id -> batch.bind("now", now).bind("account", accountId).bind("contact", id).add());
                batch.execute();
            }
            followFriends(h, accountId, now);
            int added = (int) listed.stream().filter(id -> !before.contains(id)).count();
            return new FriendChanges(added, gone.size());
        });
    }

    /**
     * @param accountId the managed account
     * @param profiles  profiles of friends and groups
     * @param groups    which of the ids are groups
     * @param now       the update time
     */
    void storeProfiles(long accountId, List<ContactProfile> profiles, Set<String> groups, long now) {
        jdbi.useTransaction(h -> {
            PreparedBatch contacts = h.prepareBatch("""
                    UPDATE contacts SET nickname = COALESCE(:nickname, nickname), remark = :remark,
                      alias = COALESCE(:alias, alias), updated_at = :now
                    WHERE account_id = :account AND contact_id = :contact""");
            PreparedBatch rooms = h.prepareBatch("""
                    INSERT INTO `groups` (account_id, chat_id, name, first_seen_at, updated_at)
                    VALUES (:account, :chat, :name, :now, :now)
                    ON DUPLICATE KEY UPDATE name = COALESCE(VALUES(name), name), updated_at = VALUES(updated_at)""");
            for (ContactProfile p : profiles) {
                if (p.id() == null || p.id().isBlank()) {
                    continue;
                }
                if (groups.contains(p.id())) {
                    rooms.bind("account", accountId).bind("chat", p.id()).bind("name", text(p.nickname(), 256))
                            .bind("now", now).add();
                } else {
                    contacts.bind("nickname", text(p.nickname(), 256)).bind("remark", text(p.remark(), 256))
                            .bind("alias", text(p.alias(), 128)).bind("now", now).bind("account", accountId)
                            .bind("contact", p.id()).add();
                }
            }
            if (contacts.size() > 0) {
                contacts.execute();
            }
            if (rooms.size() > 0) {
                rooms.execute();
            }
        });
    }

    /**
     * A contact deleted the account or was deleted: kept, as a stranger, so their messages stay named.
     *
     * @param accountId the managed account
     * @param contactId the contact
     * @param now       the update time
     */
    void friendGone(long accountId, String contactId, long now) {
        jdbi.useTransaction(h -> {
            h.createUpdate("UPDATE contacts SET kind = 'stranger', updated_at = :now"
                            + " WHERE account_id = :account AND contact_id = :contact AND kind = 'friend'")
                    .bind("now", now).bind("account", accountId).bind("contact", contactId).execute();
            h.createUpdate("UPDATE contact_stints SET until_at = :now"
                            + " WHERE account_id = :account AND contact_id = :contact AND until_at IS NULL")
                    .bind("now", now).bind("account", accountId).bind("contact", contactId).execute();
        });
    }

    /**
     * Makes the open friendship intervals match the stored friends: a friend without an open interval gets one
     * from {@code now}; an open interval of someone who is no longer a friend ends at {@code now}. Nothing changes
     * when the two already match, so a sync that finds the same friends writes nothing here.
     */
    private static void followFriends(Handle h, long accountId, long now) {
        Set<String> friends = new HashSet<>(h.createQuery(
                        "SELECT contact_id FROM contacts WHERE account_id = :account AND kind = 'friend'")
                .bind("account", accountId).mapTo(String.class).list());
        Set<String> open = new HashSet<>(h.createQuery(
                        "SELECT contact_id FROM contact_stints WHERE account_id = :account AND until_at IS NULL")
                .bind("account", accountId).mapTo(String.class).list());
        PreparedBatch opened = h.prepareBatch("INSERT INTO contact_stints (account_id, contact_id, since_at)"
                + " VALUES (:account, :contact, :now)");
        friends.stream().filter(id -> !open.contains(id))
                .forEach(id -> opened.bind("account", accountId).bind("contact", id).bind("now", now).add());
        if (opened.size() > 0) {
            opened.execute();
        }
        PreparedBatch closed = h.prepareBatch("UPDATE contact_stints SET until_at = :now"
                + " WHERE account_id = :account AND contact_id = :contact AND until_at IS NULL");
        open.stream().filter(id -> !friends.contains(id))
                .forEach(id -> closed.bind("now", now).bind("account", accountId).bind("contact", id).add());
        if (closed.size() > 0) {
            closed.execute();
        }
    }

    private static void upsertKind(Handle h, long accountId, Collection<String> ids, String kind, long now) {
        if (ids.isEmpty()) {
            return;
        }
        PreparedBatch batch = h.prepareBatch("""
                INSERT INTO contacts (account_id, contact_id, kind, updated_at) VALUES (:account, :contact, :kind, :now)
                ON DUPLICATE KEY UPDATE kind = VALUES(kind), updated_at = VALUES(updated_at)""");
        for (String id : ids) {
            if (id != null && !id.isBlank() && id.length() <= 128) {
                batch.bind("account", accountId).bind("contact", id).bind("kind", kind).bind("now", now).add();
            }
        }
        if (batch.size() > 0) {
            batch.execute();
        }
    }

    private static String text(String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        return ShortTexts.cut(value, max);
    }

    /**
     * @param added friends listed now and not before
     * @param gone  friends listed before and not now
     */
    record FriendChanges(int added, int gone) {
    }
}
