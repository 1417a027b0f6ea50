package dev.parley.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * One token of analyzed text, with what queries and snippets need to know about it.
 *
 * @param term     the indexed term
 * @param type     the token type ({@code <DOUBLE>}/{@code <SINGLE>} for CJK, else the tokenizer's)
 * @param position the position in the token stream
 * @param start    start offset in the original text
 * @param end      end offset in the original text
 */
record Token(String term, String type, int position, int start, int end) {

    /** @return whether this is a CJK bigram or lone CJK character */
    boolean isCjk() {
        return RunBoundaryFilter.isCjkGram(type);
    }

    /**
     * Runs text through an analyzer.
     *
     * @param analyzer the analyzer
     * @param text     the text
     * @return its tokens in order
     */
    static List<Token> analyze(Analyzer analyzer, String text) {
        List<Token> tokens = new ArrayList<>();
        try (TokenStream stream = analyzer.tokenStream(IndexFields.TEXT, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            TypeAttribute type = stream.addAttribute(TypeAttribute.class);
            OffsetAttribute offset = stream.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                tokens.add(new Token(term.toString(), type.type(), position, offset.startOffset(), offset.endOffset()));
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException("analyzing text in memory failed", e);
        }
        return tokens;
    }
}
