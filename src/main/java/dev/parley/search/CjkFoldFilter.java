package dev.parley.search;

import java.io.IOException;

import org.apache.lucene.analysis.TokenFilter;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;

/**
 * Replaces each character of a Han, kana or Hangul token by its {@link CjkFold} representative, so
 * that アリガトウ, ありがとう and ｱﾘｶﾞﾄｳ's letters index alike, as they compare alike in MariaDB.
 * Tokens of other scripts pass through untouched.
 */
final class CjkFoldFilter extends TokenFilter {
    private final CjkFold fold;
    private final CharTermAttribute term = addAttribute(CharTermAttribute.class);
    private final TypeAttribute type = addAttribute(TypeAttribute.class);
    private final StringBuilder folded = new StringBuilder();

    CjkFoldFilter(TokenStream input, CjkFold fold) {
        super(input);
        this.fold = fold;
    }

    @Override
    public boolean incrementToken() throws IOException {
        if (!input.incrementToken()) {
            return false;
        }
        if (CjkFold.CJK_TYPES.contains(type.type())) {
            foldTerm();
        }
        return true;
    }

    private void foldTerm() {
        char[] buffer = term.buffer();
        int length = term.length();
        boolean changed = false;
        folded.setLength(0);
        for (int i = 0; i < length; ) {
            int c = Character.codePointAt(buffer, i, length);
            int to = fold.fold(c);
            changed |= to != c;
            folded.appendCodePoint(to);
            i += Character.charCount(c);
        }
        if (changed) {
            term.setEmpty().append(folded);
        }
    }
}
