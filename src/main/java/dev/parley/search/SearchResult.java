package dev.parley.search;

import java.util.List;

/**
 * One page of hits from the index.
 *
 * @param total      how many messages match in all (exact)
 * @param messageIds the ids of the requested page, in result order
 */
public record SearchResult(long total, List<Long> messageIds) {

    /** Copies the ids. */
    public SearchResult {
        messageIds = List.copyOf(messageIds);
    }

    /** @return a result with no hits */
    public static SearchResult empty() {
        return new SearchResult(0, List.of());
    }
}
