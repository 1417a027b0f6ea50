package dev.parley.kb;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.InstantSource;

import dev.parley.db.Database;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestDirs;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The knowledge base: CJK substrings and English words find passages; MariaDB is the truth the index is rebuilt from. */
class KbKnowledgeBaseTest {
    private static Database db;

    @BeforeAll
    static void open() {
        db = TestDatabase.create("kb");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void findsPassagesBySubstringAndWordRemovesThemAndRebuildsFromTheDatabase() throws Exception {
        Path dir = Files.createTempDirectory(TestDirs.root(), "kb-");
        long refund;
        long shipping;
        try (KnowledgeBase kb = KnowledgeBase.open(db.jdbi(), InstantSource.system(), dir.resolve("kb"))) {
            refund = kb.add("收到退货后 3-5 个工作日内办理退款。", "http:admin");
            shipping = kb.add("Shipping is free for orders over 99 yuan.", "http:admin");
            kb.add("营业时间：每天 9:00-21:00。", "http:admin");
            assertThat(kb.search("我想申请退款可以吗", 3)).first().satisfies(e -> assertThat(e.id()).isEqualTo(refund));
            assertThat(kb.search("how much is SHIPPING?", 3)).first().satisfies(e -> assertThat(e.id()).isEqualTo(shipping));
            assertThat(kb.search("zzz", 3)).isEmpty();
            assertThat(kb.remove(shipping)).isTrue();
            assertThat(kb.remove(shipping)).isFalse();
            assertThat(kb.search("shipping", 3)).isEmpty();
        }
        TestDirs.delete(dir.resolve("kb"));
        try (KnowledgeBase kb = KnowledgeBase.open(db.jdbi(), InstantSource.system(), dir.resolve("kb"))) {
            assertThat(kb.search("退款", 3)).extracting(KbEntry::id).containsExactly(refund);
            assertThat(kb.size()).isEqualTo(2);
        }
    }

    @Test
    void coverageIsTheShareOfTheQuestionsDistinctWordsThePassageContains() throws Exception {
        Path dir = Files.createTempDirectory(TestDirs.root(), "kb-");
        try (KnowledgeBase kb = KnowledgeBase.open(db.jdbi(), InstantSource.system(), dir.resolve("kb"))) {
            String refund = "收到退货后 3-5 个工作日内办理退款。";
            assertThat(kb.coverage("办理退款要几个工作日？", refund)).isEqualTo(6 / 9.0);
            assertThat(kb.coverage("退款多久到账？", refund)).isEqualTo(1 / 5.0);
            assertThat(kb.coverage("Is SHIPPING free, is it?", "Shipping is free for orders over 99 yuan."))
                    .isEqualTo(3 / 4.0);
            assertThat(kb.coverage("？！", refund)).isZero();
        }
    }
}
