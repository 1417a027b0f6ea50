package dev.parley.automation.rules;

import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;

import dev.parley.command.CommandException;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** What keywords match (the search analyzer's way), regular expressions under a time limit, and rules' hours. */
class RuleMatchingTest {
    private static final Duration LIMIT = Duration.ofMillis(50);
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static boolean contains(String keywords, String text) {
        return TextMatch.parse(TextMatch.MatchKind.CONTAINS, keywords, LIMIT).matches(new Inbound(text));
    }

    @Test
    void chineseKeywordsMatchAsSubstrings() {
        assertThat(contains("退款", "我想退款")).isTrue();
        assertThat(contains("退款", "退款")).isTrue();
        assertThat(contains("退", "我想退款")).isTrue();
        assertThat(contains("退款申请", "我要提交退款申请可以吗")).isTrue();
        assertThat(contains("退款申请", "退款，申请")).isFalse();
        assertThat(contains("退款", "我想退货")).isFalse();
        assertThat(contains("价格|多少钱", "这个多少钱？")).isTrue();
        assertThat(contains("价格,多少钱", "发我价格表")).isTrue();
        assertThat(contains("退款 订单", "订单号是多少，我要退款")).isTrue();
        assertThat(contains("退款 订单", "我要退款")).isFalse();
    }

    @Test
    void latinKeywordsAreWholeWordsIgnoringCaseAndWidth() {
        assertThat(contains("refund", "Refund please")).isTrue();
        assertThat(contains("refund", "ＲＥＦＵＮＤ！")).isTrue();
        assertThat(contains("Refund", "i want a refund")).isTrue();
        assertThat(contains("refund", "it was refunded")).isFalse();
        assertThat(contains("fund", "refund")).isFalse();
    }

    @Test
    void exactComparesTheWholeFoldedText() {
        TextMatch exact = TextMatch.parse(TextMatch.MatchKind.EXACT, "你好|Hi there", LIMIT);
        assertThat(exact.matches(new Inbound("你好！"))).isTrue();
        assertThat(exact.matches(new Inbound("  ＨＩ   THERE. "))).isTrue();
        assertThat(exact.matches(new Inbound("你好呀"))).isFalse();
    }

    @Test
    void aCatastrophicRegexIsCutOffAtItsTimeLimit() {
        TextMatch.Regex hostile = (TextMatch.Regex) TextMatch.parse(TextMatch.MatchKind.REGEX, "(a+)+$", LIMIT);
        String text = "a".repeat(5000) + "b";
        long started = System.nanoTime();
        assertThat(hostile.find(text)).isEmpty();
        assertThat(hostile.matches(new Inbound(text))).isFalse();
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(2));

        TextMatch order = TextMatch.parse(TextMatch.MatchKind.REGEX, "订单\\d{6}", LIMIT);
        assertThat(order.matches(new Inbound("我的订单123456到哪了"))).isTrue();
        assertThat(order.matches(new Inbound("订单12345"))).isFalse();
    }

    @Test
    void badKeywordsAreRefusedWhenTheRuleIsAdded() {
        assertThatThrownBy(() -> TextMatch.parse(TextMatch.MatchKind.REGEX, "(unclosed", LIMIT))
                .isInstanceOf(CommandException.class).extracting(e -> ((CommandException) e).key())
                .isEqualTo("rule.error.bad_regex");
        assertThatThrownBy(() -> TextMatch.parse(TextMatch.MatchKind.REGEX, "a".repeat(201), LIMIT))
                .extracting(e -> ((CommandException) e).key()).isEqualTo("rule.error.regex_too_long");
        assertThatThrownBy(() -> TextMatch.parse(TextMatch.MatchKind.CONTAINS, "？？", LIMIT))
                .extracting(e -> ((CommandException) e).key()).isEqualTo("rule.error.keyword_no_words");
        assertThatThrownBy(() -> TextMatch.parse(TextMatch.MatchKind.CONTAINS, " ", LIMIT))
                .extracting(e -> ((CommandException) e).key()).isEqualTo("rule.error.no_keyword");
    }

    @Test
    void hoursAndDaysAtFixedTimes() {
        Schedule office = Schedule.parse("09:00-18:00", "mon-fri");
        assertThat(office.isOn(ZonedDateTime.of(2026, 12, 7, 9, 0, 0, 0, SHANGHAI))).isTrue(); // Monday
        assertThat(office.isOn(ZonedDateTime.of(2026, 12, 7, 17, 59, 0, 0, SHANGHAI))).isTrue();
        assertThat(office.isOn(ZonedDateTime.of(2026, 12, 7, 18, 0, 0, 0, SHANGHAI))).isFalse();
        assertThat(office.isOn(ZonedDateTime.of(2026, 12, 7, 8, 59, 0, 0, SHANGHAI))).isFalse();
        assertThat(office.isOn(ZonedDateTime.of(2026, 12, 12, 10, 0, 0, 0, SHANGHAI))).isFalse(); // Saturday
        assertThat(office.hoursText()).isEqualTo("09:00-18:00");
        assertThat(office.daysText()).isEqualTo("mon,tue,wed,thu,fri");

        Schedule night = Schedule.parse("22:00-06:00", "周五-周一");
        assertThat(night.isOn(ZonedDateTime.of(2026, 12, 13, 23, 0, 0, 0, SHANGHAI))).isTrue(); // Sunday
        assertThat(night.isOn(ZonedDateTime.of(2026, 12, 14, 5, 0, 0, 0, SHANGHAI))).isTrue(); // Monday
        assertThat(night.isOn(ZonedDateTime.of(2026, 12, 14, 12, 0, 0, 0, SHANGHAI))).isFalse();
        assertThat(night.isOn(ZonedDateTime.of(2026, 12, 9, 23, 0, 0, 0, SHANGHAI))).isFalse(); // Wednesday
        assertThat(Schedule.parse("9:30-12:00", "sat,sun").isOn(ZonedDateTime.of(2026, 12, 13, 9, 30, 0, 0, SHANGHAI)))
                .isTrue();

        assertThatThrownBy(() -> Schedule.parse("9-18", null)).extracting(e -> ((CommandException) e).key())
                .isEqualTo("rule.error.bad_hours");
        assertThatThrownBy(() -> Schedule.parse("25:00-26:00", null)).extracting(e -> ((CommandException) e).key())
                .isEqualTo("rule.error.bad_hours");
        assertThatThrownBy(() -> Schedule.parse(null, "someday")).extracting(e -> ((CommandException) e).key())
                .isEqualTo("rule.error.bad_days");
    }
}
