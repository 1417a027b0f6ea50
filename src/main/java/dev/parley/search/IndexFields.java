package dev.parley.search;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KeywordField;
import org.apache.lucene.document.LongField;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.Term;

/**
 * The index's document layout: one document per message, keyed by the message id. Filters are
 * exact-match fields (not analyzed); only the text is analyzed. Nothing is stored: hits are ids and the
 * rows to display come from MariaDB.
 */
final class IndexFields {
    /** Message id: a string term for updates and numeric doc values for reading hits and sorting. */
    static final String ID = "id";
    /** Account id: points and doc values. */
    static final String ACCOUNT = "account";
    /** Chat id, exact. */
    static final String CHAT = "chat";
    /** Sender id, exact. */
    static final String SENDER = "sender";
    /** {@code msg_type} code, exact. */
    static final String TYPE = "type";
    /** Sent time, epoch milliseconds: points and doc values. */
    static final String SENT_AT = "sent_at";
    /** The analyzed text. */
    static final String TEXT = "text";
    /** Present, as {@code 1}, on messages their sender withdrew: searches leave them out unless asked. */
    static final String WITHDRAWN = "withdrawn";

    /**
     * Only the start of a text is indexed (and read from the database): a pasted book must not cost
     * seconds to analyze or megabytes per page of rows.
     */
    static final int MAX_TEXT_CHARS = 10_000;

    private IndexFields() {
    }

    /**
     * @param row a message row
     * @return its document
     */
    static Document document(MessageRow row) {
        Document doc = new Document();
        doc.add(new StringField(ID, Long.toString(row.id()), Field.Store.NO));
        doc.add(new NumericDocValuesField(ID, row.id()));
        doc.add(new LongField(ACCOUNT, row.accountId(), Field.Store.NO));
        doc.add(new KeywordField(CHAT, row.chatId(), Field.Store.NO));
        doc.add(new KeywordField(SENDER, row.senderId(), Field.Store.NO));
        doc.add(new KeywordField(TYPE, row.type(), Field.Store.NO));
        doc.add(new LongField(SENT_AT, row.sentAt(), Field.Store.NO));
        if (row.text() != null && !row.text().isEmpty()) {
            doc.add(new TextField(TEXT, row.text(), Field.Store.NO));
        }
        if (row.withdrawn()) {
            doc.add(new StringField(WITHDRAWN, "1", Field.Store.NO));
        }
        return doc;
    }

    /**
     * @param messageId a message id
     * @return the term identifying its document
     */
    static Term idTerm(long messageId) {
        return new Term(ID, Long.toString(messageId));
    }

    /** @return the term of withdrawn messages */
    static Term withdrawnTerm() {
        return new Term(WITHDRAWN, "1");
    }
}
