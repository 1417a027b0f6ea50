package dev.parley.connector;

import java.util.List;

/**
 * Who an account knows, as ids.
 *
 * @param friends  contacts' user ids
 * @param groups   ids of the groups saved to contacts (others appear only when they send a message)
 * @param official ids of official accounts
 * @param complete whether {@code friends} is the whole list (WeChat's friend list), so that someone missing from it
 *                 is no longer a friend; false where the platform keeps no such list (WhatsApp: only the contacts
 *                 it happened to tell of)
 */
public record ContactBook(List<String> friends, List<String> groups, List<String> official, boolean complete) {
    /** Copies the lists. */
    public ContactBook {
        friends = List.copyOf(friends);
        groups = List.copyOf(groups);
        official = List.copyOf(official);
    }

    /**
     * A complete contact list.
     *
     * @param friends  contacts' user ids
     * @param groups   ids of the groups saved to contacts
     * @param official ids of official accounts
     */
    public ContactBook(List<String> friends, List<String> groups, List<String> official) {
        this(friends, groups, official, true);
    }
}
