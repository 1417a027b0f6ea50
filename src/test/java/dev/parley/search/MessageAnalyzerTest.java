package dev.parley.search;

import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class MessageAnalyzerTest {
    private static final MessageAnalyzer ANALYZER = MessageAnalyzer.create();

    private static List<String> terms(String text) {
        return Token.analyze(ANALYZER, text).stream().map(Token::term).toList();
    }

    private static List<Integer> positions(String text) {
        return Token.analyze(ANALYZER, text).stream().map(Token::position).toList();
    }

    @Test
    void cjkRunsBecomeOverlappingBigrams() {
        assertThat(terms("我想申请退款")).containsExactly("我想", "想申", "申请", "请退", "退款");
        assertThat(positions("我想申请退款")).containsExactly(0, 1, 2, 3, 4);
    }

    @Test
    void repeatedCharactersKeepEveryBigram() {
        assertThat(terms("哈哈哈")).containsExactly("哈哈", "哈哈");
        assertThat(positions("哈哈哈")).containsExactly(0, 1);
    }

    @Test
    void runsSeparatedByAnythingAreNotAdjacent() {
        assertThat(positions("退款，款项")).containsExactly(0, 2);
        assertThat(positions("退款 款项")).containsExactly(0, 2);
        assertThat(positions("退款\n款项")).containsExactly(0, 2);
        assertThat(positions("退\n款")).containsExactly(0, 2);
        assertThat(terms("退\n款")).containsExactly("退", "款");
    }

    @Test
    void cjkNextToDigitsLatinAndEmojiSplitsIntoSeparateTokens() {
        assertThat(terms("订单号123456发货")).containsExactly("订单", "单号", "123456", "发货");
        assertThat(terms("iPhone15手机")).containsExactly("iphone15", "手机");
        assertThat(terms("好😂哈哈👍🏻")).containsExactly("好", "😂", "哈哈", "👍🏻");
        assertThat(terms("a退b")).containsExactly("a", "退", "b");
    }

    @Test
    void urlsEmojiWithModifiersAndPunctuationAreWholeTokensOrNothing() {
        assertThat(terms("see www.example.com/x")).containsExactly("see", "www.example.com", "x");
        assertThat(terms("👍🏻")).containsExactly("👍🏻");
        assertThat(terms("？？！")).isEmpty();
    }

    @Test
    void latinIsLowerCasedAndAccentAndWidthFolded() {
        assertThat(terms("Café RÉSUMÉ ＯＫ １２３")).containsExactly("cafe", "resume", "ok", "123");
    }

    @Test
    void kanaFoldsAcrossScriptWidthSizeAndVoicing() {
        List<String> hiragana = terms("ありがとう");
        assertThat(terms("アリガトウ")).isEqualTo(hiragana);
        assertThat(terms("ありかとう")).isEqualTo(hiragana);
        assertThat(terms("ｱﾘｶﾞﾄｳ")).isNotEqualTo(hiragana); // ﾞ is a character of its own, as in LIKE
        assertThat(terms("らーめん")).isEqualTo(terms("ラーメン")).isEqualTo(terms("ﾗｰﾒﾝ"));
    }

    @Test
    void hangulCompatibilityAndConjoiningJamoFoldTogether() {
        assertThat(terms("ㅋㅋㅋ")).isEqualTo(terms("ᄏᄏᄏ")).isEqualTo(terms("ﾻﾻﾻ"));
        assertThat(terms("감사합니다")).containsExactly("감사", "사합", "합니", "니다");
    }

    @Test
    void supplementaryIdeographsAreWholeCharacters() {
        assertThat(terms("𠮷野家")).containsExactly("𠮷野", "野家");
        assertThat(terms("𠀀𠀁")).containsExactly("𠀀𠀁");
    }

    @Test
    void unifiedIdeographsAreNotFoldedButRadicalsAre() {
        assertThat(terms("中國")).isNotEqualTo(terms("中国"));
        assertThat(terms("⼩⺌")).isEqualTo(terms("⺌⺌"));
        assertThat(terms("⼩⺌")).isNotEqualTo(terms("小小"));
    }

    @Test
    void queriesSplitIntoRunsLoneCharactersAndWords() {
        assertThat(QueryTerms.parse(ANALYZER, "退款申请 refund 订单123 好").clauses()).containsExactly(
                new QueryTerms.CjkRun(List.of("退款", "款申", "申请")),
                new QueryTerms.Word("refund"),
                new QueryTerms.CjkRun(List.of("订单")),
                new QueryTerms.Word("123"),
                new QueryTerms.CjkChar("好"));
        assertThat(QueryTerms.parse(ANALYZER, "退款，款项").clauses()).containsExactly(
                new QueryTerms.CjkRun(List.of("退款")), new QueryTerms.CjkRun(List.of("款项")));
        assertThat(QueryTerms.parse(ANALYZER, "？！。").isEmpty()).isTrue();
    }
}
