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
}
