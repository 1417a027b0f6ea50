package dev.parley.ingest;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.parley.account.AccountRegistry;
import dev.parley.account.Platform;
import dev.parley.db.Database;
import dev.parley.message.ChatType;
import dev.parley.message.Direction;
import dev.parley.message.InboundMessage;
import dev.parley.message.MessageType;
import dev.parley.testing.TestDatabase;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class GroupCommitterTest {
    private Database db;
    private PrometheusRegistry registry;
    private GroupCommitter committer;
    private final List<Long> committedIds = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeEach
    void setUp() {
        db = TestDatabase.create("ingest");
        registry = new PrometheusRegistry();
        committer = GroupCommitter.builder(new MessageWriter(db.jdbi(), new AccountRegistry(InstantSource.system()),
                        InstantSource.system()), registry)
                .onCommitted(committedIds::add)
                .maxBatch(200)
                .start();
    }

    @AfterEach
    void tearDown() {
        committer.close();
        db.close();
    }

    @Test
    void concurrentSubmissionsAreAllStoredOnceAndShareTransactions() throws Exception {
        int senders = 40;
        int perSender = 50;
        ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
        List<CompletableFuture<IngestOutcome>> results = new ArrayList<>();
        for (int s = 0; s < senders; s++) {
            int sender = s;
            for (int i = 0; i < perSender; i++) {
                int n = i;
                results.add(CompletableFuture.supplyAsync(
                        () -> committer.submit(List.of(text("wx_app" + sender % 3, "m" + sender + "-" + n, "退款 " + n))),
                        pool).thenCompose(f -> f));
            }
        }
        int stored = 0;
        for (CompletableFuture<IngestOutcome> r : results) {
            stored += r.get(30, TimeUnit.SECONDS).stored();
        }
        pool.shutdown();
        assertThat(stored).isEqualTo(senders * perSender);
        assertThat(count("SELECT COUNT(*) FROM messages")).isEqualTo(senders * perSender);
        assertThat(count("SELECT COUNT(*) FROM accounts")).isEqualTo(3);
        assertThat(count("SELECT SUM(message_count) FROM accounts")).isEqualTo(senders * perSender);
        // group commit: far fewer commits than requests
        assertThat(committedIds.size()).isLessThan(senders * perSender);
        assertThat(committedIds).isSorted();
        assertThat(counter("parley_messages_ingested_total")).isEqualTo(senders * perSender);
    }

    @Test
    void redeliveryStoresNothingNewAndCountsDuplicates() throws Exception {
        InboundMessage m = text("wx_a", "14216284872728580667", "我想申请退款可以吗");
        assertThat(committer.submit(List.of(m)).get(10, TimeUnit.SECONDS)).isEqualTo(new IngestOutcome(1, 0));
        assertThat(committer.submit(List.of(m)).get(10, TimeUnit.SECONDS)).isEqualTo(new IngestOutcome(0, 1));
        // the same key twice inside one submission: the first is stored, the second is a duplicate
        InboundMessage other = text("wx_a", "2", "hello");
        assertThat(committer.submit(List.of(other, other)).get(10, TimeUnit.SECONDS)).isEqualTo(new IngestOutcome(1, 1));
        assertThat(count("SELECT COUNT(*) FROM messages")).isEqualTo(2);
        assertThat(count("SELECT message_count FROM accounts")).isEqualTo(2);
        List<String> ids = db.jdbi().withHandle(h -> h.createQuery("SELECT platform_msg_id FROM messages ORDER BY id")
                .mapTo(String.class).list());
        assertThat(ids).containsExactly("14216284872728580667", "2");
        assertThat(counter("parley_messages_duplicate_total")).isEqualTo(2);
    }

    @Test
    void aRevokeMarksTheWithdrawnMessage() throws Exception {
        committer.submit(List.of(text("wx_a", "100", "oops"))).get(10, TimeUnit.SECONDS);
        InboundMessage revoke = new InboundMessage(Platform.WECHAT, "wx_a", "wxid_self", "101", "wxid_friend",
                ChatType.PRIVATE, "wxid_friend", null, Direction.IN, MessageType.REVOKE, "\"A\" 撤回了一条消息", List.of(),
                "100", "{}", 1_700_000_100_000L);
        committer.submit(List.of(revoke)).get(10, TimeUnit.SECONDS);
        assertThat(count("SELECT revoked_at FROM messages WHERE platform_msg_id = '100'")).isEqualTo(1_700_000_100_000L);
    }

    @Test
    void aFailingSubmissionFailsAloneWhenItsBatchIsRetried() throws Exception {
        committer.close();
        MessageWriter real = new MessageWriter(db.jdbi(), new AccountRegistry(InstantSource.system()), InstantSource.system());
        BatchWriter poisoned = batch -> {
            if (batch.stream().anyMatch(m -> "poison".equals(m.text()))) {
                throw new IllegalStateException("cannot store poison");
            }
            return real.write(batch);
        };
        committer = GroupCommitter.builder(poisoned, new PrometheusRegistry()).maxBatch(1000).start();
        List<CompletableFuture<IngestOutcome>> good = new ArrayList<>();
        CompletableFuture<IngestOutcome> bad = null;
        for (int i = 0; i < 200; i++) {
            if (i == 100) {
                bad = committer.submit(List.of(text("wx_a", "bad", "poison")));
            }
            good.add(committer.submit(List.of(text("wx_a", "g" + i, "fine"))));
        }
        for (CompletableFuture<IngestOutcome> f : good) {
            assertThat(f.get(10, TimeUnit.SECONDS).stored()).isEqualTo(1);
        }
        CompletableFuture<IngestOutcome> poison = bad;
        assertThatThrownBy(() -> poison.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .hasRootCauseMessage("cannot store poison");
        assertThat(count("SELECT COUNT(*) FROM messages")).isEqualTo(200);
    }

    @Test
    void closeCommitsWhatIsQueuedAndThenRefuses() throws Exception {
        List<CompletableFuture<IngestOutcome>> pending = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            pending.add(committer.submit(List.of(text("wx_a", "c" + i, "queued"))));
        }
        committer.close();
        committer.close();
        for (CompletableFuture<IngestOutcome> f : pending) {
            assertThat(f.get(1, TimeUnit.SECONDS).stored()).isEqualTo(1);
        }
        assertThat(count("SELECT COUNT(*) FROM messages")).isEqualTo(500);
        assertThat(committer.queueDepth()).isZero();
        assertThatThrownBy(() -> committer.submit(List.of(text("wx_a", "late", "x"))))
                .isInstanceOf(IngestRejectedException.class);
    }

    @Test
    void aFullQueueRefusesInsteadOfGrowingWithoutBound() {
        committer.close();
        BatchWriter slow = batch -> {
            try {
                Thread.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            BatchWriter.Written none = new BatchWriter.Written(new java.util.BitSet(), 0);
            return none;
        };
        committer = GroupCommitter.builder(slow, new PrometheusRegistry()).maxQueued(10).start();
        for (int i = 0; i < 10; i++) {
            committer.submit(List.of(text("wx_a", "q" + i, "x")));
        }
        assertThatThrownBy(() -> committer.submit(List.of(text("wx_a", "overflow", "x"))))
                .isInstanceOf(IngestRejectedException.class).hasMessageContaining("full");
    }

    private static InboundMessage text(String appId, String msgId, String text) {
        return new InboundMessage(Platform.WECHAT, appId, "wxid_self", msgId, "wxid_friend", ChatType.PRIVATE,
                "wxid_friend", "Friend", Direction.IN, MessageType.TEXT, text, List.of(), null, "{}", 1_700_000_000_000L);
    }

    private long count(String sql) {
        return db.jdbi().withHandle(h -> h.createQuery(sql).mapTo(Long.class).one());
    }

    private double counter(String name) {
        return registry.scrape().stream()
                .filter(s -> s.getMetadata().getPrometheusName().equals(name.replace("_total", "")))
                .flatMap(s -> ((CounterSnapshot) s).getDataPoints().stream())
                .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue).sum();
    }
}
