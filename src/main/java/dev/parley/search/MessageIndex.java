package dev.parley.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TopFieldCollectorManager;
import org.apache.lucene.search.TopFieldDocs;
import org.apache.lucene.store.AlreadyClosedException;
import org.jdbi.v3.core.Jdbi;

/**
 * The full-text index over messages: Chinese, Japanese, Korean and everything else in one Lucene
 * index, derived from MariaDB and following it.
 *
 * <p>Lifecycle: {@link #open} reads (or repairs, or creates) the index and decides what is missing;
 * {@link #start} starts two named daemon threads, {@code parley-index-tail}, which reads new rows by id
 * into the writer, and {@code parley-index-refresh}, which makes them searchable every refresh
 * interval (never per message); {@link #close} stops both, commits the watermark and releases
 * everything, and may be called any number of times. After close, {@link #search} and
 * {@link #start} throw {@link AlreadyClosedException}; {@link #status} and {@link #awaitIndexed} keep
 * answering with the last known state.
 *
 * <p>The watermark, the highest message id indexed, lives in the Lucene commit. At open a missing,
 * empty or unreadable index, one built with another schema, or one ahead of the database (restored
 * from another backup) is rebuilt from id 0; otherwise indexing resumes after the watermark. Either
 * way the rows found missing are the backlog, reported as {@link IndexStatus.State#REBUILDING}.
 *
 * <p>The {@code dir} belongs to the index: on an unreadable index it deletes Lucene's files there.
 * One index per registry: it registers {@code parley_index_lag_seconds} and
 * {@code parley_index_documents} and unregisters them on close.
 */
