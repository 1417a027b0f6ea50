package dev.parley.kb;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;

import dev.parley.command.Attachment;
import dev.parley.command.CommandException;

/**
 * A file sent to {@code /kb import}, checked before anything is imported: it must be text ({@code .txt},
 * {@code .md}, {@code .markdown}, or a {@code text/*} media type), not empty, no larger than the configured cap,
 * and valid UTF-8 (a leading byte order mark is dropped). Markdown files ({@code .md}, {@code .markdown},
 * {@code text/markdown}) are cut by heading, other text by paragraph. Each refusal is a {@link CommandException}
 * whose message names the file.
 */
public final class KbFile {
    private static final List<String> TEXT_EXTENSIONS = List.of(".txt", ".md", ".markdown");
    private static final List<String> MARKDOWN_EXTENSIONS = List.of(".md", ".markdown");

    private KbFile() {
    }

    /**
     * @param file     the file
     * @param maxBytes the largest file accepted
     * @return its passages, in order, none empty (empty when it has only blank lines)
     * @throws CommandException when it is too large, not fetched, not text, empty, or not UTF-8
     */
    public static List<String> passages(Attachment file, long maxBytes) {
        if (file.size() > maxBytes) {
            throw new CommandException("kb.error.file_too_large", "file", file.name(), "size", kib(file.size()),
                    "max", kib(maxBytes));
        }
        if (!isText(file)) {
            throw new CommandException("kb.error.file_not_text", "file", file.name());
        }
        if (!file.fetched()) {
            throw new CommandException("kb.error.file_not_fetched", "file", file.name());
        }
        if (file.bytes().length == 0) {
            throw new CommandException("kb.error.file_empty", "file", file.name());
        }
        String text = utf8(file);
        return isMarkdown(file) ? KbImport.markdown(text) : KbImport.paragraphs(text);
    }

    /**
     * @param file a file
     * @return whether its name or media type says it is text
     */
    static boolean isText(Attachment file) {
        return endsWithAny(file.name(), TEXT_EXTENSIONS) || mediaType(file).startsWith("text/");
    }

    private static boolean isMarkdown(Attachment file) {
        return endsWithAny(file.name(), MARKDOWN_EXTENSIONS) || mediaType(file).startsWith("text/markdown")
                || mediaType(file).startsWith("text/x-markdown");
    }

    private static String utf8(Attachment file) {
        try {
            String text = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(file.bytes())).toString();
            return text.startsWith("\uFEFF") ? text.substring(1) : text;
        } catch (CharacterCodingException e) {
            throw new CommandException("kb.error.file_not_utf8", "file", file.name());
        }
    }

    private static boolean endsWithAny(String name, List<String> extensions) {
        String lower = name.toLowerCase(Locale.ROOT);
        return extensions.stream().anyMatch(lower::endsWith);
    }

    private static String mediaType(Attachment file) {
        return file.mediaType() == null ? "" : file.mediaType().toLowerCase(Locale.ROOT).strip();
    }

    /** @return the size in KiB, rounded up, as people read file sizes */
    private static long kib(long bytes) {
        return (bytes + 1023) / 1024;
    }
}
