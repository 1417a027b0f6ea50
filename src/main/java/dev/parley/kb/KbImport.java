package dev.parley.kb;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Splits text or Markdown into knowledge-base passages for {@code /kb import}: Markdown is cut before each
 * ATX heading ({@code #} to {@code ######} and a space; a heading and its body are one passage, so a FAQ's
 * question travels with its answer; {@code #} lines inside fenced code blocks are not headings); plain text is
 * cut at blank lines. Pasted text counts as Markdown when it has a heading; chat commands join unquoted words with
 * spaces, so pasted text without any line break is cut before each inline heading ({@code ## Question}) instead.
 * A passage longer than {@link #MAX_PASSAGE} characters is cut at its blank lines, else its line breaks, else
 * anywhere, so each stays small enough to ground a reply (and to fit the database column).
 */
public final class KbImport {
    /** The longest passage, in characters, as {@code /kb add} accepts. */
    public static final int MAX_PASSAGE = 4000;
    private static final Pattern INLINE_HEADING = Pattern.compile("\\s+(?=#{1,6}\\s)");
    private static final Pattern HEADING = Pattern.compile("^ {0,3}#{1,6}(\\s.*)?$");
    private static final Pattern FENCE = Pattern.compile("^ {0,3}(```|~~~).*$");

    private KbImport() {
    }

    /**
     * @param text pasted text
     * @return its passages, in order, none empty
     */
    public static List<String> passages(String text) {
        String normalized = normalize(text);
        if (normalized.indexOf('\n') < 0) {
            normalized = INLINE_HEADING.matcher(normalized).replaceAll("\n");
        }
        return hasHeading(normalized) ? markdown(normalized) : paragraphs(normalized);
    }

    /**
     * @param text a Markdown document
     * @return one passage per heading with its body (and one for what comes before the first heading); one per
     *         paragraph when the document has no heading
     */
    public static List<String> markdown(String text) {
        String normalized = normalize(text);
        if (!hasHeading(normalized)) {
            return paragraphs(normalized);
        }
        List<String> passages = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        boolean fenced = false;
        for (String line : normalized.split("\n", -1)) {
            if (!fenced && HEADING.matcher(line).matches()) {
                add(passages, current);
            }
            if (FENCE.matcher(line).matches()) {
                fenced = !fenced;
            }
            current.append(line).append('\n');
        }
        add(passages, current);
        return passages;
    }

    /**
     * @param text plain text
     * @return one passage per paragraph (lines up to a blank line)
     */
    public static List<String> paragraphs(String text) {
        List<String> passages = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : normalize(text).split("\n", -1)) {
            if (line.isBlank()) {
                add(passages, current);
            } else {
                current.append(line).append('\n');
            }
        }
        add(passages, current);
        return passages;
    }

    private static String normalize(String text) {
        return text.replace("\r\n", "\n").replace('\r', '\n');
    }

    private static boolean hasHeading(String text) {
        boolean fenced = false;
        for (String line : text.split("\n", -1)) {
            if (FENCE.matcher(line).matches()) {
                fenced = !fenced;
            } else if (!fenced && HEADING.matcher(line).matches()) {
                return true;
            }
        }
        return false;
    }

    private static void add(List<String> passages, StringBuilder current) {
        String passage = current.toString().strip();
        current.setLength(0);
        if (!passage.isEmpty()) {
            cut(passage, passages);
        }
    }

    /** Adds a passage, cut into pieces of at most {@link #MAX_PASSAGE} characters when it is longer. */
    private static void cut(String passage, List<String> passages) {
        String rest = passage;
        while (rest.length() > MAX_PASSAGE) {
            int at = rest.lastIndexOf("\n\n", MAX_PASSAGE);
            if (at <= 0) {
                at = rest.lastIndexOf('\n', MAX_PASSAGE);
            }
            if (at <= 0) {
                at = Character.isLowSurrogate(rest.charAt(MAX_PASSAGE)) ? MAX_PASSAGE - 1 : MAX_PASSAGE;
            }
            String piece = rest.substring(0, at).strip();
            if (!piece.isEmpty()) {
                passages.add(piece);
            }
            rest = rest.substring(at).strip();
        }
        if (!rest.isEmpty()) {
            passages.add(rest);
        }
    }
}
