package dev.parley.search;

import java.io.Closeable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Logger;

import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexFileNames;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.apache.lucene.util.IOUtils;

/**
 * The Lucene side of the index: directory, writer and near-real-time searchers, plus the watermark
 * kept in the commit user data. Opening never fails on a bad index: an unreadable one is deleted
 * (only Lucene's own files, never anything else in the directory) and started afresh, and one written
 * with another schema is emptied; either way the caller learns it must rebuild from id 0. Only a
 * directory that another process holds locked is an error.
 */
final class IndexStore implements Closeable {
    private static final Logger LOG = Logger.getLogger(IndexStore.class.getName());
    /** Commit user data key of the watermark. */
    static final String WATERMARK = "parley.watermark";
    /** Commit user data key of the schema the index was built with. */
    static final String SCHEMA = "parley.schema";
    /** Bump when fields or analysis change; the fold table's checksum is appended. */
    private static final String SCHEMA_VERSION = "2";

    private final Path path;
    private final Directory directory;
    private final IndexWriter writer;
    private final SearcherManager searchers;
    private final String schema;
    private final long watermark;
    private final String rebuildReason;

    private IndexStore(Path path, Directory directory, IndexWriter writer, SearcherManager searchers, String schema,
                       long watermark, String rebuildReason) {
        this.path = path;
        this.directory = directory;
        this.writer = writer;
        this.searchers = searchers;
        this.schema = schema;
        this.watermark = watermark;
        this.rebuildReason = rebuildReason;
    }

    /**
     * Opens the index in a directory, creating or repairing it as needed.
     *
     * @param path     the index directory (created if missing); the index owns it
     * @param analyzer the analyzer for the text field
     * @return the open store
     * @throws IOException when the directory cannot be used at all, e.g. another process holds its lock
     */
    static IndexStore open(Path path, Analyzer analyzer) throws IOException {
        Files.createDirectories(path);
        String schema = SCHEMA_VERSION + "/" + CjkFold.table().checksum();
        Directory directory = FSDirectory.open(path);
        boolean success = false;
        try {
            boolean exists = DirectoryReader.indexExists(directory);
            IndexStore store = exists ? openExisting(path, directory, analyzer, schema) : null;
            if (store == null) {
                String reason = exists ? "the index was unreadable"
                        : directory.listAll().length == 0 ? "no index yet" : "no index in the directory";
                store = create(path, directory, analyzer, schema, reason);
            }
            success = true;
            return store;
        } finally {
            if (!success) {
                directory.close();
            }
        }
    }

    private static IndexStore openExisting(Path path, Directory directory, Analyzer analyzer, String schema)
            throws IOException {
        IndexWriter writer = null;
        SearcherManager searchers = null;
        try {
            writer = new IndexWriter(directory, config(analyzer, IndexWriterConfig.OpenMode.APPEND));
            Map<String, String> data = new HashMap<>();
            writer.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
            searchers = new SearcherManager(writer, true, false, null);
            if (!schema.equals(data.get(SCHEMA))) {
                IndexStore store = new IndexStore(path, directory, writer, searchers, schema, 0,
                        "index schema " + data.get(SCHEMA) + " is not the current " + schema);
                store.clear();
                return store;
            }
            long watermark = Long.parseLong(data.get(WATERMARK));
            return new IndexStore(path, directory, writer, searchers, schema, watermark, null);
        } catch (LockObtainFailedException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            IOUtils.closeWhileHandlingException(searchers, writer);
            LOG.warning(() -> "index at " + path + " is unreadable, deleting its files and rebuilding: " + e);
            deleteIndexFiles(directory);
            return null;
        }
    }

    private static IndexStore create(Path path, Directory directory, Analyzer analyzer, String schema, String reason)
            throws IOException {
        IndexWriter writer = new IndexWriter(directory, config(analyzer, IndexWriterConfig.OpenMode.CREATE));
        SearcherManager searchers = null;
        boolean success = false;
        try {
            searchers = new SearcherManager(writer, true, false, null);
            IndexStore store = new IndexStore(path, directory, writer, searchers, schema, 0, reason);
            store.commit(0);
            success = true;
            return store;
        } finally {
            if (!success) {
                IOUtils.closeWhileHandlingException(searchers, writer);
            }
        }
    }

    private static IndexWriterConfig config(Analyzer analyzer, IndexWriterConfig.OpenMode mode) {
        return new IndexWriterConfig(analyzer)
                .setOpenMode(mode)
                .setRAMBufferSizeMB(48)
                .setCommitOnClose(false);
    }

    /** Deletes what Lucene would have written, and nothing else. */
    private static void deleteIndexFiles(Directory directory) throws IOException {
        for (String file : directory.listAll()) {
            if (IndexFileNames.CODEC_FILE_PATTERN.matcher(file).matches()
                    || file.startsWith(IndexFileNames.SEGMENTS)
                    || file.startsWith(IndexFileNames.PENDING_SEGMENTS)) {
                directory.deleteFile(file);
            }
        }
    }

    /** @return the highest message id in the last commit; 0 after a (re)creation */
    long watermark() {
        return watermark;
    }

    /** @return why the index starts empty, or {@code null} when it was opened as it was */
    String rebuildReason() {
        return rebuildReason;
    }

    /** @return the directory */
    Path path() {
        return path;
    }

    /** @return the writer; documents are keyed by {@link IndexFields#idTerm} */
    IndexWriter writer() {
        return writer;
    }

    /** @return the searcher manager; acquire and release around every search */
    SearcherManager searchers() {
        return searchers;
    }

    /**
     * @return the highest message id among the documents on disk (0 when empty); rows above it cannot be in
     *         the index yet, so they are added without the delete-by-id an update costs at every refresh
     */
    long highestIndexedId() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            TopFieldDocs top = searcher.search(new MatchAllDocsQuery(), 1,
                    new Sort(new SortField(IndexFields.ID, SortField.Type.LONG, true)));
            return top.scoreDocs.length == 0 ? 0 : (Long) ((FieldDoc) top.scoreDocs[0]).fields[0];
        } finally {
            searchers.release(searcher);
        }
    }

    /** @return how many documents the current searcher sees */
    long searchableDocuments() throws IOException {
        IndexSearcher searcher = searchers.acquire();
        try {
            return searcher.getIndexReader().numDocs();
        } finally {
            searchers.release(searcher);
        }
    }

    /** Deletes every document, for searches at once and on disk at the next commit. */
    void clear() throws IOException {
        writer.deleteAll();
        searchers.maybeRefreshBlocking();
    }

    /**
     * Makes everything added so far durable, together with the id it goes up to.
     *
     * @param upToId the highest message id added
     */
    void commit(long upToId) throws IOException {
        writer.setLiveCommitData(Map.of(WATERMARK, Long.toString(upToId), SCHEMA, schema).entrySet());
        writer.commit();
    }

    /** Closes searchers, writer (dropping anything not committed) and directory. */
    @Override
    public void close() throws IOException {
        IOUtils.close(searchers, writer, directory);
    }
}
