package dev.parley.search;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.parley.db.Database;
import dev.parley.message.MessageType;
import dev.parley.testing.TestDatabase;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import org.apache.lucene.store.AlreadyClosedException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Filters, order, paging, text semantics, visibility and abuse of a running index. */
class MessageIndexTest {
    @TempDir
    static Path indexDir;
    private static Database db;
    private static PrometheusRegistry registry;
    private static MessageIndex index;
    private static long a;
    private static long b;
    private static long m1;
    private static long m2;
    private static long m3;
    private static long m4;
    private static long m5;
    private static long m6;
    private static long m7;
    private static long shortInvoice;
    private static long longInvoice;

    @BeforeAll
    static void setUp() throws InterruptedException {
        db = TestDatabase.create("messageindex");
        a = TestMessages.account(db.jdbi(), "index-a");
        b = TestMessages.account(db.jdbi(), "index-b");
        m1 = insert(a, "x@chatroom", "alice", MessageType.TEXT, "我要退款 refund please", 1_000);
        m2 = insert(a, "x@chatroom", "bob", MessageType.TEXT, "退款已经处理 Refund done", 3_000);
        m3 = insert(a, "y@chatroom", "alice", MessageType.QUOTE, "请问退款进度 REFUND?", 2_000);
        m4 = insert(b, "z@chatroom", "carol", MessageType.TEXT, "退款 refunds 订单123", 5_000);
        m5 = insert(b, "z@chatroom", "carol", MessageType.LINK, "订单号123456发货 refunded", 4_000);
        m6 = insert(a, "x@chatroom", "bob", MessageType.TEXT, "Café résumé ＯＫ", 6_000);
        m7 = insert(b, "z@chatroom", "dave", MessageType.TEXT, "订单123 退款 refund", 5_000);
        shortInvoice = insert(a, "x@chatroom", "bob", MessageType.TEXT, "发票发票发票", 7_000);
        longInvoice = insert(a, "x@chatroom", "bob", MessageType.TEXT,
                "请问什么时候可以开发票呢我已经等了很久了麻烦尽快处理谢谢", 8_000);
        insert(a, "x@chatroom", "bob", MessageType.IMAGE, null, 9_000);
        registry = new PrometheusRegistry();
        index = MessageIndex.open(indexDir, db.jdbi(), Duration.ofMillis(100), registry);
        index.start();
        assertThat(index.awaitIndexed(TestMessages.maxId(db.jdbi()), Duration.ofSeconds(10))).isTrue();
    }

    @AfterAll
    static void tearDown() {
        index.close();
        db.close();
    }

    private static long insert(long account, String chat, String sender, MessageType type, String text, long sentAt) {
        return TestMessages.insert(db.jdbi(), account, chat, sender, type, text, sentAt);
    }

    private static List<Long> ids(SearchQuery.Builder query) {
        return index.search(query.page(0, 100).build()).messageIds();
    }

    @Test
    void newestFirstSortsBySentTimeThenIdDescending() {
        assertThat(ids(SearchQuery.builder("退款"))).containsExactly(m7, m4, m2, m3, m1);
    }

    @Test
    void relevancePutsTheDenserMatchFirst() {
        assertThat(ids(SearchQuery.builder("发票"))).containsExactly(longInvoice, shortInvoice);
        assertThat(ids(SearchQuery.builder("发票").sort(SortOrder.RELEVANCE))).containsExactly(shortInvoice, longInvoice);
    }

    @Test
    void filtersNarrowByAccountChatSenderTypeAndTime() {
        assertThat(ids(SearchQuery.builder("退款").accounts(a))).containsExactlyInAnyOrder(m1, m2, m3);
        assertThat(ids(SearchQuery.builder("退款").accounts(a, b))).hasSize(5);
        assertThat(ids(SearchQuery.builder("退款").chats("z@chatroom"))).containsExactlyInAnyOrder(m4, m7);
        assertThat(ids(SearchQuery.builder("退款").senders("alice"))).containsExactlyInAnyOrder(m1, m3);
        assertThat(ids(SearchQuery.builder("退款").types(MessageType.QUOTE))).containsExactly(m3);
        assertThat(ids(SearchQuery.builder("退款").types(MessageType.QUOTE, MessageType.TEXT))).hasSize(5);
        assertThat(ids(SearchQuery.builder("退款").accounts(b).senders("alice"))).isEmpty();
    }

    @Test
    void timeRangeIncludesFromAndExcludesTo() {
        assertThat(ids(SearchQuery.builder("退款").from(2_000L).to(3_000L))).containsExactly(m3);
        assertThat(ids(SearchQuery.builder("退款").from(2_000L).to(3_001L))).containsExactly(m2, m3);
        assertThat(ids(SearchQuery.builder("退款").from(5_000L))).containsExactly(m7, m4);
        assertThat(ids(SearchQuery.builder("退款").to(2_000L))).containsExactly(m1);
    }

