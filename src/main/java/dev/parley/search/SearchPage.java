package dev.parley.search;

import java.util.List;

/**
 * One page of search results, ready to show.
 *
 * @param total    how many messages match in all
 * @param messages the page, in result order
 */
public record SearchPage(long total, List<FoundMessage> messages) {

    /** Copies the list. */
    public SearchPage {
        messages = List.copyOf(messages);
    }
}
