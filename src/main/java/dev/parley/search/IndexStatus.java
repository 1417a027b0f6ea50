package dev.parley.search;

/**
 * A snapshot of the index's health, for {@code /health} and status cards.
 *
 * @param state      what the index is doing
 * @param done       messages of the backlog found at open indexed so far (0 when there was none)
 * @param total      messages in the backlog found at open: all of them after a rebuild, those after the
 *                   watermark otherwise
 * @param documents  messages that searches see
 * @param watermark  the highest message id that searches see
 * @param lagSeconds age of the oldest committed message that is not searchable yet; 0 when caught up
 * @param error      the last failure, while {@link State#FAILED}; else {@code null}
 */
public record IndexStatus(State state, long done, long total, long documents, long watermark, double lagSeconds,
                          String error) {

    /** What the index is doing. */
    public enum State {
        /** Catching up on the messages found missing at open (all of them after a rebuild); searches see part. */
        REBUILDING,
        /** Following new messages as they are committed. */
        READY,
        /** Indexing fails; it retries unless the index itself is broken. Searches see what was indexed. */
        FAILED
    }
}
