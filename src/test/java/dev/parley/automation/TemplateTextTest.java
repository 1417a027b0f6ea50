package dev.parley.automation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import org.junit.jupiter.api.Test;

class TemplateTextTest {
    private static final Map<String, String> ALICE = Map.of("name", "Alice", "group", "退款群", "date", "2026-12-24",
            "account", "客服一号");

    @Test
    void variablesAreFilledInAndAMissingOneIsEmpty() {
        TemplateText text = TemplateText.parse("{name}，欢迎加入{group}！今天是 {date}，我是{account}。");

        assertThat(text.render(ALICE, new Random(1))).isEqualTo("Alice，欢迎加入退款群！今天是 2026-12-24，我是客服一号。");
        assertThat(text.render(Map.of(), new Random(1))).isEqualTo("，欢迎加入！今天是 ，我是。");
        assertThat(text.variants()).isEqualTo(1);
    }

    @Test
    void spintaxPicksEachChoiceAndNestedChoicesMultiply() {
        TemplateText text = TemplateText.parse("{Hi|Hello|{Dear|Hey there}} {name}{!|.}");
        Set<String> seen = new HashSet<>();
        Random random = new Random(42);
        for (int i = 0; i < 500; i++) {
            seen.add(text.render(ALICE, random));
        }

        assertThat(text.variants()).isEqualTo(8);
        assertThat(seen).containsExactlyInAnyOrder("Hi Alice!", "Hi Alice.", "Hello Alice!", "Hello Alice.",
                "Dear Alice!", "Dear Alice.", "Hey there Alice!", "Hey there Alice.");
    }

    @Test
    void anEmptyChoiceIsAllowedAndAPipeOutsideBracesIsText() {
        TemplateText text = TemplateText.parse("a|b {x|} c");

        assertThat(text.variants()).isEqualTo(2);
        Set<String> seen = new HashSet<>();
        Random random = new Random(9);
        for (int i = 0; i < 50; i++) {
            seen.add(text.render(ALICE, random));
        }
        assertThat(seen).containsExactlyInAnyOrder("a|b x c", "a|b  c");
    }

    @Test
    void brokenTextsAreRefusedWithWhereAndWhat() {
        assertProblem("", "empty", 0);
        assertProblem("   ", "empty", 0);
        assertProblem("x".repeat(TemplateText.MAX_LENGTH + 1), "too_long", TemplateText.MAX_LENGTH);
        assertProblem("Hi {a|b", "unclosed", 3);
        assertProblem("Hi {a|{b|c}", "unclosed", 3);
        assertProblem("Hi } there", "unopened", 3);
        assertProblem("{Hello} there", "one_choice", 0);
        assertProblem("Dear {nmae}", "unknown_variable", 5);
        assertProblem("{a|{phone}}", "unknown_variable", 3);
    }

    @Test
    void deepNestingDoesNotOverflowTheCountAndRendersOneChoicePerBrace() {
        String wide = "{a|b|c|d|e|f|g|h|i|j}".repeat(12);
        TemplateText text = TemplateText.parse(wide);

        assertThat(text.variants()).isEqualTo(Integer.MAX_VALUE);
        assertThat(text.render(Map.of(), new Random(7))).hasSize(12).matches("[a-j]{12}");
    }

    private static void assertProblem(String source, String problem, int position) {
        assertThatThrownBy(() -> TemplateText.parse(source))
                .isInstanceOfSatisfying(InvalidTemplateException.class, e -> {
                    assertThat(e.problem()).isEqualTo(problem);
                    assertThat(e.position()).isEqualTo(position);
                });
    }
}
