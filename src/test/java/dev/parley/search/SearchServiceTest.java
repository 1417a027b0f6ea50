package dev.parley.search;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import dev.parley.db.Database;
import dev.parley.message.MessageType;
import dev.parley.testing.TestDatabase;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class SearchServiceTest {
    @TempDir
    static Path indexDir;
    private static Database db;
    private static MessageIndex index;
    private static SearchService service;
    private static long account;
    private static long older;
    private static long newer;

    @BeforeAll
    static void setUp() throws InterruptedException {
        db = TestDatabase.create("searchservice");
        account = TestMessages.account(db.jdbi(), "service-a");
        older = TestMessages.insert(db.jdbi(), account, "s@chatroom", "alice", MessageType.TEXT, "我想申请退款可以吗", 1_000);
        newer = TestMessages.insert(db.jdbi(), account, "s@chatroom", "bob", MessageType.QUOTE, "退款已到账，谢谢", 2_000);
        index = MessageIndex.open(indexDir, db.jdbi(), Duration.ofMillis(50), new PrometheusRegistry());
        index.start();
        assertThat(index.awaitIndexed(newer, Duration.ofSeconds(10))).isTrue();
        service = SearchService.create(index, db.jdbi());
    }

    @AfterAll
    static void tearDown() {
        index.close();
        db.close();
    }

    @Test
    void returnsDisplayRowsInHitOrderWithSnippets() {
        SearchPage page = service.search(SearchQuery.of("退款"));
        assertThat(page.total()).isEqualTo(2);
        assertThat(page.messages()).extracting(found -> found.message().id()).containsExactly(newer, older);
        FoundMessage first = page.messages().getFirst();
        assertThat(first.message()).isEqualTo(new MessageView(newer, account, "s@chatroom", "group", "bob",
                "name of bob", "in", MessageType.QUOTE, "退款已到账，谢谢", 2_000, false, false));
        assertThat(first.snippet()).isEqualTo("**退款**已到账，谢谢");
    }

    @Test
    void loadKeepsTheRequestedOrderAndSkipsMissingRows() {
        assertThat(service.load(List.of(older, 999_999L, newer))).extracting(MessageView::id)
                .containsExactly(older, newer);
        assertThat(service.load(List.of())).isEmpty();
    }
}
