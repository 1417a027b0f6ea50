package dev.parley.automation.sop;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.parley.account.Account;
import dev.parley.account.AccountStatus;
import dev.parley.account.AccountStore;
import dev.parley.automation.Tags;
import dev.parley.command.CommandException;
import dev.parley.contact.ContactStore;
import dev.parley.message.ChatType;
import dev.parley.outbound.Recipient;
import dev.parley.outbound.Recipients;

/**
 * Turns a task's target into the chats it is sent to. With every account ({@code account:all}) each chat is sent
 * from one account only, the oldest that has it (that knows it as a contact or group, for chats named in the target):
 * a group several fleet accounts sit in gets the message once.
 */
final class Audience {
    private static final Set<AccountStatus> IN_SERVICE = EnumSet.of(AccountStatus.ONLINE, AccountStatus.OFFLINE,
            AccountStatus.UNKNOWN);

    private final AccountStore accounts;
    private final Tags tags;
    private final Recipients recipients;
    private final ContactStore contacts;

    Audience(AccountStore accounts, Tags tags, Recipients recipients, ContactStore contacts) {
        this.accounts = accounts;
        this.tags = tags;
        this.recipients = recipients;
        this.contacts = contacts;
    }

    /**
     * @param accountId the sending account, or {@code null} for every account in service
     * @param target    whom to
     * @return the recipients, by account then as the target lists them, each chat once
     * @throws CommandException when a named group or chat is found in none of the accounts, is ambiguous, or a
     *                          {@code group:} names a private chat
     */
    List<Member> resolve(Long accountId, Target target) {
        List<Account> senders = accountId == null
                ? accounts.list().stream().filter(a -> IN_SERVICE.contains(a.status())).toList()
                : accounts.find(accountId).map(List::of).orElse(List.of());
        Map<String, Member> members = new LinkedHashMap<>();
        for (String tag : target.tags()) {
            for (Tags.Tagged t : tags.chats(tag, accountId)) {
                if (senders.stream().anyMatch(a -> a.id() == t.accountId())) {
                    members.putIfAbsent(t.chatId(), new Member(t.accountId(), t.chatId(), t.type(), t.name()));
                }
            }
        }
        named(senders, target.groups(), true, members);
        named(senders, target.chats(), false, members);
        return new ArrayList<>(members.values());
    }

    private void named(List<Account> senders, List<String> refs, boolean groupsOnly, Map<String, Member> members) {
        for (String ref : refs) {
            CommandException notFound = null;
            boolean found = false;
            // accounts that know the chat by name or id come first: a typed group id is valid for any account
            List<Account> knowing = senders.stream().filter(a -> !contacts.chats(a.id(), ref).isEmpty()).toList();
            for (Account account : knowing.isEmpty() ? senders : knowing) {
                Recipient r;
                try {
                    r = recipients.resolve(account, ref);
                } catch (CommandException e) {
                    if (senders.size() == 1 || !knowing.isEmpty() || !e.key().equals("outbound.error.no_chat")) {
                        throw e;
                    }
                    notFound = e;
                    continue;
                }
                if (groupsOnly && r.type() != ChatType.GROUP) {
                    throw new CommandException("sop.error.not_a_group", "group", ref);
                }
                members.putIfAbsent(r.chatId(), new Member(account.id(), r.chatId(), r.type(), r.name()));
                found = true;
                break;
            }
            if (!found) {
                throw notFound != null ? new CommandException("sop.error.no_chat_anywhere", "chat", ref)
                        : new CommandException("sop.error.no_accounts");
            }
        }
    }

    /**
     * One recipient: a chat, or for after-join tasks one member in a group.
     *
     * @param accountId the account that sends to it
     * @param chatId    the chat
     * @param type      private or group
     * @param name      its name (the member's, for a member), or {@code null} when none is known
     * @param memberId  the member who is mentioned in the group, or {@code null} for a whole chat
     */
    record Member(long accountId, String chatId, ChatType type, String name, String memberId) {
        /**
         * A whole chat.
         *
         * @param accountId the account that sends to it
         * @param chatId    the chat
         * @param type      private or group
         * @param name      its name, or {@code null}
         */
        Member(long accountId, String chatId, ChatType type, String name) {
            this(accountId, chatId, type, name, null);
        }

        /** @return its name, else its id */
        String displayName() {
            return name == null || name.isBlank() ? chatId : name;
        }
    }
}
