package dev.parley.kb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import dev.parley.search.MessageAnalyzer;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.jdbi.v3.core.Jdbi;

/**
 * The knowledge base AI drafts are grounded in: passages kept in MariaDB ({@code kb_entries}, the truth) and
 * searched through their own Lucene index under {@code <data dir>/kb}, analyzed like messages (CJK bigrams), so
 * {@code 退款} finds a passage about {@code 申请退款}. The index is derived: it is rebuilt from the table each start
 * (a knowledge base is small; a rebuild takes milliseconds).
 */
public final class KnowledgeBase implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(KnowledgeBase.class.getName());
    private static final String ID = "id";
    private static final String BODY = "body";
    private static final int MAX_QUERY_TERMS = 256;

    private final Jdbi jdbi;
    private final InstantSource clock;
    private final Analyzer analyzer = MessageAnalyzer.create();
    private final FSDirectory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;

    private KnowledgeBase(Jdbi jdbi, InstantSource clock, Path dir) throws IOException {
        this.jdbi = jdbi;
        this.clock = clock;
        this.directory = FSDirectory.open(dir);
        this.writer = new IndexWriter(directory, new IndexWriterConfig(analyzer)
                .setOpenMode(IndexWriterConfig.OpenMode.CREATE));
        this.searchers = new SearcherManager(writer, null);
    }

    /**
     * Opens the index directory and rebuilds the index from {@code kb_entries}.
     *
     * @param jdbi  the database
     * @param clock source of times entries are added at
     * @param dir   the index directory
     * @return the knowledge base
     */
    public static KnowledgeBase open(Jdbi jdbi, InstantSource clock, Path dir) {
        try {
            KnowledgeBase kb = new KnowledgeBase(jdbi, clock, dir);
            kb.rebuild();
            return kb;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the knowledge base index in " + dir, e);
        }
    }

    private void rebuild() throws IOException {
        List<KbEntry> all = jdbi.withHandle(h -> h.createQuery("SELECT id, text FROM kb_entries ORDER BY id")
                .map((rs, ctx) -> new KbEntry(rs.getLong(1), rs.getString(2), 0)).list());
        writer.deleteAll();
        for (KbEntry entry : all) {
            writer.addDocument(document(entry.id(), entry.text()));
        }
        commit();
        LOG.info("knowledge base: " + all.size() + " passage(s) indexed");
    }

    /**
     * Adds a passage.
     *
     * @param text    the passage
     * @param addedBy who added it
     * @return its id
     */
    public long add(String text, String addedBy) {
        return addAll(List.of(text), addedBy).getFirst();
    }

    /**
     * Adds passages in one transaction and one index commit (an imported file's passages all at once).
     *
     * @param texts   the passages
     * @param addedBy who added them
     * @return their ids, in order
     */
    public List<Long> addAll(List<String> texts, String addedBy) {
        long at = clock.millis();
        List<Long> ids = jdbi.inTransaction(h -> {
            List<Long> added = new ArrayList<>(texts.size());
            for (String text : texts) {
                added.add(h.createUpdate("INSERT INTO kb_entries (text, added_by, added_at) VALUES (:text, :by, :at)")
                        .bind("text", text).bind("by", addedBy).bind("at", at)
                        .executeAndReturnGeneratedKeys("id").mapTo(Long.class).one());
            }
            return added;
        });
        try {
            for (int i = 0; i < texts.size(); i++) {
                writer.addDocument(document(ids.get(i), texts.get(i)));
            }
            commit();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return ids;
    }

    /**
     * @param id a passage id
     * @return whether it existed
     */
    public boolean remove(long id) {
        boolean removed = jdbi.withHandle(h -> h.createUpdate("DELETE FROM kb_entries WHERE id = :id")
                .bind("id", id).execute()) > 0;
        if (removed) {
            try {
                writer.deleteDocuments(LongPoint.newExactQuery(ID, id));
                commit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return removed;
    }

    /**
     * @param ids passage ids
     * @return the text of each that still exists, by id
     */
    public Map<Long, String> texts(Collection<Long> ids) {
        if (ids.isEmpty()) {
            return Map.of();
        }
        return jdbi.withHandle(h -> h.createQuery("SELECT id, text FROM kb_entries WHERE id IN (<ids>)")
                .bindList("ids", List.copyOf(ids))
                .map((rs, ctx) -> Map.entry(rs.getLong(1), rs.getString(2)))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
    }

    /** @return how many passages there are */
    public long size() {
        return jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM kb_entries").mapTo(Long.class).one());
    }

    /**
     * Finds the passages that share the most words (CJK bigrams) with a question.
     *
     * @param question what was asked
     * @param limit    most passages
     * @return the best first; empty when nothing matches
     */
    public List<KbEntry> search(String question, int limit) {
        Set<String> terms = terms(question, MAX_QUERY_TERMS);
        if (terms.isEmpty() || limit <= 0) {
            return List.of();
        }
        BooleanQuery.Builder query = new BooleanQuery.Builder();
        terms.forEach(t -> query.add(new TermQuery(new Term(BODY, t)), BooleanClause.Occur.SHOULD));
        try {
            searchers.maybeRefresh();
            IndexSearcher searcher = searchers.acquire();
            try {
                List<KbEntry> found = new ArrayList<>();
                for (ScoreDoc hit : searcher.search(query.build(), limit).scoreDocs) {
                    Document doc = searcher.storedFields().document(hit.doc);
                    found.add(new KbEntry(doc.getField(ID).numericValue().longValue(), doc.get(BODY), hit.score));
                }
                return found;
            } finally {
                searchers.release(searcher);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * How much of a question a passage answers, as far as words can tell: what {@code auto} drafting checks before a
     * passage goes out unseen.
     *
     * @param question what was asked
     * @param passage  a passage
     * @return the share of the question's distinct words (CJK bigrams, Latin words, as search splits them) that the
     *         passage contains, from 0 to 1; 0 for a question without words
     */
    public double coverage(String question, String passage) {
        Set<String> asked = terms(question, MAX_QUERY_TERMS);
        if (asked.isEmpty()) {
            return 0;
        }
        Set<String> has = terms(passage, Integer.MAX_VALUE);
        return (double) asked.stream().filter(has::contains).count() / asked.size();
    }

    private Set<String> terms(String text, int max) {
        Set<String> terms = new LinkedHashSet<>();
        try (TokenStream stream = analyzer.tokenStream(BODY, text)) {
            CharTermAttribute term = stream.addAttribute(CharTermAttribute.class);
            stream.reset();
            while (stream.incrementToken() && terms.size() < max) {
                terms.add(term.toString());
            }
            stream.end();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return terms;
    }

    private static Document document(long id, String text) {
        Document doc = new Document();
        doc.add(new LongPoint(ID, id));
        doc.add(new StoredField(ID, id));
        doc.add(new TextField(BODY, text, Field.Store.YES));
        return doc;
    }

    private void commit() throws IOException {
        writer.commit();
        searchers.maybeRefreshBlocking();
    }

    @Override
    public void close() throws IOException {
        searchers.close();
        writer.close();
        directory.close();
    }
}
