package dev.parley.contact;

import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import dev.parley.db.Database;
import dev.parley.testing.TestDatabase;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ContactStoreTest {
    private static Database db;
    private static ContactStore contacts;
    private static long account;
    private static long other;

    @BeforeAll
    static void open() {
        db = TestDatabase.create("contacts");
        contacts = new ContactStore(db.jdbi(), InstantSource.system());
        account = db.jdbi().withHandle(h -> h.createUpdate(
                "INSERT INTO accounts (platform, external_id, created_at) VALUES ('wechat', 'wx_c1', 0)")
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
        other = db.jdbi().withHandle(h -> h.createUpdate(
                "INSERT INTO accounts (platform, external_id, created_at) VALUES ('wechat', 'wx_c2', 0)")
                .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void chatsAreNamedInOneLookupWithRemarksBeforeNicknamesAndPerAccount() {
        contacts.upsertGroup(account, "1@chatroom", "退款咨询群", "wxid_owner");
        contacts.upsertContact(account, "wxid_a", false, "Alice", null);
        contacts.upsertContact(account, "wxid_b", false, "Bob", "老客户 Bob");
        contacts.upsertContact(other, "wxid_a", false, "Alice on another phone", null);
        Map<ContactStore.ChatKey, String> names = contacts.namesOf(List.of(
                key(account, "1@chatroom"), key(account, "wxid_a"), key(account, "wxid_b"), key(account, "wxid_unknown"),
                key(other, "wxid_a"), key(other, "1@chatroom"), key(account, "wxid_a")));
        assertThat(names).containsOnly(
                Map.entry(key(account, "1@chatroom"), "退款咨询群"),
                Map.entry(key(account, "wxid_a"), "Alice"),
                Map.entry(key(account, "wxid_b"), "老客户 Bob"),
                Map.entry(key(other, "wxid_a"), "Alice on another phone"));
        assertThat(contacts.namesOf(List.of())).isEmpty();
    }

    @Test
    void sendersAreNamedByTheirLatestNameInTheGroupElseByRemarkOrNickname() {
        contacts.upsertGroup(account, "3@chatroom", "售后群", null);
        long group = db.jdbi().withHandle(h -> h.createQuery("SELECT id FROM `groups` WHERE chat_id = '3@chatroom'")
                .mapTo(Long.class).one());
        db.jdbi().useHandle(h -> {
            h.execute("INSERT INTO group_members (group_id, member_id, display_name, left_at) VALUES (?, 'wxid_m', '老名字', 1)",
                    group);
            h.execute("INSERT INTO group_members (group_id, member_id, display_name) VALUES (?, 'wxid_m', '新名字')", group);
        });
        contacts.upsertContact(account, "wxid_c", false, "Cindy", "VIP Cindy");
        Map<ContactStore.SenderKey, String> names = contacts.senderNames(List.of(
                new ContactStore.SenderKey(account, "3@chatroom", "wxid_m"),
                new ContactStore.SenderKey(account, "3@chatroom", "wxid_c"),
                new ContactStore.SenderKey(account, "wxid_c", "wxid_c"),
                new ContactStore.SenderKey(account, "3@chatroom", "wxid_nobody")));
        assertThat(names).containsOnly(
                Map.entry(new ContactStore.SenderKey(account, "3@chatroom", "wxid_m"), "新名字"),
                Map.entry(new ContactStore.SenderKey(account, "3@chatroom", "wxid_c"), "VIP Cindy"),
                Map.entry(new ContactStore.SenderKey(account, "wxid_c", "wxid_c"), "VIP Cindy"));
    }

    @Test
    void laterChangesKeepWhatTheyDoNotMention() {
        contacts.upsertGroup(account, "2@chatroom", "Old name", "wxid_owner");
        contacts.upsertGroup(account, "2@chatroom", null, "wxid_new_owner");
        contacts.upsertGroup(account, "2@chatroom", "New name", null);
        assertThat(contacts.namesOf(List.of(key(account, "2@chatroom")))).containsValue("New name");
        assertThat(contacts.chatIdsNamed("New name")).containsExactly("2@chatroom");
        String owner = db.jdbi().withHandle(h -> h.createQuery("SELECT owner_id FROM `groups` WHERE chat_id = '2@chatroom'")
                .mapTo(String.class).one());
        assertThat(owner).isEqualTo("wxid_new_owner");
    }

    private static ContactStore.ChatKey key(long accountId, String chatId) {
        return new ContactStore.ChatKey(accountId, chatId);
    }
}
