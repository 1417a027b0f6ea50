package dev.parley.outbound;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

import dev.parley.account.Account;
import dev.parley.command.CommandException;
import dev.parley.connector.ChatRef;
import dev.parley.connector.Connectors;
import dev.parley.contact.ContactStore;
import dev.parley.message.ChatType;
import dev.parley.message.MessageStore;

/**
 * Turns the chat an admin typed into one chat of the sending account: a group or contact by exact id or by name
 * (group name, contact remark, nickname or alias), or an id the account has talked in; else an id (or a phone number)
 * that the account's platform reads as a chat of its own ({@link dev.parley.connector.AccountConnector#chat}). Several
 * matches or none get a clear answer.
 */
public final class Recipients {
    private static final int MAX_CHOICES = 5;

    private final ContactStore contacts;
    private final MessageStore messages;
    private final Connectors connectors;

    /**
     * @param contacts   the accounts' contacts and groups
     * @param messages   the chats each account has talked in
     * @param connectors reads platform-specific chat ids (phone numbers)
     */
    public Recipients(ContactStore contacts, MessageStore messages, Connectors connectors) {
        this.contacts = contacts;
        this.messages = messages;
        this.connectors = connectors;
    }

    /**
     * @param account   the sending account
     * @param reference what was typed
     * @return the chat
     * @throws CommandException when nothing or several chats match
     */
    public Recipient resolve(Account account, String reference) {
        String ref = reference.strip();
        List<ContactStore.Chat> found = contacts.chats(account.id(), ref);
        if (found.size() == 1) {
            ContactStore.Chat chat = found.getFirst();
            return new Recipient(chat.chatId(), chat.name(), chat.group() ? ChatType.GROUP : ChatType.PRIVATE);
        }
        if (found.size() > 1) {
            throw new CommandException("outbound.error.ambiguous_chat", "chat", ref, "choices", found.stream()
                    .limit(MAX_CHOICES).map(c -> (c.name() == null ? "" : c.name() + " ") + "(" + c.chatId() + ")")
                    .collect(Collectors.joining(", ")));
        }
        Optional<ChatType> seen = messages.chatType(account.id(), ref);
        if (seen.isPresent()) {
            return new Recipient(ref, null, seen.get());
        }
        Optional<ChatRef> typed = connectors.require(account.platform()).chat(ref);
        if (typed.isPresent()) {
            Optional<ChatType> known = messages.chatType(account.id(), typed.get().chatId());
            return new Recipient(typed.get().chatId(), null, known.orElse(typed.get().type()));
        }
        throw new CommandException("outbound.error.no_chat", "chat", ref, "account", account.displayName());
    }
}
