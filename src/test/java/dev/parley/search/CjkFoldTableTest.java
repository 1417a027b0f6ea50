package dev.parley.search;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

import dev.parley.db.Database;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestDirs;

import org.apache.lucene.analysis.standard.StandardTokenizer;
import org.apache.lucene.analysis.tokenattributes.TypeAttribute;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Recomputes the CJK fold table from the running MariaDB (which characters its {@code LIKE} treats as
 * equal on the messages table's collation) and checks it against the shipped {@code cjk-fold.txt}.
 * On a difference the computed table is written to {@code target/test-data/cjk-fold.txt}.
 */
class CjkFoldTableTest {
    /** Every block holding Han, kana or Hangul letters or forms the collation might equate with them. */
    private static final int[][] BLOCKS = {
            {0x1100, 0x11FF}, {0x2E80, 0x2FDF}, {0x3000, 0x33FF}, {0x3400, 0x4DBF}, {0x4E00, 0x9FFF},
            {0xA960, 0xA97F}, {0xAC00, 0xD7FF}, {0xF900, 0xFAFF}, {0xFE30, 0xFE4F}, {0xFF00, 0xFFEF},
            {0x1B000, 0x1B16F}, {0x1F200, 0x1F2FF}, {0x2F800, 0x2FA1F}};

    private static Database db;

    @BeforeAll
    static void open() {
        db = TestDatabase.create("cjkfold");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void shippedTableIsTheCollationsLikeEquivalence() throws IOException {
        String computed = computeTable();
        String shipped = shippedClasses();
        if (!computed.equals(shipped)) {
            Files.writeString(TestDirs.root().resolve(CjkFold.RESOURCE), computed, StandardCharsets.US_ASCII);
        }
        assertThat(shipped).as("cjk-fold.txt against MariaDB; the computed table is in target/test-data")
                .isEqualTo(computed);
    }

    @Test
    void foldsKanaJamoAndRadicalsButNotUnifiedIdeographs() {
        CjkFold fold = CjkFold.table();
        assertThat(fold.fold('ア')).isEqualTo(fold.fold('あ')).isEqualTo(fold.fold('ｱ')).isEqualTo(fold.fold('ぁ'));
        assertThat(fold.fold('が')).isEqualTo(fold.fold('か'));
        assertThat(fold.fold('ㅋ')).isEqualTo(fold.fold('ᄏ'));
        assertThat(fold.fold('⼩')).isEqualTo(fold.fold('⺌'));
        assertThat(fold.fold('小')).isEqualTo('小');
        assertThat(fold.fold(0x20BB7)).isEqualTo(0x20BB7);
        assertThat(fold.fold(0xF900)).isEqualTo(0xF900);
    }

    private static String computeTable() {
        List<int[]> pairs = db.jdbi().withHandle(h -> {
            h.execute("CREATE TABLE cp (cp INT PRIMARY KEY, c VARCHAR(2) NOT NULL,"
                    + " w VARBINARY(64) AS (WEIGHT_STRING(c)) STORED, KEY (w))"
                    + " DEFAULT CHARSET utf8mb4 COLLATE utf8mb4_unicode_520_ci");
            for (int[] block : BLOCKS) { // the Sequence engine's seq_X_to_Y tables generate the code points
                h.execute("INSERT INTO cp (cp, c) SELECT seq, CONVERT(CHAR(seq USING utf32) USING utf8mb4)"
                        + " FROM seq_" + block[0] + "_to_" + block[1]);
            }
            // LIKE compares character by character on the column's collation; equal weight strings are
            // necessary but not sufficient (implicitly weighted ideographs compare by code point).
            return h.createQuery("SELECT a.cp, b.cp FROM cp a JOIN cp b ON a.w = b.w AND a.cp < b.cp"
                    + " WHERE a.c LIKE b.c").map((rs, ctx) -> new int[] {rs.getInt(1), rs.getInt(2)}).list();
        });
        Map<Integer, Integer> parent = new HashMap<>();
        for (int[] pair : pairs) {
            union(parent, pair[0], pair[1]);
        }
        Map<Integer, TreeSet<Integer>> classes = new TreeMap<>();
        for (int[] pair : pairs) {
            for (int c : pair) {
                if (isCjkToken(c)) {
                    classes.computeIfAbsent(find(parent, c), k -> new TreeSet<>()).add(c);
                }
            }
        }
        List<TreeSet<Integer>> folded = new ArrayList<>();
        for (TreeSet<Integer> members : classes.values()) {
            if (members.size() > 1) {
                folded.add(members);
            }
        }
        folded.sort((a, b) -> Integer.compare(a.first(), b.first()));
        StringBuilder table = new StringBuilder();
        for (TreeSet<Integer> members : folded) {
            StringBuilder line = new StringBuilder();
            for (int c : members) {
                line.append(line.isEmpty() ? "" : " ").append(String.format("%04X", c));
            }
            table.append(line).append('\n');
        }
        return table.toString();
    }

    private static String shippedClasses() throws IOException {
        try (InputStream in = CjkFold.class.getResourceAsStream(CjkFold.RESOURCE)) {
            if (in == null) {
                return "";
            }
            StringBuilder classes = new StringBuilder();
            new String(in.readAllBytes(), StandardCharsets.US_ASCII).lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .forEach(line -> classes.append(line.strip()).append('\n'));
            return classes.toString();
        }
    }

    private static boolean isCjkToken(int c) {
        try (StandardTokenizer tokenizer = new StandardTokenizer()) {
            tokenizer.setReader(new StringReader(Character.toString(c)));
            TypeAttribute type = tokenizer.addAttribute(TypeAttribute.class);
            tokenizer.reset();
            boolean cjk = tokenizer.incrementToken() && CjkFold.CJK_TYPES.contains(type.type());
            tokenizer.end();
            return cjk;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int find(Map<Integer, Integer> parent, int c) {
        int root = c;
        while (parent.getOrDefault(root, root) != root) {
            root = parent.get(root);
        }
        parent.put(c, root);
        return root;
    }

    private static void union(Map<Integer, Integer> parent, int a, int b) {
        int rootA = find(parent, a);
        int rootB = find(parent, b);
        if (rootA != rootB) {
            parent.put(Math.max(rootA, rootB), Math.min(rootA, rootB));
        }
    }
}