    @Test
    void pagesAreSlicesOfTheSameOrderWithTheFullTotal() {
        SearchResult first = index.search(SearchQuery.builder("退款").page(0, 2).build());
        SearchResult second = index.search(SearchQuery.builder("退款").page(2, 2).build());
        SearchResult third = index.search(SearchQuery.builder("退款").page(4, 2).build());
        SearchResult beyond = index.search(SearchQuery.builder("退款").page(10, 2).build());
        assertThat(first.messageIds()).containsExactly(m7, m4);
        assertThat(second.messageIds()).containsExactly(m2, m3);
        assertThat(third.messageIds()).containsExactly(m1);
        assertThat(beyond.messageIds()).isEmpty();
        assertThat(List.of(first.total(), second.total(), third.total(), beyond.total())).containsOnly(5L);
    }

    @Test
    void latinMatchesWholeWordsIgnoringCaseAccentsAndWidth() {
        assertThat(ids(SearchQuery.builder("refund"))).containsExactlyInAnyOrder(m1, m2, m3, m7);
        assertThat(ids(SearchQuery.builder("REFUND"))).containsExactlyInAnyOrder(m1, m2, m3, m7);
        assertThat(ids(SearchQuery.builder("refunds"))).containsExactly(m4);
        assertThat(ids(SearchQuery.builder("CAFE"))).containsExactly(m6);
        assertThat(ids(SearchQuery.builder("ok"))).containsExactly(m6);
        assertThat(ids(SearchQuery.builder("ＯＫ"))).containsExactly(m6);
    }

    @Test
    void mixedQueriesRequireEveryPart() {
        assertThat(ids(SearchQuery.builder("退款 refund"))).containsExactlyInAnyOrder(m1, m2, m3, m7);
        assertThat(ids(SearchQuery.builder("订单123"))).containsExactlyInAnyOrder(m4, m7);
        assertThat(ids(SearchQuery.builder("123456"))).containsExactly(m5);
        assertThat(ids(SearchQuery.builder("退款 nothing"))).isEmpty();
    }

    @Test
    void textWithNothingSearchableFindsNothing() {
        assertThat(index.search(SearchQuery.of("？！…")).total()).isZero();
    }

