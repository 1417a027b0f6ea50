package dev.parley.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class MessagesTest {
    private static final String EN = """
            # comment
            greeting: "Hello, {user}!"
            count: You have {count} new messages in {chat}
            parser:
              error:
                duration: "`{value}` is not a duration"
            plain: no placeholders, {not a placeholder} and {}
            """;
    private static final String ZH = """
            greeting: "你好，{user}！"
            count: "{chat} 里有 {count} 条新消息"
            parser:
              error:
                duration: "「{value}」不是时长"
            plain: 没有占位符，{not a placeholder} 和 {}
            """;

    private static Messages both() {
        return Messages.of(ordered("en", EN, "zh-CN", ZH));
    }

    private static Map<String, String> ordered(String... localesAndYaml) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < localesAndYaml.length; i += 2) {
            map.put(localesAndYaml[i], localesAndYaml[i + 1]);
        }
        return map;
    }

    @Test
    void flattensNestedKeysAndFillsPlaceholders() {
        Messages messages = both();

        assertThat(messages.keys()).containsExactly("greeting", "count", "parser.error.duration", "plain");
        assertThat(messages.text("en", "greeting", Map.of("user", "Ann"))).isEqualTo("Hello, Ann!");
        assertThat(messages.text("zh-CN", "count", Map.of("count", 3, "chat", "客服群"))).isEqualTo("客服群 里有 3 条新消息");
        assertThat(messages.text("en", "parser.error.duration", "value", "7x")).isEqualTo("`7x` is not a duration");
        assertThat(messages.text("zh-CN", "parser.error.duration", "value", "七天")).isEqualTo("「七天」不是时长");
    }

    @Test
    void insertsValuesWithStringValueOfAndLeavesUnknownPlaceholdersAlone() {
        Messages messages = both();
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("count", 12L);
        args.put("chat", null);

        assertThat(messages.text("en", "count", args)).isEqualTo("You have 12 new messages in null");
        assertThat(messages.text("en", "greeting", Map.of())).isEqualTo("Hello, {user}!");
        assertThat(messages.text("en", "greeting", "user", "$1 \\ {chat}")).isEqualTo("Hello, $1 \\ {chat}!");
        assertThat(messages.text("en", "plain", "not", "x")).isEqualTo("no placeholders, {not a placeholder} and {}");
    }

    @Test
    void varargsMustPairUpWithStringNames() {
        Messages messages = both();

        assertThatThrownBy(() -> messages.text("en", "greeting", "user"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("pairs");
        assertThatThrownBy(() -> messages.text("en", "greeting", 1, "x"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("not a string");
    }

    @Test
    void hasAndLocalesAndDefault() {
        Messages messages = both();

        assertThat(messages.locales()).containsExactly("en", "zh-CN");
        assertThat(messages.defaultLocale()).isEqualTo("en");
        assertThat(messages.has("zh-CN", "parser.error.duration")).isTrue();
        assertThat(messages.has("zh", "parser.error.duration")).isTrue();
        assertThat(messages.has("en", "parser.error")).isFalse();
        assertThat(messages.has("en", "nope")).isFalse();
    }

    @Test
    void theDefaultLocaleCanBeChinese() {
        Messages messages = Messages.of(ordered("en", EN, "zh-CN", ZH), "zh-CN");

        assertThat(messages.defaultLocale()).isEqualTo("zh-CN");
        assertThat(messages.locales()).containsExactly("zh-CN", "en");
        assertThat(messages.resolve("fr")).isEqualTo("zh-CN");
        assertThat(messages.text(null, "greeting", "user", "安")).isEqualTo("你好，安！");
    }

    @ParameterizedTest
    @CsvSource({
            "zh, zh-CN", "zh_CN, zh-CN", "zh-CN, zh-CN", "zh-Hans, zh-CN", "zh-hans-cn, zh-CN", "ZH-cn, zh-CN",
            "zh-TW, zh-CN", "zh_HK, zh-CN", "zh_CN.UTF-8, zh-CN", "' zh-cn ', zh-CN",
            "en, en", "en-US, en", "en_GB, en", "EN, en", "fr, en", "fr-FR, en", "中文, en", "*, en", "x-klingon, en"})
    void resolvesTagsAsPlatformsSpellThem(String tag, String expected) {
        assertThat(both().resolve(tag)).isEqualTo(expected);
    }

    @ParameterizedTest
    @NullAndEmptySource
    @ValueSource(strings = {"   "})
    void blankTagsResolveToTheDefault(String tag) {
        assertThat(both().resolve(tag)).isEqualTo("en");
    }

    @Test
    void textResolvesItsLocaleArgument() {
        assertThat(both().text("zh_CN", "greeting", "user", "安")).isEqualTo("你好，安！");
        assertThat(both().text("de", "greeting", "user", "Ann")).isEqualTo("Hello, Ann!");
    }

    @Test
    void aKeyMissingEverywhereShowsTheKeyAndWarnsOnce() {
        Messages messages = both();
        List<LogRecord> records = captureWarnings(() -> {
            assertThat(messages.text("zh-CN", "no.such.key", Map.of())).isEqualTo("no.such.key");
            assertThat(messages.text("zh", "no.such.key", "a", 1)).isEqualTo("no.such.key");
            assertThat(messages.text("en", "no.such.key", Map.of())).isEqualTo("no.such.key");
        });

        assertThat(records).extracting(LogRecord::getMessage).containsExactly(
                "no message 'no.such.key' in locale zh-CN; showing the key itself",
                "no message 'no.such.key' in locale en; showing the key itself");
    }

    @Test
    void realKeysNeverWarn() {
        Messages messages = both();
        List<LogRecord> records = captureWarnings(() -> {
            for (String locale : messages.locales()) {
                for (String key : messages.keys()) {
                    messages.text(locale, key, Map.of());
                }
            }
        });

        assertThat(records).isEmpty();
    }

    private static List<LogRecord> captureWarnings(Runnable action) {
        Logger logger = Logger.getLogger(Messages.class.getName());
        List<LogRecord> records = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
                    records.add(record);
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        logger.addHandler(handler);
        logger.setUseParentHandlers(false);
        try {
            action.run();
        } finally {
            logger.setUseParentHandlers(true);
            logger.removeHandler(handler);
        }
        return records;
    }

    @Test
    void aKeyMissingFromALocaleFailsNamingFileKeyAndWhereTheDefaultHasIt() {
        assertThatThrownBy(() -> Messages.of(ordered("en", "a: x\nb:\n  c: y\n", "zh-CN", "a: 甲\n")))
                .isInstanceOf(LocaleException.class)
                .hasMessage("locales/zh-CN.yaml: key 'b.c' is missing (locales/en.yaml:3 has it)");
    }

    @Test
    void aKeyOnlyInAnotherLocaleFails() {
        assertThatThrownBy(() -> Messages.of(ordered("en", "a: x\n", "zh-CN", "a: 甲\nextra: 多余\n")))
                .isInstanceOf(LocaleException.class)
                .hasMessage("locales/zh-CN.yaml:2: key 'extra' is not in locales/en.yaml");
    }

    @Test
    void differentPlaceholdersFailListingBothSets() {
        assertThatThrownBy(() -> Messages.of(ordered(
                "en", "a: \"{x} and {y}\"\nb: none\n",
                "zh-CN", "a: \"{x} 和 {z}\"\nb: \"{surprise}\"\n")))
                .isInstanceOf(LocaleException.class)
                .hasMessage("locales/zh-CN.yaml:1: key 'a' has placeholders {x} {z} but locales/en.yaml:1 has {x} {y}\n"
                        + "locales/zh-CN.yaml:2: key 'b' has placeholders {surprise} but locales/en.yaml:2 has none");
    }

    @Test
    void theDefaultLocaleMustBePresent() {
        assertThatThrownBy(() -> Messages.of(Map.of("zh-CN", "a: 甲\n")))
                .isInstanceOf(LocaleException.class)
                .hasMessage("locales/en.yaml: missing, but 'en' is the default locale");
    }

    @Test
    void malformedYamlFailsWithLine() {
        assertThatThrownBy(() -> Messages.of(Map.of("en", "a: x\nb: [unclosed\n")))
                .isInstanceOf(LocaleException.class)
                .hasMessageStartingWith("locales/en.yaml:3: invalid YAML:");
    }

    @Test
    void duplicateKeysFail() {
        assertThatThrownBy(() -> Messages.of(Map.of("en", "a: x\nb: y\na: z\n")))
                .isInstanceOf(LocaleException.class)
                .hasMessage("locales/en.yaml:3: key 'a' is defined twice (also at line 1)");
        assertThatThrownBy(() -> Messages.of(Map.of("en", "a:\n  b: x\na.b: y\n")))
                .isInstanceOf(LocaleException.class)
                .hasMessage("locales/en.yaml:3: key 'a.b' is defined twice (also at line 2)");
        assertThatThrownBy(() -> Messages.of(Map.of("en", "a: x\na:\n  b: y\n")))
                .isInstanceOf(LocaleException.class)
                .hasMessage("locales/en.yaml:2: key 'a' is defined twice (also at line 1)");
    }

    @Test
    void valuesMustBeTextOrNestedKeys() {
        assertThatThrownBy(() -> Messages.of(Map.of("en", "a:\n  - x\n")))
                .isInstanceOf(LocaleException.class)
                .hasMessage("locales/en.yaml:2: key 'a' must have a text value or nested keys");
        assertThatThrownBy(() -> Messages.of(Map.of("en", "ok: fine\nempty:\n")))
                .isInstanceOf(LocaleException.class)
                .hasMessage("locales/en.yaml:2: key 'empty' must have a text value or nested keys");
        assertThatThrownBy(() -> Messages.of(Map.of("en", "ok: fine\n\"\": blank\n")))
                .isInstanceOf(LocaleException.class)
                .hasMessage("locales/en.yaml:2: keys must be plain words");
        assertThatThrownBy(() -> Messages.of(Map.of("en", "- a\n")))
                .isInstanceOf(LocaleException.class)
                .hasMessage("locales/en.yaml:1: expected a map of keys to messages");
    }

    @Test
    void yamlWordsStayText() {
        Messages messages = Messages.of(Map.of("en", "yes: no\nnumber: 007\nempty: \"\"\n"));

        assertThat(messages.text("en", "yes", Map.of())).isEqualTo("no");
        assertThat(messages.text("en", "number", Map.of())).isEqualTo("007");
        assertThat(messages.text("en", "empty", Map.of())).isEmpty();
    }

    @Test
    void localeNamesMustBeTags() {
        assertThatThrownBy(() -> Messages.of(ordered("en", "a: x\n", "Chinese", "a: 甲\n")))
                .isInstanceOf(LocaleException.class)
                .hasMessage("locales/Chinese.yaml: 'Chinese' is not a locale tag such as en or zh-CN");
    }

    @Test
    void anEmptyFileIsALocaleWithoutKeys() {
        Messages messages = Messages.of(ordered("en", "# nothing yet\n", "zh-CN", ""));

        assertThat(messages.keys()).isEmpty();
        assertThat(messages.locales()).containsExactly("en", "zh-CN");
    }
}
