package dev.parley.search;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.LowerCaseFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.miscellaneous.ASCIIFoldingFilter;
import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Analyzes message text, and queries, for substring recall in Chinese, Japanese and Korean and word
 * matching elsewhere, all in one field.
 *
 * <ul>
 *   <li>{@link StandardTokenizer} (Unicode word breaks): every Han character and hiragana is its own
 *       token; katakana and Hangul runs, Latin words, numbers and emoji are tokens of their own.</li>
 *   <li>{@link CjkFoldFilter}: CJK characters the database collation treats as equal become one.</li>
 *   <li>Lower-casing and {@link ASCIIFoldingFilter}: Latin is case- and accent-insensitive and
 *       full-width Latin and digits equal their ASCII forms, as in the collation.</li>
 *   <li>{@link CJKBigramFilter}: each run of adjacent CJK characters becomes its overlapping bigrams
 *       (退款申请 → 退款 款申 申请); a lone CJK character between other text stays a unigram.</li>
 *   <li>{@link RunBoundaryFilter}: runs separated by anything get non-adjacent positions, so a phrase
 *       of bigrams matches only characters that are adjacent in the text.</li>
 * </ul>
 *
 * Instances are thread-safe, like every {@link Analyzer}. The knowledge base ({@code dev.parley.kb}) analyzes
 * its passages with it too, so a question finds FAQ text the way {@code /search} finds messages.
 */
public final class MessageAnalyzer extends Analyzer {
    private final CjkFold fold;

    private MessageAnalyzer(CjkFold fold) {
        this.fold = fold;
    }

    /** @return an analyzer using the shipped fold table */
    public static MessageAnalyzer create() {
        return new MessageAnalyzer(CjkFold.table());
    }

    @Override
    protected TokenStreamComponents createComponents(String fieldName) {
        StandardTokenizer source = new StandardTokenizer();
        TokenStream stream = new CjkFoldFilter(source, fold);
        stream = new LowerCaseFilter(stream);
        stream = new ASCIIFoldingFilter(stream);
        stream = new CJKBigramFilter(stream);
        stream = new RunBoundaryFilter(stream);
        return new TokenStreamComponents(source, stream);
    }
}