public final class MessageIndex implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MessageIndex.class.getName());
    /** The longest refresh interval allowed: a committed message must be searchable within a second. */
    public static final Duration MAX_REFRESH_INTERVAL = Duration.ofSeconds(1);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private final IndexStore store;
    private final MessageAnalyzer analyzer;
    private final Visibility visibility;
    private final Tailer tailer;
    private final Duration refreshInterval;
    private final IndexMetrics metrics;
    private final AtomicBoolean started = new AtomicBoolean();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile long documents;
    private Thread tailThread;
    private ScheduledExecutorService refresher;

    private MessageIndex(IndexStore store, MessageAnalyzer analyzer, Visibility visibility, Tailer tailer,
                         Duration refreshInterval, PrometheusRegistry registry) throws IOException {
        this.store = store;
        this.analyzer = analyzer;
        this.visibility = visibility;
        this.tailer = tailer;
        this.refreshInterval = refreshInterval;
        this.documents = store.searchableDocuments();
        this.metrics = IndexMetrics.register(registry, () -> visibility.lagSeconds(System.nanoTime()),
                () -> documents);
    }

    /**
     * Opens the index, deciding from its watermark and the database what must be (re)indexed. Nothing
     * runs in the background until {@link #start()}.
     *
     * @param dir             the index directory, created if missing; owned by the index
     * @param jdbi            the database holding {@code messages}
     * @param refreshInterval how often new messages become searchable, and how often the tailer looks for
     *                        new rows when nobody notifies it; positive, at most one second
     * @param registry        where to register the index's gauges
     * @return the open index
     * @throws UncheckedIOException when the directory cannot be used, e.g. another process has it open
     */
    public static MessageIndex open(Path dir, Jdbi jdbi, Duration refreshInterval, PrometheusRegistry registry) {
        Objects.requireNonNull(jdbi, "jdbi");
        Objects.requireNonNull(registry, "registry");
        if (refreshInterval.isNegative() || refreshInterval.isZero()
                || refreshInterval.compareTo(MAX_REFRESH_INTERVAL) > 0) {
            throw new IllegalArgumentException("refresh interval " + refreshInterval + " is not in (0, 1s]");
        }
        MessageAnalyzer analyzer = MessageAnalyzer.create();
        IndexStore store;
        try {
            store = IndexStore.open(dir, analyzer);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the message index at " + dir + ": " + e.getMessage(), e);
        }
        boolean success = false;
        try {
            MessageIndex index = prepare(store, analyzer, new MessageRows(jdbi), refreshInterval, registry);
            success = true;
            return index;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the message index at " + dir + ": " + e.getMessage(), e);
        } finally {
            if (!success) {
                closeQuietly(store);
            }
        }
    }

    private static MessageIndex prepare(IndexStore store, MessageAnalyzer analyzer, MessageRows rows,
                                        Duration refreshInterval, PrometheusRegistry registry) throws IOException {
        long databaseMax = rows.maxId();
        long watermark = store.watermark();
        String rebuildReason = store.rebuildReason();
        if (watermark > databaseMax) {
            rebuildReason = "index watermark " + watermark + " is ahead of the database's highest id " + databaseMax;
            store.clear();
            watermark = 0;
        }
        long now = System.nanoTime();
        Visibility visibility = new Visibility();
        visibility.refreshed(watermark, Long.MIN_VALUE);
        RebuildProgress progress = null;
        if (databaseMax > watermark) {
            visibility.committed(databaseMax, now);
            long backlog = rows.count(watermark, databaseMax);
            progress = rebuildReason != null
                    ? RebuildProgress.start("rebuild", rebuildReason, backlog, now)
                    : RebuildProgress.start("catch-up", "resuming after id " + watermark, backlog, now);
        } else if (rebuildReason != null) {
            LOG.info("index created: " + rebuildReason);
        }
        Tailer tailer = new Tailer(rows, store, visibility, refreshInterval, watermark, databaseMax,
                store.highestIndexedId(), progress);
        MessageIndex index = new MessageIndex(store, analyzer, visibility, tailer, refreshInterval, registry);
        long resumeAfter = watermark;
        LOG.info(() -> "index open at " + store.path() + ": " + index.documents + " messages, watermark "
                + resumeAfter + ", database at " + databaseMax);
        return index;
    }

    /**
     * Starts following the database: the tail and refresh threads.
     *
     * @throws IllegalStateException when already started
     * @throws AlreadyClosedException when closed
     */
    public void start() {
        ensureOpen();
        if (!started.compareAndSet(false, true)) {
            throw new IllegalStateException("the message index is already started");
        }
        tailThread = new Thread(tailer, "parley-index-tail");
        tailThread.setDaemon(true);
        refresher = Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "parley-index-refresh");
            thread.setDaemon(true);
            return thread;
        });
        tailThread.start();
        long interval = refreshInterval.toNanos();
        refresher.scheduleWithFixedDelay(this::refresh, interval, interval, TimeUnit.NANOSECONDS);
    }

    /**
     * Tells the index that messages up to an id are committed, so it reads them now rather than at its
     * next poll. Cheap and non-blocking; call it after every commit. Ids that do not exist are harmless;
     * after close the call is ignored.
     *
     * @param maxId the highest committed message id
     */
    public void notifyCommitted(long maxId) {
        if (!closed.get()) {
            tailer.notifyCommitted(maxId);
        }
    }

    /**
     * Searches what is searchable now.
     *
     * @param query what to find
     * @return the total and the requested page of message ids
     * @throws AlreadyClosedException when closed
     */
    public SearchResult search(SearchQuery query) {
        ensureOpen();
        QueryTerms terms = QueryTerms.parse(analyzer, query.text());
        if (terms.isEmpty()) {
            return SearchResult.empty();
        }
        TopFieldCollectorManager collector = new TopFieldCollectorManager(LuceneQueries.sort(query.sort()),
                query.offset() + query.limit(), null, Integer.MAX_VALUE);
        int idSlot = LuceneQueries.idSortSlot(query.sort());
        IndexSearcher searcher = acquire();
        try {
            TopFieldDocs top = searcher.search(LuceneQueries.toQuery(query, terms), collector);
            List<Long> ids = new ArrayList<>();
            ScoreDoc[] hits = top.scoreDocs;
            for (int i = query.offset(); i < hits.length; i++) {
                ids.add((Long) ((FieldDoc) hits[i]).fields[idSlot]);
            }
            return new SearchResult(top.totalHits.value(), ids);
        } catch (IOException e) {
            throw new UncheckedIOException("search failed: " + e.getMessage(), e);
        } finally {
            releaseQuietly(searcher);
        }
    }

    /** @return what the index is doing, how far it got and how far behind it is */
    public IndexStatus status() {
        return new IndexStatus(tailer.state(), tailer.backlogIndexed(), tailer.backlogSize(), documents,
                visibility.searchable(), visibility.lagSeconds(System.nanoTime()), tailer.error());
    }

    /**
     * Waits until a message is searchable, for tests and benchmarks that need "searchable now".
     *
     * @param messageId the message id
     * @param timeout   how long to wait at most
     * @return whether it is searchable; {@code false} on timeout (always for an id beyond the table) and
     *     when the index closes meanwhile. An id that was never committed (a gap) counts as searchable
     *     once a higher id is
     * @throws InterruptedException when interrupted while waiting
     */
    public boolean awaitIndexed(long messageId, Duration timeout) throws InterruptedException {
        return visibility.await(messageId, timeout);
    }

    /** Stops the threads, commits the watermark and closes the index; later calls do nothing. */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        tailer.stop();
        if (tailThread != null) {
            joinQuietly(tailThread);
        }
        if (refresher != null) {
            refresher.shutdown();
            try {
                if (!refresher.awaitTermination(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                    LOG.warning("index refresh thread did not stop in time");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        visibility.close();
        metrics.close();
        try {
            store.close();
        } catch (IOException e) {
            throw new UncheckedIOException("closing the message index failed: " + e.getMessage(), e);
        }
        LOG.info(() -> "index closed at watermark " + tailer.added());
    }

    private void refresh() {
        try {
            long exhausted = tailer.exhaustedReadNanos();
            long added = tailer.added();
            store.searchers().maybeRefreshBlocking();
            documents = store.searchableDocuments();
            visibility.refreshed(added, exhausted);
        } catch (AlreadyClosedException e) {
            // closing, or the writer broke; the tailer reports the latter
        } catch (IOException | RuntimeException e) {
            LOG.warning("index refresh failed: " + e);
        }
    }

    private void ensureOpen() {
        if (closed.get()) {
            throw new AlreadyClosedException("the message index is closed");
        }
    }

    private IndexSearcher acquire() {
        try {
            return store.searchers().acquire();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open a searcher: " + e.getMessage(), e);
        }
    }

    private void releaseQuietly(IndexSearcher searcher) {
        try {
            store.searchers().release(searcher);
        } catch (IOException e) {
            LOG.warning("releasing a searcher failed: " + e);
        }
    }

    private static void joinQuietly(Thread thread) {
        try {
            thread.join(STOP_TIMEOUT);
            if (thread.isAlive()) {
                LOG.warning(thread.getName() + " did not stop in time");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void closeQuietly(IndexStore store) {
        try {
            store.close();
        } catch (IOException e) {
            LOG.warning("closing the index after a failed open failed: " + e);
        }
    }
}
