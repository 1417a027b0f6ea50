package dev.parley.search;

import java.util.Collection;
import java.util.List;

import dev.parley.message.MessageType;

import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSelector;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.BytesRef;

/** Turns a {@link SearchQuery} into a Lucene query and sort over {@link IndexFields}. */
final class LuceneQueries {
    private static final SortField NEWEST_ID_FIRST = new SortField(IndexFields.ID, SortField.Type.LONG, true);
    private static final Sort NEWEST = new Sort(
            LongField.newSortField(IndexFields.SENT_AT, true, SortedNumericSelector.Type.MAX), NEWEST_ID_FIRST);
    private static final Sort RELEVANCE = new Sort(SortField.FIELD_SCORE, NEWEST_ID_FIRST);

    private LuceneQueries() {
    }

    /**
     * @param query the request
     * @param terms its text, parsed
     * @return the text query with the filters as non-scoring clauses
     */
    static Query toQuery(SearchQuery query, QueryTerms terms) {
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        all.add(terms.toQuery(IndexFields.TEXT), BooleanClause.Occur.MUST);
        if (!query.accountIds().isEmpty()) {
            long[] ids = query.accountIds().stream().mapToLong(Long::longValue).toArray();
            all.add(LongField.newSetQuery(IndexFields.ACCOUNT, ids), BooleanClause.Occur.FILTER);
        }
        if (!query.chatIds().isEmpty()) {
            all.add(keywords(IndexFields.CHAT, query.chatIds()), BooleanClause.Occur.FILTER);
        }
        if (!query.senderIds().isEmpty()) {
            all.add(keywords(IndexFields.SENDER, query.senderIds()), BooleanClause.Occur.FILTER);
        }
        if (!query.types().isEmpty()) {
            List<String> codes = query.types().stream().map(MessageType::code).toList();
            all.add(keywords(IndexFields.TYPE, codes), BooleanClause.Occur.FILTER);
        }
        if (query.fromMillis() != null || query.toMillis() != null) {
            long from = query.fromMillis() == null ? Long.MIN_VALUE : query.fromMillis();
            long to = query.toMillis() == null ? Long.MAX_VALUE : query.toMillis() - 1;
            all.add(LongField.newRangeQuery(IndexFields.SENT_AT, from, to), BooleanClause.Occur.FILTER);
        }
        if (!query.withdrawn()) {
            all.add(new TermQuery(IndexFields.withdrawnTerm()), BooleanClause.Occur.MUST_NOT);
        }
        return all.build();
    }

    /**
     * @param order the requested order
     * @return a sort whose last field is the message id, so every hit carries its id
     */
    static Sort sort(SortOrder order) {
        return order == SortOrder.RELEVANCE ? RELEVANCE : NEWEST;
    }

    /** @return the index of the message id among the sort values of a hit */
    static int idSortSlot(SortOrder order) {
        return sort(order).getSort().length - 1;
    }

    private static Query keywords(String field, Collection<String> values) {
        return KeywordField.newSetQuery(field, values.stream().map(BytesRef::new).toList());
    }
}
