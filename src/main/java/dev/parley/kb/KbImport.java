package dev.parley.kb;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits pasted text or Markdown into knowledge-base passages for {@code /kb import}: Markdown is cut before each
 * heading (a heading and its body are one passage, so a FAQ's question travels with its answer); plain text is cut
 * at blank lines. Chat commands join unquoted words with spaces, so text without any line break is cut before
 * each inline heading ({@code ## Question}) instead.
 */
public final class KbImport {
    private static final Pattern INLINE_HEADING = Pattern.compile("\\s+(?=#{1,6}\\s)");

    private KbImport() {
    }

    /**
     * @param text the pasted text
     * @return its passages, in order, none empty
     */
    public static List<String> passages(String text) {
        String normalized = text.replace("\r\n", "\n");
        if (normalized.indexOf('\n') < 0) {
            normalized = INLINE_HEADING.matcher(normalized).replaceAll("\n");
        }
        String[] lines = normalized.split("\n", -1);
        boolean markdown = false;
        for (String line : lines) {
            markdown |= line.stripLeading().startsWith("#");
        }
        List<String> passages = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : lines) {
            boolean cut = markdown ? line.stripLeading().startsWith("#") : line.isBlank();
            if (cut) {
                add(passages, current);
            }
            if (!(cut && !markdown)) {
                current.append(line).append('\n');
            }
        }
        add(passages, current);
        return passages;
    }

    private static void add(List<String> passages, StringBuilder current) {
        String passage = current.toString().strip();
        if (!passage.isEmpty()) {
            passages.add(passage);
        }
        current.setLength(0);
    }
}
