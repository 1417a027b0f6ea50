package dev.parley.kb;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Pasted FAQs become passages: one per Markdown heading with its answer, or one per paragraph of plain text. */
class KbImportTest {
    @Test
    void markdownIsCutBeforeEachHeading() {
        assertThat(KbImport.passages("""
                # FAQ
                ## 退款要多久？
                收到退货后 3-5 个工作日。

                ## Shipping
                Free over 99 yuan.
                """)).containsExactly("# FAQ", "## 退款要多久？\n收到退货后 3-5 个工作日。", "## Shipping\nFree over 99 yuan.");
    }

    @Test
    void textWithoutLineBreaksAsAChatJoinsItIsCutBeforeInlineHeadings() {
        assertThat(KbImport.passages("## 退款要多久？ 3-5 个工作日。 ## Shipping Free over 99 yuan, order #12 included."))
                .containsExactly("## 退款要多久？ 3-5 个工作日。", "## Shipping Free over 99 yuan, order #12 included.");
    }

    @Test
    void plainTextIsCutAtBlankLines() {
        assertThat(KbImport.passages("Refunds take 3-5 days.\nAsk us anytime.\r\n\r\n\n营业时间 9:00-21:00\n"))
                .containsExactly("Refunds take 3-5 days.\nAsk us anytime.", "营业时间 9:00-21:00");
        assertThat(KbImport.passages(" \n\n ")).isEmpty();
    }

    @Test
    void aMarkdownFileIsCutBeforeHeadingsButNotBeforeHashLinesInCodeOrHashtags() {
        assertThat(KbImport.markdown("""
                Welcome to our shop.

                # 退款
                收到退货后 3-5 个工作日。
                #refund is our tag.

                ```sh
                # not a heading
                ```
                ## Shipping
                Free over 99 yuan.
                """)).containsExactly("Welcome to our shop.",
                "# 退款\n收到退货后 3-5 个工作日。\n#refund is our tag.\n\n```sh\n# not a heading\n```",
                "## Shipping\nFree over 99 yuan.");
    }

    @Test
    void aMarkdownFileWithoutHeadingsIsCutAtBlankLines() {
        assertThat(KbImport.markdown("- one\n- two\n\nSecond paragraph.\n"))
                .containsExactly("- one\n- two", "Second paragraph.");
    }

    @Test
    void aTextFileIsCutAtBlankLinesEvenWithHashLines() {
        assertThat(KbImport.paragraphs("# comment\nRefunds take 3-5 days.\n\n# Shipping\nFree.\n"))
                .containsExactly("# comment\nRefunds take 3-5 days.", "# Shipping\nFree.");
    }

    @Test
    void aPassageLongerThanTheLimitIsCutAtBlankLinesThenLineBreaksThenAnywhere() {
        String paragraph = "x".repeat(3000);
        assertThat(KbImport.markdown("# Long\n" + paragraph + "\n\n" + paragraph))
                .containsExactly("# Long\n" + paragraph, paragraph);
        String oneLine = "字".repeat(KbImport.MAX_PASSAGE * 2 + 10);
        assertThat(KbImport.paragraphs(oneLine)).hasSize(3)
                .allSatisfy(p -> assertThat(p.length()).isLessThanOrEqualTo(KbImport.MAX_PASSAGE))
                .satisfies(ps -> assertThat(String.join("", ps)).isEqualTo(oneLine));
    }
}
