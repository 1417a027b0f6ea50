package dev.parley.kb;

import java.nio.charset.StandardCharsets;

import dev.parley.command.Attachment;
import dev.parley.command.CommandException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Files for {@code /kb import}: text or Markdown by name or media type, UTF-8, not empty, within the cap. */
class KbFileTest {
    private static final long MAX = 100;

    @Test
    void markdownByExtensionIsCutByHeadingAndTextByParagraph() {
        byte[] faq = "\uFEFF# 退款\n3-5 天。\n\n仍是退款。\n# Shipping\nFree.".getBytes(StandardCharsets.UTF_8);
        assertThat(KbFile.passages(new Attachment("FAQ.MD", null, faq), MAX))
                .containsExactly("# 退款\n3-5 天。\n\n仍是退款。", "# Shipping\nFree.");
        assertThat(KbFile.passages(new Attachment("faq.txt", "text/plain", faq), MAX))
                .containsExactly("# 退款\n3-5 天。", "仍是退款。\n# Shipping\nFree.");
        assertThat(KbFile.passages(new Attachment("notes", "text/markdown; charset=utf-8", faq), MAX)).hasSize(2);
        assertThat(KbFile.passages(new Attachment("faq.markdown", "application/octet-stream", faq), MAX)).hasSize(2);
    }

    @Test
    void refusesOtherFilesEmptyFilesInvalidUtf8AndFilesOverTheCap() {
        byte[] text = "hello".getBytes(StandardCharsets.UTF_8);
        assertRefused(new Attachment("photo.png", "image/png", text), "kb.error.file_not_text");
        assertRefused(new Attachment("faq.pdf", null, text), "kb.error.file_not_text");
        assertRefused(new Attachment("empty.txt", "text/plain", new byte[0]), "kb.error.file_empty");
        assertRefused(new Attachment("latin1.txt", null, "café".getBytes(StandardCharsets.ISO_8859_1)),
                "kb.error.file_not_utf8");
        assertRefused(new Attachment("big.md", null, new byte[(int) MAX + 1]), "kb.error.file_too_large");
        assertRefused(Attachment.unfetched("huge.md", null, 5_000_000), "kb.error.file_too_large");
        assertRefused(Attachment.unfetched("lost.md", null, -1), "kb.error.file_not_fetched");
        assertThat(KbFile.passages(new Attachment("blank.txt", null, " \n\n ".getBytes(StandardCharsets.UTF_8)), MAX))
                .isEmpty();
        assertThat(KbFile.passages(new Attachment("max.txt", null, "a".repeat((int) MAX).getBytes(StandardCharsets.UTF_8)),
                MAX)).hasSize(1);
    }

    private static void assertRefused(Attachment file, String key) {
        assertThatThrownBy(() -> KbFile.passages(file, MAX)).isInstanceOfSatisfying(CommandException.class, e -> {
            assertThat(e.key()).isEqualTo(key);
            assertThat(e.args()).containsEntry("file", file.name());
        });
    }
}
