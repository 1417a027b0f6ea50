package dev.parley.search;

import java.util.ArrayList;
import java.util.List;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.cjk.CJKBigramFilter;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.AutomatonQuery;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.util.automaton.Automata;
import org.apache.lucene.util.automaton.Automaton;
import org.apache.lucene.util.automaton.Operations;

/**
 * The search text as the index sees it: the clauses a message must all contain. A run of two or
 * more adjacent CJK characters is a phrase of its bigrams (adjacency required, so it matches exactly
 * the texts containing that substring); a lone CJK character matches wherever that character occurs;
 * everything else is a word matched as a whole token.
 */
final class QueryTerms {
    /** Something the message text must contain. */
    sealed interface Clause permits CjkRun, CjkChar, Word {
    }

    /**
     * Two or more adjacent CJK characters.
     *
     * @param bigrams their overlapping bigrams, in order
     */
    record CjkRun(List<String> bigrams) implements Clause {
    }

    /**
     * A CJK character with no CJK neighbour in the query.
     *
     * @param character the (folded) character
     */
    record CjkChar(String character) implements Clause {
    }

    /**
     * A Latin word, number, emoji or other non-CJK token, lower-cased and accent-folded.
     *
     * @param term the term
     */
    record Word(String term) implements Clause {
    }

    private final List<Clause> clauses;

    private QueryTerms(List<Clause> clauses) {
        this.clauses = List.copyOf(clauses);
    }

    /**
     * @param analyzer the index's analyzer
     * @param text     what the user typed
     * @return its clauses; empty when the text has nothing searchable (only punctuation, say)
     */
    static QueryTerms parse(Analyzer analyzer, String text) {
        List<Clause> clauses = new ArrayList<>();
        List<String> run = new ArrayList<>();
        int previousPosition = Integer.MIN_VALUE;
        for (Token token : Token.analyze(analyzer, text)) {
            boolean bigram = token.type().equals(CJKBigramFilter.DOUBLE_TYPE);
            boolean continuesRun = bigram && !run.isEmpty() && token.position() == previousPosition + 1;
            if (!continuesRun && !run.isEmpty()) {
                clauses.add(new CjkRun(List.copyOf(run)));
                run.clear();
            }
            if (bigram) {
                run.add(token.term());
            } else if (token.isCjk()) {
                clauses.add(new CjkChar(token.term()));
            } else {
                clauses.add(new Word(token.term()));
            }
            previousPosition = token.position();
        }
        if (!run.isEmpty()) {
            clauses.add(new CjkRun(List.copyOf(run)));
        }
        return new QueryTerms(clauses);
    }

    /** @return the clauses, in query order */
    List<Clause> clauses() {
        return clauses;
    }

    /** @return whether nothing in the text can match anything */
    boolean isEmpty() {
        return clauses.isEmpty();
    }

    /**
     * @param field the analyzed text field
     * @return a query requiring every clause
     */
    Query toQuery(String field) {
        if (clauses.isEmpty()) {
            return new MatchNoDocsQuery("nothing searchable in the query text");
        }
        if (clauses.size() == 1) {
            return toQuery(field, clauses.getFirst());
        }
        BooleanQuery.Builder all = new BooleanQuery.Builder();
        for (Clause clause : clauses) {
            all.add(toQuery(field, clause), BooleanClause.Occur.MUST);
        }
        return all.build();
    }

    private static Query toQuery(String field, Clause clause) {
        return switch (clause) {
            case CjkRun run when run.bigrams().size() == 1 -> new TermQuery(new Term(field, run.bigrams().getFirst()));
            case CjkRun run -> {
                PhraseQuery.Builder phrase = new PhraseQuery.Builder();
                for (int i = 0; i < run.bigrams().size(); i++) {
                    phrase.add(new Term(field, run.bigrams().get(i)), i);
                }
                yield phrase.build();
            }
            case CjkChar single -> new AutomatonQuery(new Term(field, single.character()),
                    containing(single.character()));
            case Word word -> new TermQuery(new Term(field, word.term()));
        };
    }

    /**
     * CJK text is indexed as bigrams and lone characters, so a character occurs in a text exactly when
     * some term is the character itself, starts with it or ends with it.
     */
    private static Automaton containing(String character) {
        Automaton itself = Automata.makeString(character);
        Automaton any = Automata.makeAnyChar();
        Automaton union = Operations.union(List.of(itself,
                Operations.concatenate(List.of(itself, any)),
                Operations.concatenate(List.of(any, itself))));
        return Operations.determinize(union, Operations.DEFAULT_DETERMINIZE_WORK_LIMIT);
    }
}
