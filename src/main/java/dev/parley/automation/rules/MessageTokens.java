package dev.parley.automation.rules;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import dev.parley.search.MessageAnalyzer;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;

/**
 * A text as the search index sees it ({@link MessageAnalyzer}: CJK bigrams, folded Latin words), with each token's
 * positions, so a keyword matches a message exactly where {@code /search} would find it. Analyzed once per message
 * however many rules look at it.
 */
final class MessageTokens {
    /** As in the index: only the start of a very long message is looked at. */
    static final int MAX_CHARS = 10_000;
    private static final Analyzer ANALYZER = MessageAnalyzer.create();

    private final List<String> terms;
    private final List<Integer> positions;
    private final Map<String, List<Integer>> byTerm = new HashMap<>();

    private MessageTokens(List<String> terms, List<Integer> positions) {
        this.terms = terms;
        this.positions = positions;
        for (int i = 0; i < terms.size(); i++) {
            byTerm.computeIfAbsent(terms.get(i), t -> new ArrayList<>()).add(positions.get(i));
        }
    }

    /**
     * @param text a message or a keyword
     * @return its tokens
     */
    static MessageTokens of(String text) {
        String cut = text.length() > MAX_CHARS ? text.substring(0, MAX_CHARS) : text;
        List<String> terms = new ArrayList<>();
        List<Integer> positions = new ArrayList<>();
        try (TokenStream stream = ANALYZER.tokenStream("text", cut)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            PositionIncrementAttribute increment = stream.addAttribute(PositionIncrementAttribute.class);
            stream.reset();
            int position = -1;
            while (stream.incrementToken()) {
                position += increment.getPositionIncrement();
                terms.add(term.toString());
                positions.add(position);
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new MessageTokens(terms, positions);
    }

    /** @return whether the text has no token at all (only punctuation or spaces) */
    boolean isEmpty() {
        return terms.isEmpty();
    }

    /**
     * @param part a keyword part's tokens
     * @return whether they occur here at the same distances from each other (a lone CJK character: inside any token)
     */
    boolean containsPhrase(MessageTokens part) {
        if (part.terms.size() == 1 && isLoneCjk(part.terms.getFirst())) {
            String c = part.terms.getFirst();
            return terms.stream().anyMatch(t -> t.contains(c));
        }
        List<Integer> starts = byTerm.get(part.terms.getFirst());
        if (starts == null) {
            return false;
        }
        int first = part.positions.getFirst();
        for (int start : starts) {
            boolean all = true;
            for (int i = 1; i < part.terms.size() && all; i++) {
                List<Integer> at = byTerm.get(part.terms.get(i));
                all = at != null && at.contains(start + part.positions.get(i) - first);
            }
            if (all) {
                return true;
            }
        }
        return false;
    }

    private static boolean isLoneCjk(String term) {
        if (term.codePointCount(0, term.length()) != 1) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(term.codePointAt(0));
        return script == Character.UnicodeScript.HAN || script == Character.UnicodeScript.HIRAGANA
                || script == Character.UnicodeScript.KATAKANA || script == Character.UnicodeScript.HANGUL;
    }
}
