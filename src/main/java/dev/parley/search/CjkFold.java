package dev.parley.search;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.zip.CRC32;

import org.apache.lucene.analysis.standard.StandardTokenizer;

/**
 * Which CJK characters MariaDB's {@code utf8mb4_unicode_520_ci} treats as the same character in
 * {@code LIKE}: hiragana and katakana, small and large kana, voiced and unvoiced kana, half-width and
 * full-width forms, compatibility and conjoining Hangul jamo, and CJK radicals. The index folds each
 * character to one representative so that a CJK query finds exactly what {@code LIKE} finds.
 *
 * <p>The table is the collation's own equivalence, read out of MariaDB and kept in
 * {@code cjk-fold.txt}; {@code CjkFoldTableTest} recomputes it from the running server and fails when
 * they differ. Han ideographs that the collation weighs implicitly (all unified ideographs) are only
 * ever equal to themselves in {@code LIKE}, so they are not in the table.
 */
final class CjkFold {
    /** The resource, relative to this class. */
    static final String RESOURCE = "cjk-fold.txt";

    /** Token types of {@link StandardTokenizer} whose characters are folded and bigrammed. */
    static final Set<String> CJK_TYPES = Set.of(
            StandardTokenizer.TOKEN_TYPES[StandardTokenizer.IDEOGRAPHIC],
            StandardTokenizer.TOKEN_TYPES[StandardTokenizer.HIRAGANA],
            StandardTokenizer.TOKEN_TYPES[StandardTokenizer.KATAKANA],
            StandardTokenizer.TOKEN_TYPES[StandardTokenizer.HANGUL]);

    private static final CjkFold TABLE = load();

    private final int[] bmp;
    private final int[] supplementaryFrom;
    private final int[] supplementaryTo;
    private final String checksum;

    private CjkFold(int[] bmp, int[] supplementaryFrom, int[] supplementaryTo, String checksum) {
        this.bmp = bmp;
        this.supplementaryFrom = supplementaryFrom;
        this.supplementaryTo = supplementaryTo;
        this.checksum = checksum;
    }

    /** @return the table shipped with Parley */
    static CjkFold table() {
        return TABLE;
    }

    /**
     * @param codePoint a character of a CJK token
     * @return its representative, or the character itself when nothing else is equal to it
     */
    int fold(int codePoint) {
        if (codePoint < bmp.length) {
            int to = bmp[codePoint];
            return to == 0 ? codePoint : to;
        }
        int i = Arrays.binarySearch(supplementaryFrom, codePoint);
        return i >= 0 ? supplementaryTo[i] : codePoint;
    }

    /** @return a short fingerprint of the table; an index built with another table must be rebuilt */
    String checksum() {
        return checksum;
    }

    /**
     * Parses the table: one equivalence class per line, hexadecimal code points separated by spaces,
     * the representative first; {@code #} starts a comment line.
     */
    static CjkFold parse(List<String> lines) {
        int[] bmp = new int[Character.MIN_SUPPLEMENTARY_CODE_POINT];
        List<int[]> supplementary = new ArrayList<>();
        CRC32 crc = new CRC32();
        for (String line : lines) {
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            crc.update(trimmed.getBytes(StandardCharsets.US_ASCII));
            String[] fields = trimmed.split("\\s+");
            int representative = Integer.parseInt(fields[0], 16);
            for (int i = 1; i < fields.length; i++) {
                int from = Integer.parseInt(fields[i], 16);
                if (from < bmp.length) {
                    bmp[from] = representative;
                } else {
                    supplementary.add(new int[] {from, representative});
                }
            }
        }
        supplementary.sort((a, b) -> Integer.compare(a[0], b[0]));
        int[] from = supplementary.stream().mapToInt(pair -> pair[0]).toArray();
        int[] to = supplementary.stream().mapToInt(pair -> pair[1]).toArray();
        return new CjkFold(bmp, from, to, Long.toHexString(crc.getValue()));
    }

    private static CjkFold load() {
        try (InputStream in = CjkFold.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + RESOURCE);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.US_ASCII));
            return parse(reader.lines().toList());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