    @Test
    void invalidQueriesAreRefused() {
        assertThatThrownBy(() -> SearchQuery.of(" ")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchQuery.of("退".repeat(SearchQuery.MAX_TEXT_LENGTH + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchQuery.builder("x").page(SearchQuery.MAX_WINDOW, 1).build())
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SearchQuery.builder("x").from(5L).to(5L).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aNotifiedMessageIsSearchableWithinOneSecond() throws InterruptedException {
        long id = insert(a, "v@chatroom", "vic", MessageType.TEXT, "可见性测试一号", System.currentTimeMillis());
        index.notifyCommitted(id);
        assertThat(index.awaitIndexed(id, Duration.ofSeconds(1))).isTrue();
        assertThat(ids(SearchQuery.builder("可见性测试一号"))).containsExactly(id);
    }

    @Test
    void anUnnotifiedMessageIsFoundByPolling() throws InterruptedException {
        long id = insert(a, "v@chatroom", "vic", MessageType.TEXT, "轮询测试", System.currentTimeMillis());
        assertThat(index.awaitIndexed(id, Duration.ofSeconds(5))).isTrue();
        assertThat(ids(SearchQuery.builder("轮询测试"))).containsExactly(id);
    }

    @Test
    void notificationsBeyondTheTableAreHarmless() throws InterruptedException {
        long max = TestMessages.maxId(db.jdbi());
        index.notifyCommitted(max + 1_000_000);
        index.notifyCommitted(Long.MAX_VALUE);
        assertThat(index.awaitIndexed(max + 1_000_000, Duration.ofMillis(300))).isFalse();
        long id = insert(a, "v@chatroom", "vic", MessageType.TEXT, "越界通知之后", System.currentTimeMillis());
        index.notifyCommitted(id);
        assertThat(index.awaitIndexed(id, Duration.ofSeconds(1))).isTrue();
        assertThat(ids(SearchQuery.builder("越界通知"))).containsExactly(id);
        assertThat(Eventually.holds(() -> index.status().lagSeconds() == 0)).isTrue();
        long selects = selectsSoFar();
        index.notifyCommitted(Long.MAX_VALUE);
        Thread.sleep(500);
        assertThat(selectsSoFar() - selects).as("the tailer polls, it does not spin").isLessThan(50);
    }

    private static long selectsSoFar() {
        return db.jdbi().withHandle(h -> h.createQuery("SHOW GLOBAL STATUS LIKE 'Com_select'")
                .map((rs, ctx) -> rs.getLong(2)).one());
    }

    @Test
    void statusAndGaugesReportTheIndex() throws InterruptedException {
        assertThat(Eventually.holds(() -> index.status().lagSeconds() == 0
                && index.status().watermark() == TestMessages.maxId(db.jdbi()))).isTrue();
        IndexStatus status = index.status();
        assertThat(status.state()).isEqualTo(IndexStatus.State.READY);
        assertThat(status.error()).isNull();
        assertThat(status.documents()).isEqualTo(rowCount());
        assertThat(gauge(registry.scrape(), "parley_index_documents")).isEqualTo(status.documents());
        assertThat(gauge(registry.scrape(), "parley_index_lag_seconds")).isZero();
    }

    @Test
    void searchesRunConcurrentlyWithIndexing() throws Exception {
        int batches = 8;
        int perBatch = 50;
        AtomicBoolean writing = new AtomicBoolean(true);
        ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
        AtomicInteger searches = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(3);
        List<Thread> readers = new ArrayList<>();
        for (int r = 0; r < 3; r++) {
            Thread reader = new Thread(() -> {
                long previous = 0;
                started.countDown();
                while (writing.get()) {
                    try {
                        long total = index.search(SearchQuery.of("并发写入")).total();
                        if (total < previous) {
                            failures.add(new AssertionError("total went down from " + previous + " to " + total));
                        }
                        previous = total;
                        searches.incrementAndGet();
                    } catch (RuntimeException e) {
                        failures.add(e);
                    }
                }
            }, "test-searcher-" + r);
            reader.start();
            readers.add(reader);
        }
        started.await();
        long last = 0;
        for (int i = 0; i < batches; i++) {
            for (int j = 0; j < perBatch; j++) {
                last = insert(b, "c@chatroom", "writer", MessageType.TEXT, "并发写入第" + i + "批", i);
            }
            index.notifyCommitted(last);
        }
        assertThat(index.awaitIndexed(last, Duration.ofSeconds(5))).isTrue();
        writing.set(false);
        for (Thread reader : readers) {
            reader.join();
        }
        assertThat(failures).isEmpty();
        assertThat(searches.get()).isPositive();
        assertThat(index.search(SearchQuery.of("并发写入")).total()).isEqualTo(batches * perBatch)
                .isEqualTo(TestMessages.like(db.jdbi(), "并发写入").size());
    }

    @Test
    void aClosedIndexRefusesWorkAndClosingTwiceIsFine(@TempDir Path dir) throws InterruptedException {
        PrometheusRegistry own = new PrometheusRegistry();
        MessageIndex other = MessageIndex.open(dir, db.jdbi(), Duration.ofMillis(100), own);
        other.start();
        assertThatThrownBy(other::start).isInstanceOf(IllegalStateException.class);
        long max = TestMessages.maxId(db.jdbi());
        assertThat(other.awaitIndexed(max, Duration.ofSeconds(10))).isTrue();
        other.close();
        other.close();
        assertThatThrownBy(() -> other.search(SearchQuery.of("退款"))).isInstanceOf(AlreadyClosedException.class)
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(other::start).isInstanceOf(IllegalStateException.class);
        assertThat(other.awaitIndexed(max + 1, Duration.ofMillis(10))).isFalse();
        assertThat(other.awaitIndexed(max, Duration.ofMillis(10))).isTrue();
        other.notifyCommitted(max + 1);
        assertThat(other.status().watermark()).isEqualTo(max);
        assertThat(own.scrape().size()).isZero();
        MessageIndex again = MessageIndex.open(dir, db.jdbi(), Duration.ofMillis(100), own);
        again.close();
    }

    @Test
    void aRefreshIntervalAboveOneSecondIsRefused(@TempDir Path dir) {
        assertThatThrownBy(() -> MessageIndex.open(dir, db.jdbi(), Duration.ofMillis(1_001), new PrometheusRegistry()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static long rowCount() {
        return db.jdbi().withHandle(h -> h.createQuery("SELECT COUNT(*) FROM messages").mapTo(Long.class).one());
    }

    private static double gauge(MetricSnapshots snapshots, String name) {
        for (MetricSnapshot snapshot : snapshots) {
            if (snapshot.getMetadata().getName().equals(name)) {
                return ((GaugeSnapshot) snapshot).getDataPoints().getFirst().getValue();
            }
        }
        throw new AssertionError("no metric " + name);
    }
}
