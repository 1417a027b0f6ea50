package dev.parley.search;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Cuts an excerpt of about {@value #WIDTH} characters out of a message around the first match of a
 * query and marks every match in it {@code **like this**}. Matches are found the way the index finds
 * them (same analysis): CJK substrings of the query including their folded forms (アリガトウ marks
 * ありがとう), and whole words case- and accent-insensitively. Line breaks become spaces.
 */
public final class Snippets {
    /** The excerpt's length in characters, not counting marks and ellipses. */
    public static final int WIDTH = 120;
    /** How much text to show before the first match. */
    private static final int LEAD = 30;
    private static final MessageAnalyzer ANALYZER = MessageAnalyzer.create();

    private Snippets() {
    }

    /**
     * @param text  the message text; {@code null} gives an empty excerpt
     * @param query the search text
     * @return the excerpt with matches marked; the start of the text when nothing matches
     */
    public static String excerpt(String text, String query) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        List<int[]> spans = matches(text, QueryTerms.parse(ANALYZER, query));
        int start = 0;
        int end = text.length();
        if (text.length() > WIDTH) {
            int anchor = spans.isEmpty() ? 0 : spans.getFirst()[0];
            start = Math.clamp(anchor - LEAD, 0, text.length() - WIDTH);
            if (start > 0 && Character.isLowSurrogate(text.charAt(start))) {
                start--;
            }
            end = Math.min(text.length(), start + WIDTH);
            if (end < text.length() && Character.isLowSurrogate(text.charAt(end))) {
                end++;
            }
        }
        StringBuilder out = new StringBuilder(end - start + 16);
        if (start > 0) {
            out.append('…');
        }
        int at = start;
        for (int[] span : spans) {
            int from = Math.max(span[0], at);
            int to = Math.min(span[1], end);
            if (from >= to) {
                continue;
            }
            out.append(text, at, from).append("**").append(text, from, to).append("**");
            at = to;
        }
        out.append(text, at, end);
        if (end < text.length()) {
            out.append('…');
        }
        return out.toString().replace("\r\n", " ").replace('\n', ' ').replace('\r', ' ').replace('\t', ' ');
    }

    /** @return the character ranges of the text that match a clause, sorted and merged */
    private static List<int[]> matches(String text, QueryTerms terms) {
        String indexed = indexedPart(text);
        List<Token> tokens = Token.analyze(ANALYZER, indexed);
        List<int[]> spans = new ArrayList<>();
        for (QueryTerms.Clause clause : terms.clauses()) {
            switch (clause) {
                case QueryTerms.CjkRun run -> addRuns(tokens, run.bigrams(), spans);
                case QueryTerms.CjkChar single -> addChars(indexed, tokens, single.character(), spans);
                case QueryTerms.Word word -> tokens.stream()
                        .filter(t -> !t.isCjk() && t.term().equals(word.term()))
                        .forEach(t -> spans.add(new int[] {t.start(), t.end()}));
            }
        }
        spans.sort(Comparator.comparingInt(span -> span[0]));
        List<int[]> merged = new ArrayList<>();
        for (int[] span : spans) {
            int[] last = merged.isEmpty() ? null : merged.getLast();
            if (last != null && span[0] <= last[1]) {
                last[1] = Math.max(last[1], span[1]);
            } else {
                merged.add(span.clone());
            }
        }
        return merged;
    }

    /** @return the part of the text the index sees: its first {@value IndexFields#MAX_TEXT_CHARS} characters */
    private static String indexedPart(String text) {
        if (text.length() <= IndexFields.MAX_TEXT_CHARS
                || text.codePointCount(0, text.length()) <= IndexFields.MAX_TEXT_CHARS) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, IndexFields.MAX_TEXT_CHARS));
    }

    private static void addRuns(List<Token> tokens, List<String> bigrams, List<int[]> spans) {
        for (int i = 0; i + bigrams.size() <= tokens.size(); i++) {
            Token first = tokens.get(i);
            boolean match = true;
            for (int j = 0; j < bigrams.size() && match; j++) {
                Token token = tokens.get(i + j);
                match = token.isCjk() && token.term().equals(bigrams.get(j))
                        && token.position() == first.position() + j;
            }
            if (match) {
                spans.add(new int[] {first.start(), tokens.get(i + bigrams.size() - 1).end()});
            }
        }
    }

    private static void addChars(String text, List<Token> tokens, String character, List<int[]> spans) {
        for (Token token : tokens) {
            if (!token.isCjk()) {
                continue;
            }
            if (token.term().equals(character)) {
                spans.add(new int[] {token.start(), token.end()});
                continue;
            }
            if (token.term().startsWith(character)) {
                int first = Character.charCount(text.codePointAt(token.start()));
                spans.add(new int[] {token.start(), token.start() + first});
            }
            if (token.term().endsWith(character)) {
                int last = Character.charCount(text.codePointBefore(token.end()));
                spans.add(new int[] {token.end() - last, token.end()});
            }
        }
    }
}
