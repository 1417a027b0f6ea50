package dev.parley.search;

import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Set;

import dev.parley.message.MessageType;

/**
 * What to search for. Text is required; every filter set left empty means "any".
 *
 * <p>Text semantics: a run of CJK characters (Han, kana, Hangul) matches as a substring, exactly as
 * {@code text LIKE '%run%'} on the messages table's collation (hiragana = katakana, half-width =
 * full-width, and so on); anything else matches as whole words, case- and accent-insensitively
 * ({@code refund} finds "Refund" and "REFUND", not "refunds"; {@code 123} finds "123" but not
 * "123456"). Several runs or words must all match, anywhere in the text ({@code 退款 refund},
 * {@code 订单123}). Only the first 10,000 characters of a message are
 * searched.
 *
 * @param text       the search text, 1 to {@value #MAX_TEXT_LENGTH} characters, not blank
 * @param accountIds only these accounts
 * @param chatIds    only these chats
 * @param senderIds  only these senders
 * @param types      only these message types
 * @param fromMillis sent at or after this time (inclusive), epoch milliseconds; {@code null} = no bound
 * @param toMillis   sent before this time (exclusive), epoch milliseconds; {@code null} = no bound
 * @param sort       the order of hits
 * @param offset     hits to skip
 * @param limit      hits to return, at least 1; {@code offset + limit} at most {@value #MAX_WINDOW}
 * @param withdrawn  whether messages their sender withdrew are found too (they are not by default)
 */
public record SearchQuery(String text, Set<Long> accountIds, Set<String> chatIds, Set<String> senderIds,
                          Set<MessageType> types, Long fromMillis, Long toMillis, SortOrder sort, int offset,
                          int limit, boolean withdrawn) {
    /** Longest accepted search text, in characters. */
    public static final int MAX_TEXT_LENGTH = 200;
    /** Deepest hit that can be paged to ({@code offset + limit}). */
    public static final int MAX_WINDOW = 10_000;
    /** Page size when none is given. */
    public static final int DEFAULT_LIMIT = 10;

    /** Validates and copies. */
    public SearchQuery {
        Objects.requireNonNull(text, "text");
        if (text.isBlank()) {
            throw new IllegalArgumentException("search text is blank");
        }
        if (text.length() > MAX_TEXT_LENGTH) {
            throw new IllegalArgumentException("search text has " + text.length() + " characters, at most "
                    + MAX_TEXT_LENGTH + " are allowed");
        }
        accountIds = accountIds == null ? Set.of() : Set.copyOf(accountIds);
        chatIds = chatIds == null ? Set.of() : Set.copyOf(chatIds);
        senderIds = senderIds == null ? Set.of() : Set.copyOf(senderIds);
        types = types == null ? Set.of() : Set.copyOf(types);
        if ((toMillis != null && toMillis == Long.MIN_VALUE)
                || (fromMillis != null && toMillis != null && fromMillis >= toMillis)) {
            throw new IllegalArgumentException("empty time range: from " + fromMillis + " is not before to "
                    + toMillis);
        }
        sort = sort == null ? SortOrder.NEWEST : sort;
        if (offset < 0 || limit < 1 || (long) offset + limit > MAX_WINDOW) {
            throw new IllegalArgumentException("offset " + offset + " and limit " + limit
                    + " must satisfy offset >= 0, limit >= 1, offset + limit <= " + MAX_WINDOW);
        }
    }

    /**
     * @param text the search text
     * @return the first {@value #DEFAULT_LIMIT} newest hits for a text, no filters
     */
    public static SearchQuery of(String text) {
        return builder(text).build();
    }

    /**
     * @param text the search text
     * @return a builder with no filters, newest first, the first {@value #DEFAULT_LIMIT} hits
     */
    public static Builder builder(String text) {
        return new Builder(text);
    }

    /** Builds a {@link SearchQuery}; validation happens in {@link #build()}. */
    public static final class Builder {
        private final String text;
        private Set<Long> accountIds = Set.of();
        private Set<String> chatIds = Set.of();
        private Set<String> senderIds = Set.of();
        private Set<MessageType> types = Set.of();
        private Long fromMillis;
        private Long toMillis;
        private SortOrder sort = SortOrder.NEWEST;
        private int offset;
        private int limit = DEFAULT_LIMIT;
        private boolean withdrawn;

        private Builder(String text) {
            this.text = text;
        }

        /**
         * @param ids only these accounts
         * @return this
         */
        public Builder accounts(Long... ids) {
            return accounts(Arrays.asList(ids));
        }

        /**
         * @param ids only these accounts
         * @return this
         */
        public Builder accounts(Collection<Long> ids) {
            this.accountIds = Set.copyOf(ids);
            return this;
        }

        /**
         * @param ids only these chats
         * @return this
         */
        public Builder chats(String... ids) {
            this.chatIds = Set.copyOf(List.of(ids));
            return this;
        }

        /**
         * @param ids only these senders
         * @return this
         */
        public Builder senders(String... ids) {
            this.senderIds = Set.copyOf(List.of(ids));
            return this;
        }

        /**
         * @param messageTypes only these types
         * @return this
         */
        public Builder types(MessageType... messageTypes) {
            this.types = Set.copyOf(List.of(messageTypes));
            return this;
        }

        /**
         * @param millis sent at or after, epoch milliseconds; {@code null} = no bound
         * @return this
         */
        public Builder from(Long millis) {
            this.fromMillis = millis;
            return this;
        }

        /**
         * @param millis sent before, epoch milliseconds; {@code null} = no bound
         * @return this
         */
        public Builder to(Long millis) {
            this.toMillis = millis;
            return this;
        }

        /**
         * @param order the order of hits
         * @return this
         */
        public Builder sort(SortOrder order) {
            this.sort = order;
            return this;
        }

        /**
         * @param skip hits to skip
         * @param size hits to return
         * @return this
         */
        public Builder page(int skip, int size) {
            this.offset = skip;
            this.limit = size;
            return this;
        }

        /**
         * @param include whether withdrawn messages are found too
         * @return this
         */
        public Builder withdrawn(boolean include) {
            this.withdrawn = include;
            return this;
        }

        /**
         * @return the query
         * @throws IllegalArgumentException when something is out of range
         */
        public SearchQuery build() {
            return new SearchQuery(text, accountIds, chatIds, senderIds, types, fromMillis, toMillis, sort, offset,
                    limit, withdrawn);
        }
    }
}
