package dev.parley.search;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SnippetsTest {
    @Test
    void marksACjkSubstring() {
        assertThat(Snippets.excerpt("我想申请退款可以吗", "退款")).isEqualTo("我想申请**退款**可以吗");
    }

    @Test
    void marksEveryOccurrenceAndMergesOverlaps() {
        assertThat(Snippets.excerpt("退款，又要退款", "退款")).isEqualTo("**退款**，又要**退款**");
        assertThat(Snippets.excerpt("哈哈哈哈", "哈哈")).isEqualTo("**哈哈哈哈**");
    }

    @Test
    void marksFoldedFormsAsTheIndexMatchesThem() {
        assertThat(Snippets.excerpt("アリガトウございます", "ありがとう")).isEqualTo("**アリガトウ**ございます");
    }

    @Test
    void marksEnglishWordsCaseInsensitivelyButNotInsideLongerWords() {
        assertThat(Snippets.excerpt("Refund please, no refunds, REFUND!", "refund"))
                .isEqualTo("**Refund** please, no refunds, **REFUND**!");
    }

    @Test
    void marksEachPartOfAMixedQuery() {
        assertThat(Snippets.excerpt("订单123已发货，订单号456", "123 订单")).isEqualTo("**订单123**已发货，**订单**号456");
    }

    @Test
    void marksSingleCjkCharactersWhereverTheyOccur() {
        assertThat(Snippets.excerpt("退款退货", "退")).isEqualTo("**退**款**退**货");
    }

    @Test
    void cutsLongTextsAroundTheFirstMatch() {
        String text = "前".repeat(200) + "退款" + "后".repeat(200);
        String excerpt = Snippets.excerpt(text, "退款");
        assertThat(excerpt).startsWith("…").endsWith("…").contains("**退款**");
        assertThat(excerpt.replace("**", "").replace("…", "")).hasSize(Snippets.WIDTH);
        assertThat(excerpt.indexOf("**退款**")).isBetween(20, 40);
    }

    @Test
    void startsAtTheBeginningWhenNothingMatchesAndFlattensLineBreaks() {
        String text = "第一行\n第二行\r\n" + "字".repeat(200);
        String excerpt = Snippets.excerpt(text, "没有");
        assertThat(excerpt).startsWith("第一行 第二行 字").endsWith("…").doesNotContain("**").doesNotContain("\n");
        assertThat(Snippets.excerpt(null, "退款")).isEmpty();
    }

    @Test
    void neverSplitsASurrogatePair() {
        String text = "𠮷".repeat(100) + "退款" + "𠮷".repeat(100);
        String excerpt = Snippets.excerpt(text, "退款").replace("…", "").replace("**", "");
        assertThat(excerpt.codePoints().filter(c -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE))
                .isEmpty();
        assertThat(excerpt).contains("退款");
    }
}
