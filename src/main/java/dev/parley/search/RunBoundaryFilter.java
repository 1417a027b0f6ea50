package dev.parley.search;

import java.io.IOException;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Leaves a position gap between two runs of CJK text that are not adjacent in the original text.
 *
 * <p>{@link CJKBigramFilter} gives consecutive positions to the last bigram of one run and the first of
 * the next, so "退款，款项" would index 退款 and 款项 next to each other and the phrase for 退款项 would
 * match although the text does not contain it. Bigrams of one run always overlap by a character;
 * a CJK token that starts at or after the end of the previous CJK token begins a new run and gets one
 * extra position.
 */
final class RunBoundaryFilter extends TokenFilter {
    private final TypeAttribute type = addAttribute(TypeAttribute.class);
    private final OffsetAttribute offset = addAttribute(OffsetAttribute.class);
    private final PositionIncrementAttribute position = addAttribute(PositionIncrementAttribute.class);
    private boolean previousWasCjk;
    private int previousEnd;

    RunBoundaryFilter(TokenStream input) {
        super(input);
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        boolean cjk = isCjkGram(type.type());
        if (cjk && previousWasCjk && offset.startOffset() >= previousEnd) {
            position.setPositionIncrement(position.getPositionIncrement() + 1);
        }
        previousWasCjk = cjk;
        previousEnd = offset.endOffset();
        return true;
    }

    @Override
    public void reset() throws IOException {
        super.reset();
        previousWasCjk = false;
        previousEnd = 0;
    }

    /** @return whether a token type is one {@link CJKBigramFilter} emits for CJK text */
    static boolean isCjkGram(String tokenType) {
        return CJKBigramFilter.DOUBLE_TYPE.equals(tokenType) || CJKBigramFilter.SINGLE_TYPE.equals(tokenType);
    }
}
