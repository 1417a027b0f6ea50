package dev.parley.i18n;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.parley.command.ArgType;
import dev.parley.command.CommandCatalog;
import dev.parley.command.CommandSpec;
import dev.parley.command.EnumValue;
import dev.parley.command.OptionSpec;
import dev.parley.command.ParserKey;

/** The real {@code locales/} and {@code commands/} agree: every key in every locale, same placeholders, no strays. */
class LocaleCompletenessTest {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([A-Za-z_][A-Za-z0-9_]*)}");
    private final Messages messages = Messages.load();
    private final CommandCatalog catalog = CommandCatalog.load();

    @Test
    void bothLocalesAreLoaded() {
        assertThat(messages.locales()).containsExactly("en", "zh-CN");
        assertThat(messages.keys()).containsAll(catalog.localeKeys().keySet()).contains("parser.error.duration_invalid");
    }

    @Test
    void everyKeyIsInEveryLocaleWithTheSamePlaceholders() {
        List<String> problems = new ArrayList<>();
        for (String key : messages.keys()) {
            Set<String> expected = placeholders(messages.text("en", key, Map.of()));
            for (String locale : messages.locales()) {
                if (!messages.has(locale, key)) {
                    problems.add(locale + " lacks " + key);
                } else if (!placeholders(messages.text(locale, key, Map.of())).equals(expected)) {
                    problems.add(locale + " has other placeholders in " + key);
                }
            }
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void everyKeyTheCatalogRefersToExists() {
        assertThatCode(() -> catalog.verifyKeys(messages)).doesNotThrowAnyException();
        for (String key : catalog.localeKeys().keySet()) {
            for (String locale : messages.locales()) {
                assertThat(messages.has(locale, key)).as(locale + " " + key).isTrue();
                assertThat(messages.text(locale, key, Map.of())).as(locale + " " + key).isNotBlank();
            }
        }
    }

    @Test
    void everyParserKeyExistsWithTheDocumentedPlaceholders() {
        for (ParserKey key : ParserKey.values()) {
            assertThat(messages.has("en", key.key())).as(key.key()).isTrue();
            assertThat(messages.has("zh-CN", key.key())).as(key.key()).isTrue();
        }
        assertThat(placeholders(messages.text("en", ParserKey.DURATION_INVALID.key(), Map.of()))).containsExactly("value");
        assertThat(placeholders(messages.text("en", ParserKey.TEXT_TOO_LONG.key(), Map.of())))
                .containsExactly("length", "max", "name");
        assertThat(placeholders(messages.text("en", ParserKey.ENUM_INVALID.key(), Map.of())))
                .containsExactly("choices", "value");
        assertThat(placeholders(messages.text("en", ParserKey.UNKNOWN_COMMAND_SUGGESTION.key(), Map.of())))
                .containsExactly("command", "suggestion");
        assertThat(placeholders(messages.text("en", ParserKey.MISSING_SUBCOMMAND.key(), Map.of())))
                .containsExactly("command", "subcommands");
    }

    @Test
    void noCommandKeyIsLeftOverFromARemovedCommandOrArgument() {
        Set<String> stray = new TreeSet<>();
        for (String key : messages.keys()) {
            if (key.startsWith("cmd.") && !catalog.localeKeys().containsKey(key)) {
                stray.add(key);
            }
        }
        assertThat(stray).isEmpty();
    }

    @Test
    void theParserNamespaceHoldsExactlyTheParserKeys() {
        Set<String> parserKeys = new TreeSet<>();
        for (ParserKey key : ParserKey.values()) {
            parserKeys.add(key.key());
        }
        assertThat(messages.keys().stream().filter(key -> key.startsWith("parser.")).toList())
                .containsExactlyInAnyOrderElementsOf(parserKeys);
    }

    @Test
    void summariesFitTelegramAndDiscordCommandDescriptions() {
        for (CommandSpec command : catalog.all()) {
            for (String locale : messages.locales()) {
                String summary = messages.text(locale, command.summaryKey(), Map.of());
                assertThat(summary).as(locale + " " + command.id()).doesNotContain("\n").hasSizeBetween(1, 100);
            }
        }
    }

    @Test
    void helpTextsEndWithAnExampleInTheirOwnLanguage() {
        for (CommandSpec command : catalog.all()) {
            assertThat(messages.text("en", command.helpKey(), Map.of())).as(command.id()).containsPattern("Examples?: /");
            assertThat(messages.text("zh-CN", command.helpKey(), Map.of())).as(command.id()).contains("示例：/");
        }
    }

    @Test
    void everyCommandAndOptionHasNamesInEveryLocale() {
        for (CommandSpec command : catalog.all()) {
            assertThat(command.namesByLocale().keySet()).as(command.id()).containsAll(messages.locales());
            for (OptionSpec option : command.options()) {
                assertThat(option.names().keySet()).as(command.id() + " " + option.name())
                        .containsAll(messages.locales());
            }
        }
    }

    @Test
    void everyEnumValueHasAChineseName() {
        for (CommandSpec command : catalog.all()) {
            command.params().stream().map(param -> param.type()).filter(ArgType.Choice.class::isInstance)
                    .map(ArgType.Choice.class::cast).flatMap(choice -> choice.values().stream())
                    .map(EnumValue::aliases)
                    .forEach(aliases -> assertThat(aliases).as(command.id()).containsKey("zh-CN"));
        }
    }

    private static Set<String> placeholders(String template) {
        Set<String> names = new TreeSet<>();
        Matcher matcher = PLACEHOLDER.matcher(template);
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        return names;
    }
}
