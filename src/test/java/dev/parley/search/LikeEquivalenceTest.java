package dev.parley.search;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

import dev.parley.bench.SyntheticChat;
import dev.parley.bench.SyntheticMessage;
import dev.parley.db.Database;
import dev.parley.message.ChatType;
import dev.parley.message.Direction;
import dev.parley.message.MessageType;
import dev.parley.testing.TestDatabase;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The index's central promise: a query of two or more CJK characters finds exactly the messages that
 * {@code text LIKE '%query%'} finds in MariaDB, on the messages table's own collation. Compared over
 * a generated corpus plus hand-made edge cases, with no paging limit.
 */
class LikeEquivalenceTest {
    private static final int CORPUS = 4_000;
    /** Edge cases next to the generated chat: boundaries, repeats, folding, surrogates, line breaks. */
    private static final List<String> EDGE_TEXTS = List.of(
            "退款，款项", "退款 款项", "退\n款项", "退款款项", "哈哈", "哈哈哈", "哈哈哈哈哈", "订单号123456发货",
            "订单123", "123订单", "ＯＫ退款", "ok退款ok", "退款😂申请", "😂退款😂", "退款\uFE0F申请", "退\u200B款",
            "ありがとう", "アリガトウ", "ｱﾘｶﾞﾄｳ", "ありかとう", "かき氷", "がき", "ｶﾞｷ", "か\u3099き", "らーめん", "ラーメン",
            "ﾗｰﾒﾝ", "감사합니다", "ㅋㅋㅋ", "ᄏᄏ", "ﾻﾻ", "𠮷野家", "𠮷𠮷", "𠀀𠀁", "⼩⺌小", "小小", "中國", "中国",
            "樂樂", "一二三四五六七八九十", "一二三四五六七八", "我想申请退款可以吗", "申请\r\n退款", "a退b款c", "退");
    private static final List<String> EDGE_QUERIES = List.of(
            "退款项", "款项", "退款", "哈哈", "哈哈哈", "哈哈哈哈", "哈哈哈哈哈哈", "订单号", "订单", "单号",
            "款申", "退款申请", "ありがとう", "アリガトウ", "ｱﾘｶ", "かき", "がき", "ガキ", "らーめん", "ラーメン", "メン",
            "감사", "ㅋㅋ", "ᄏᄏ", "ㅋㅋㅋㅋ", "𠮷野", "𠮷𠮷", "𠀀𠀁", "𠀁𠀀", "⺌⼩", "小小", "中国", "中國",
            "一二三四五六七八", "二三四五六七八九", "我想申请退款可以吗", "申请退款", "退款可以", "ab");

    @TempDir
    static Path indexDir;
    private static Database db;
    private static MessageIndex index;
    private static List<String> texts;

    @BeforeAll
    static void loadCorpus() throws InterruptedException {
        db = TestDatabase.create("likeequivalence");
        long[] accounts = {TestMessages.account(db.jdbi(), "like-a"), TestMessages.account(db.jdbi(), "like-b"),
                TestMessages.account(db.jdbi(), "like-c")};
        List<SyntheticMessage> corpus = new ArrayList<>(
                SyntheticChat.builder().seed(7).build().messages(CORPUS).toList());
        for (int i = 0; i < EDGE_TEXTS.size(); i++) {
            corpus.add(new SyntheticMessage(i % 3, "edge-" + i, "edge@chatroom", ChatType.GROUP, "wxid_edge", "edge",
                    Direction.IN, MessageType.TEXT, EDGE_TEXTS.get(i), 1_700_000_000_000L + i));
        }
        long maxId = TestMessages.insert(db.jdbi(), accounts, corpus);
        texts = corpus.stream().map(SyntheticMessage::text).filter(Objects::nonNull).toList();
        index = MessageIndex.open(indexDir, db.jdbi(), Duration.ofMillis(50), new PrometheusRegistry());
        index.start();
        assertThat(index.awaitIndexed(maxId, Duration.ofSeconds(30))).isTrue();
    }

    @AfterAll
    static void close() {
        index.close();
        db.close();
    }

    @Test
    void everyCjkQueryFindsExactlyWhatLikeFinds() {
        Random random = new Random(11);
        Set<String> queries = new LinkedHashSet<>(EDGE_QUERIES);
        queries.addAll(SyntheticChat.occurringSubstrings(texts, 250, 2, 4, random));
        queries.addAll(SyntheticChat.occurringSubstrings(texts, 60, 5, 8, random));
        for (int i = 0; i < 60; i++) {
            queries.add(SyntheticChat.randomPair(random));
        }
        for (int length : new int[] {2, 3, 4, 8}) {
            for (int i = 0; i < 5; i++) {
                queries.add(SyntheticChat.absentString(length, random));
            }
        }
        List<String> mismatches = new ArrayList<>();
        int withHits = 0;
        for (String query : queries) {
            TreeSet<Long> expected = new TreeSet<>(TestMessages.like(db.jdbi(), query));
            TreeSet<Long> actual = allHits(query);
            if (!expected.equals(actual)) {
                mismatches.add(query + ": LIKE " + expected.size() + " index " + actual.size() + " missing "
                        + difference(expected, actual) + " extra " + difference(actual, expected));
            }
            withHits += expected.isEmpty() ? 0 : 1;
        }
        System.out.printf("LIKE equivalence: %d queries compared (%d with hits) over %d messages%n", queries.size(),
                withHits, CORPUS + EDGE_TEXTS.size());
        assertThat(queries).hasSizeGreaterThan(300);
        assertThat(mismatches).as("queries whose hits differ from LIKE").isEmpty();
    }

    @Test
    void singleCjkCharactersAlsoFindWhatLikeFinds() {
        List<String> mismatches = new ArrayList<>();
        for (String query : List.of("退", "款", "哈", "单", "あ", "ア", "ㅋ", "𠮷", "小", "⼩", "吗", "群")) {
            TreeSet<Long> expected = new TreeSet<>(TestMessages.like(db.jdbi(), query));
            TreeSet<Long> actual = allHits(query);
            if (!expected.equals(actual)) {
                mismatches.add(query + ": missing " + difference(expected, actual) + " extra "
                        + difference(actual, expected));
            }
        }
        assertThat(mismatches).isEmpty();
    }

    private static TreeSet<Long> allHits(String query) {
        SearchResult result = index.search(SearchQuery.builder(query).page(0, SearchQuery.MAX_WINDOW).build());
        assertThat(result.total()).isEqualTo(result.messageIds().size());
        return new TreeSet<>(result.messageIds());
    }

    private static List<Long> difference(Set<Long> a, Set<Long> b) {
        return a.stream().filter(id -> !b.contains(id)).limit(5).toList();
    }
}
