package dev.parley.search;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Stream;

import dev.parley.bench.SyntheticChat;
import dev.parley.bench.SyntheticMessage;
import dev.parley.db.Database;
import dev.parley.testing.TestDatabase;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.store.FSDirectory;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The index is derived: whatever happened to its directory (deleted, behind, garbage, ahead of the
 * database, locked by someone else), opening it ends with exactly the database's messages, each once.
 */
class MessageIndexRecoveryTest {
    private static final Logger SEARCH_LOG = Logger.getLogger("dev.parley.search");
    private static Database db;
    private static long[] accounts;
    private static long seed = 100;
    private static List<String> texts = new ArrayList<>();

    @TempDir
    Path dir;
    private final List<LogRecord> logged = new CopyOnWriteArrayList<>();
    private final Handler capture = new Handler() {
        @Override
        public void publish(LogRecord record) {
            logged.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    private Level previousLevel;

    @BeforeAll
    static void openDatabase() {
        db = TestDatabase.create("indexrecovery");
        accounts = new long[] {TestMessages.account(db.jdbi(), "recovery-a"),
                TestMessages.account(db.jdbi(), "recovery-b"), TestMessages.account(db.jdbi(), "recovery-c")};
        addMessages(600);
    }

    @AfterAll
    static void closeDatabase() {
        db.close();
    }

    @BeforeEach
    void captureLog() {
        previousLevel = SEARCH_LOG.getLevel();
        SEARCH_LOG.setLevel(Level.INFO);
        SEARCH_LOG.setUseParentHandlers(false);
        SEARCH_LOG.addHandler(capture);
    }

    @AfterEach
    void releaseLog() {
        SEARCH_LOG.removeHandler(capture);
        SEARCH_LOG.setUseParentHandlers(true);
        SEARCH_LOG.setLevel(previousLevel);
        for (LogRecord record : logged) {
            for (String text : texts) {
                if (text.length() >= 4) {
                    assertThat(record.getMessage()).as("log lines carry no message text").doesNotContain(text);
                }
            }
        }
    }

    private static long addMessages(int count) {
        List<SyntheticMessage> batch = SyntheticChat.builder().seed(seed++).build().messages(count).toList();
        batch.stream().map(SyntheticMessage::text).filter(Objects::nonNull).forEach(texts::add);
        return TestMessages.insert(db.jdbi(), accounts, batch);
    }

    private MessageIndex openAndCatchUp() throws InterruptedException {
        MessageIndex index = MessageIndex.open(dir, db.jdbi(), Duration.ofMillis(50), new PrometheusRegistry());
        index.start();
        assertThat(index.awaitIndexed(TestMessages.maxId(db.jdbi()), Duration.ofSeconds(20))).isTrue();
        return index;
    }

    /** Every row is a document exactly once, and searches agree with LIKE. */
    private static void assertMirrorsDatabase(MessageIndex index) {
        long rows = db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM messages").mapTo(Long.class).one());
        assertThat(index.status().documents()).isEqualTo(rows);
        for (String query : List.of("退款", "订单号", "团长", "哈哈哈")) {
            SearchResult result = index.search(SearchQuery.builder(query).page(0, SearchQuery.MAX_WINDOW).build());
            assertThat(result.messageIds()).doesNotHaveDuplicates()
                    .containsExactlyInAnyOrderElementsOf(TestMessages.like(db.jdbi(), query));
        }
    }

    private boolean logged(String fragment) {
        return logged.stream().anyMatch(r -> r.getMessage().contains(fragment));
    }

    @Test
    void anEmptyDirectoryIsBuiltFromScratchWithProgressLogged() throws InterruptedException {
        try (MessageIndex index = openAndCatchUp()) {
            assertThat(Eventually.holds(() -> index.status().state() == IndexStatus.State.READY)).isTrue();
            assertThat(index.status().total()).isEqualTo(index.status().done()).isPositive();
            assertMirrorsDatabase(index);
        }
        assertThat(logged("index rebuild started (no index yet)")).isTrue();
        assertThat(logged("index rebuild finished")).isTrue();
    }

    @Test
    void aDeletedDirectoryIsRebuilt() throws Exception {
        openAndCatchUp().close();
        deleteRecursively(dir);
        try (MessageIndex index = openAndCatchUp()) {
            assertMirrorsDatabase(index);
        }
    }

    @Test
    void anIndexThatIsBehindResumesFromItsWatermark() throws Exception {
        openAndCatchUp().close();
        long before = TestMessages.maxId(db.jdbi());
        long after = addMessages(150);
        try (MessageIndex index = MessageIndex.open(dir, db.jdbi(), Duration.ofMillis(50), new PrometheusRegistry())) {
            assertThat(index.status().state()).isEqualTo(IndexStatus.State.REBUILDING);
            assertThat(index.status().watermark()).isEqualTo(before);
            assertThat(index.status().total()).isEqualTo(after - before);
            index.start();
            assertThat(index.awaitIndexed(after, Duration.ofSeconds(10))).isTrue();
            assertThat(Eventually.holds(() -> index.status().state() == IndexStatus.State.READY)).isTrue();
            assertMirrorsDatabase(index);
        }
        assertThat(logged("index catch-up started (resuming after id " + before + ")")).isTrue();
    }

    @Test
    void rereadingRowsAlreadyIndexedDoesNotDuplicateThem() throws Exception {
        openAndCatchUp().close();
        rewriteCommitData(IndexStore.WATERMARK, "0");
        try (MessageIndex index = openAndCatchUp()) {
            assertThat(index.status().total()).isEqualTo(index.status().done()).isPositive();
            assertMirrorsDatabase(index);
        }
    }

    @Test
    void anIndexAheadOfTheDatabaseIsRebuilt() throws Exception {
        openAndCatchUp().close();
        rewriteCommitData(IndexStore.WATERMARK, Long.toString(TestMessages.maxId(db.jdbi()) + 1_000));
        try (MessageIndex index = openAndCatchUp()) {
            assertMirrorsDatabase(index);
        }
        assertThat(logged("is ahead of the database")).isTrue();
    }

    @Test
    void anIndexOfAnotherSchemaIsRebuilt() throws Exception {
        openAndCatchUp().close();
        rewriteCommitData(IndexStore.SCHEMA, "0/old");
        try (MessageIndex index = openAndCatchUp()) {
            assertMirrorsDatabase(index);
        }
        assertThat(logged("index schema 0/old is not the current")).isTrue();
    }

    @Test
    void aGarbageIndexIsRebuiltAndForeignFilesAreLeftAlone() throws Exception {
        openAndCatchUp().close();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("segments_")).toList()) {
                Files.writeString(file, "not an index", StandardCharsets.UTF_8);
            }
        }
        Files.writeString(dir.resolve("_0.cfs"), "garbage", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("notes.txt"), "someone else's file", StandardCharsets.UTF_8);
        try (MessageIndex index = openAndCatchUp()) {
            assertMirrorsDatabase(index);
        }
        assertThat(dir.resolve("notes.txt")).exists();
        assertThat(logged("is unreadable, deleting its files and rebuilding")).isTrue();
    }

    @Test
    void aTruncatedSegmentFileIsRebuilt() throws Exception {
        openAndCatchUp().close();
        Path largest;
        try (Stream<Path> files = Files.list(dir)) {
            largest = files.max(Comparator.comparingLong(f -> f.toFile().length())).orElseThrow();
        }
        byte[] bytes = Files.readAllBytes(largest);
        Files.write(largest, Arrays.copyOf(bytes, bytes.length / 2));
        try (MessageIndex index = openAndCatchUp()) {
            assertMirrorsDatabase(index);
        }
        assertThat(logged("is unreadable, deleting its files and rebuilding")).isTrue();
    }

    @Test
    void aDatabaseFailureIsReportedAndRetriedUntilItPasses() throws Exception {
        AtomicBoolean reachable = new AtomicBoolean(true);
        Jdbi flaky = Jdbi.create(() -> {
            if (!reachable.get()) {
                throw new SQLException("database unreachable (test)");
            }
            return db.dataSource().getConnection();
        });
        try (MessageIndex index = MessageIndex.open(dir, flaky, Duration.ofMillis(50), new PrometheusRegistry())) {
            index.start();
            assertThat(index.awaitIndexed(TestMessages.maxId(db.jdbi()), Duration.ofSeconds(10))).isTrue();
            reachable.set(false);
            assertThat(Eventually.holds(() -> index.status().state() == IndexStatus.State.FAILED)).isTrue();
            assertThat(index.status().error()).contains("database unreachable (test)");
            assertThat(index.search(SearchQuery.of("退款")).total()).isPositive();
            long max = addMessages(20);
            index.notifyCommitted(max);
            reachable.set(true);
            assertThat(index.awaitIndexed(max, Duration.ofSeconds(10))).isTrue();
            assertThat(Eventually.holds(() -> index.status().state() == IndexStatus.State.READY)).isTrue();
            assertMirrorsDatabase(index);
        }
        assertThat(logged("indexing failed, retrying")).isTrue();
        assertThat(logged("indexing works again")).isTrue();
    }

    @Test
    void aDirectoryInUseIsNotTouched() throws Exception {
        try (MessageIndex index = openAndCatchUp()) {
            assertThatThrownBy(() -> MessageIndex.open(dir, db.jdbi(), Duration.ofMillis(50), new PrometheusRegistry()))
                    .isInstanceOf(UncheckedIOException.class);
            assertMirrorsDatabase(index);
        }
    }

    private void rewriteCommitData(String key, String value) throws IOException {
        try (FSDirectory directory = FSDirectory.open(dir);
             IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(MessageAnalyzer.create())
                     .setOpenMode(IndexWriterConfig.OpenMode.APPEND))) {
            Map<String, String> data = new HashMap<>();
            writer.getLiveCommitData().forEach(e -> data.put(e.getKey(), e.getValue()));
            data.put(key, value);
            writer.setLiveCommitData(data.entrySet());
            writer.commit();
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
