package dev.parley.search;

/** How search hits are ordered. */
public enum SortOrder {
    /** Newest first: by sent time, descending, then by message id, descending. */
    NEWEST,
    /** Best match first (BM25 over the bigrams and words), ties newest id first. */
    RELEVANCE
}
