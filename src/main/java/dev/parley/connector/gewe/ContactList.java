package dev.parley.connector.gewe;

import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The account's address book ({@code /contacts/fetchContactsList}): ids only, fetched in one
 * long-running call. Only groups saved to the address book are listed; others appear when they send a
 * message.
 *
 * @param friends   friends' wxids (including system accounts such as {@code exmail_tool})
 * @param chatrooms saved groups, {@code …@chatroom}
 * @param ghs       followed official accounts, {@code gh_…}
 */
public record ContactList(List<String> friends, List<String> chatrooms, List<String> ghs) {

    /** Copies the lists. */
    public ContactList {
        friends = List.copyOf(friends);
        chatrooms = List.copyOf(chatrooms);
        ghs = List.copyOf(ghs);
    }

    static ContactList of(JsonNode data) {
        return new ContactList(GeweReplies.strings(data, "friends"), GeweReplies.strings(data, "chatrooms"),
                GeweReplies.strings(data, "ghs"));
    }
}
