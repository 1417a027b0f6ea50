package dev.parley.connector;

import java.util.List;

/**
 * Who an account knows, as ids.
 *
 * @param friends  contacts' user ids
 * @param groups   ids of the groups saved to contacts (others appear only when they send a message)
 * @param official ids of official accounts
 */
public record ContactBook(List<String> friends, List<String> groups, List<String> official) {
    /** Copies the lists. */
    public ContactBook {
        friends = List.copyOf(friends);
        groups = List.copyOf(groups);
        official = List.copyOf(official);
    }
}
