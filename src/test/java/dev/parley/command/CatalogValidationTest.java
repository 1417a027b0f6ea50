package dev.parley.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.i18n.Messages;

/** Every rule of the catalog format fails start-up with the file, the line and the reason. */
class CatalogValidationTest {

    private static void assertRejected(String yaml, String expectedMessage) {
        assertThatThrownBy(() -> CommandCatalog.parse(Map.of("search.yaml", yaml)))
                .isInstanceOf(CatalogException.class)
                .hasMessage(expectedMessage);
    }

    @Test
    void unknownTypeNamesTheOptionAndTheAcceptedTypes() {
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    options:
                      - names: {en: [since]}
                        type: duraton
                """, "commands/search.yaml:7: option 'since' has unknown type 'duraton' (expected one of: text, integer,"
                + " duration, date, enum, account, chat, identity)");
    }

    @Test
    void unknownKeysAtEveryLevel() {
        assertRejected("""
                command:
                  - id: x
                """, "commands/search.yaml:1: the file has unknown key 'command' (expected one of: commands)");
        assertRejected("""
                commands:
                  - id: search
                    nmes: {en: [search]}
                """, "commands/search.yaml:3: command has unknown key 'nmes' (expected one of: id, names, role, default,"
                + " args, options, subcommands)");
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    args:
                      - name: query
                        type: text
                        optional: true
                """, "commands/search.yaml:8: argument has unknown key 'optional' (expected one of: name, type, required,"
                + " rest, verbatim, max, min, values)");
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    options:
                      - names: {en: [page]}
                        type: integer
                        required: true
                """, "commands/search.yaml:8: option has unknown key 'required' (expected one of: names, type, max, min,"
                + " values, secret)");
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    options:
                      - names: {en: [sort]}
                        type: enum
                        values:
                          - {value: newest, alias: {zh-CN: [最新]}}
                """, "commands/search.yaml:9: option 'sort' value has unknown key 'alias' (expected one of: value,"
                + " aliases)");
    }

    @Test
    void repeatedYamlKeys() {
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    role: admin
                """, "commands/search.yaml:5: command has key 'role' twice");
    }

    @Test
    void missingIdNamesRoleAndType() {
        assertRejected("""
                commands:
                  - names: {en: [search]}
                    role: viewer
                """, "commands/search.yaml:2: command has no 'id'");
        assertRejected("""
                commands:
                  - id: search
                    role: viewer
                """, "commands/search.yaml:2: command 'search' has no 'names'");
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                """, "commands/search.yaml:2: command 'search' has no 'role' (expected one of: none, viewer, operator,"
                + " admin, owner)");
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    args:
                      - name: query
                """, "commands/search.yaml:6: argument 'query' has no 'type' (expected one of: text, integer, duration,"
                + " date, enum, account, chat, identity)");
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    args:
                      - type: text
                """, "commands/search.yaml:6: argument has no 'name'");
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    options:
                      - type: text
                """, "commands/search.yaml:6: option has no 'names'");
    }

    @Test
    void aFileMustDeclareCommands() {
        assertRejected("# nothing yet\n", "commands/search.yaml:1: declares no commands (expected a top-level"
                + " 'commands:' list)");
        assertRejected("commands: []\n", "commands/search.yaml:1: 'commands' must not be empty");
        assertRejected("commands: search\n", "commands/search.yaml:1: 'commands' must be a list");
        assertThatThrownBy(() -> CommandCatalog.parse(Map.of())).isInstanceOf(CatalogException.class)
                .hasMessage("commands/: no command files");
    }

    @Test
    void malformedYamlHasALine() {
        assertThatThrownBy(() -> CommandCatalog.parse(Map.of("bot.yaml", "commands:\n  - id: bot\n    names: {en: [bot\n")))
                .isInstanceOf(CatalogException.class)
                .hasMessageStartingWith("commands/bot.yaml:4: invalid YAML:");
    }

    @Test
    void badRole() {
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: superuser
                """, "commands/search.yaml:4: command 'search' has unknown role 'superuser' (expected one of: none,"
                + " viewer, operator, admin, owner)");
    }

    @Test
    void badIds() {
        assertRejected("""
                commands:
                  - id: Search
                    names: {en: [search]}
                    role: viewer
                """, "commands/search.yaml:2: command id 'Search' must be a lower-case letter followed by up to 31"
                + " lower-case letters, digits or _ (dots only in subcommand ids)");
        assertRejected("""
                commands:
                  - id: bot
                    names: {en: [bot]}
                    subcommands:
                      - id: list
                        names: {en: [list]}
                        role: viewer
                """, "commands/search.yaml:5: subcommand id 'list' must be 'bot.' followed by a lower-case letter and"
                + " up to 31 lower-case letters, digits or _");
        assertRejected("""
                commands:
                  - id: bot
                    names: {en: [bot]}
                    subcommands:
                      - id: bot.help
                        names: {en: [help]}
                        role: viewer
                """, "commands/search.yaml:5: subcommand id 'bot.help' may not end in 'help': locale keys cmd.bot.help"
                + " already belong to 'bot'");
    }

    @Test
    void aDefaultSubcommandIsOnePerGroupAndTakesNoRequiredArguments() {
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    default: true
                """, "commands/search.yaml:5: command 'search' is not a subcommand, so it cannot be its group's default");
        assertRejected("""
                commands:
                  - id: bot
                    names: {en: [bot]}
                    role: viewer
                    subcommands:
                      - id: bot.list
                        names: {en: [list]}
                        default: true
                      - id: bot.info
                        names: {en: [info]}
                        default: true
                """, "commands/search.yaml:9: command 'bot' has two default subcommands, 'bot.list' and 'bot.info';"
                + " at most one may be");
        assertRejected("""
                commands:
                  - id: bot
                    names: {en: [bot]}
                    role: viewer
                    subcommands:
                      - id: bot.info
                        names: {en: [info]}
                        default: true
                        args:
                          - name: account
                            type: account
                """, "commands/search.yaml:8: command 'bot.info' is its group's default, so it runs with no words at"
                + " all and cannot have required arguments");
    }

    @Test
    void duplicateIdsAcrossFiles() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("a.yaml", """
                commands:
                  - id: status
                    names: {en: [status]}
                    role: viewer
                """);
        files.put("b.yaml", """
                # the same id again
                commands:
                  - id: status
                    names: {en: [health]}
                    role: viewer
                """);
        assertThatThrownBy(() -> CommandCatalog.parse(files)).isInstanceOf(CatalogException.class)
                .hasMessage("commands/b.yaml:3: duplicate id 'status' (first declared at commands/a.yaml:2)");
    }

    @Test
    void nameCollisionsAcrossCommandsInAnyLocaleIgnoringCase() {
        Map<String, String> files = new LinkedHashMap<>();
        files.put("bot.yaml", """
                commands:
                  - id: bot
                    names: {en: [bot], zh-CN: [机器人, 账号]}
                    role: viewer
                """);
        files.put("search.yaml", """
                commands:
                  - id: search
                    names:
                      en: [search, Bot]
                """);
        assertThatThrownBy(() -> CommandCatalog.parse(files)).isInstanceOf(CatalogException.class)
                .hasMessage("commands/search.yaml:4: command 'search' has name 'Bot', which must be 1-32 lower-case"
                        + " letters, digits, _ or - (no spaces or punctuation)");
        files.put("search.yaml", """
                commands:
                  - id: search
                    names:
                      en: [search]
                      zh-CN: [搜索, 账号]
                    role: viewer
                """);
        assertThatThrownBy(() -> CommandCatalog.parse(files)).isInstanceOf(CatalogException.class)
                .hasMessage("commands/search.yaml:5: name '账号' of command 'search' is already used by command 'bot'"
                        + " (commands/bot.yaml:3)");
        files.put("search.yaml", """
                commands:
                  - id: search
                    names: {en: [search, s], zh-CN: [bot]}
                    role: viewer
                """);
        assertThatThrownBy(() -> CommandCatalog.parse(files)).isInstanceOf(CatalogException.class)
                .hasMessage("commands/search.yaml:3: name 'bot' of command 'search' is already used by command 'bot'"
                        + " (commands/bot.yaml:3)");
    }

    @Test
    void fullWidthNamesCollideWithTheirAsciiTwins() {
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search], zh-CN: [ｓｅａｒｃｈ]}
                    role: viewer
                """, "commands/search.yaml:3: name 'ｓｅａｒｃｈ' is listed twice for command 'search' (also at"
                + " commands/search.yaml:3)");
    }

    @Test
    void subcommandNamesCollideWithinTheirGroupOnly() {
        assertRejected("""
                commands:
                  - id: role
                    names: {en: [role]}
                    subcommands:
                      - id: role.list
                        names: {en: [list, ls]}
                        role: viewer
                      - id: role.lsx
                        names: {en: [lsx], zh-CN: [ls]}
                        role: viewer
                """, "commands/search.yaml:9: name 'ls' of command 'role.lsx' is already used by command 'role.list'"
                + " (commands/search.yaml:6)");
        assertRejected("""
                commands:
                  - id: role
                    names: {en: [role]}
                    subcommands:
                      - id: role.list
                        names: {en: [list], zh-CN: [列表]}
                        role: viewer
                      - id: role.show
                        names:
                          en: [show]
                          zh-CN: [列表]
                        role: viewer
                """, "commands/search.yaml:11: name '列表' of command 'role.show' is already used by command"
                + " 'role.list' (commands/search.yaml:6)");
        CommandCatalog catalog = CommandCatalog.parse(Map.of("x.yaml", """
                commands:
                  - id: role
                    names: {en: [role]}
                    subcommands:
                      - {id: role.list, names: {en: [list]}, role: viewer}
                  - id: bot
                    names: {en: [bot]}
                    subcommands:
                      - {id: bot.list, names: {en: [list]}, role: viewer}
                  - {id: list, names: {en: [list]}, role: viewer}
                """));
        assertThat(catalog.all()).extracting(CommandSpec::id).containsExactly("role", "role.list", "bot", "bot.list",
                "list");
    }

    @Test
    void canonicalEnglishNameIsRequiredAndTelegramSafe() {
        assertRejected("""
                commands:
                  - id: search
                    names: {zh-CN: [搜索]}
                    role: viewer
                """, "commands/search.yaml:3: command 'search' has no English names (en: [...]); the first one is its"
                + " canonical name");
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search-all]}
                    role: viewer
                """, "commands/search.yaml:3: command 'search' has canonical name 'search-all', which must be 1-32"
                + " characters of a-z, 0-9 and _ (as Telegram and Discord require)");
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [abcdefghijklmnopqrstuvwxyz0123456789]}
                    role: viewer
                """, "commands/search.yaml:3: command 'search' has name 'abcdefghijklmnopqrstuvwxyz0123456789', which"
                + " must be 1-32 lower-case letters, digits, _ or - (no spaces or punctuation)");
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search], zh-CN: ["搜 索"]}
                    role: viewer
                """, "commands/search.yaml:3: command 'search' has name '搜 索', which must be 1-32 lower-case letters,"
                + " digits, _ or - (no spaces or punctuation)");
        assertRejected("""
                commands:
                  - id: search
                    names: {english: [search]}
                    role: viewer
                """, "commands/search.yaml:3: command 'search' has names for 'english', which is not a locale tag such"
                + " as en or zh-CN");
        assertRejected("""
                commands:
                  - id: search
                    names: {en: []}
                    role: viewer
                """, "commands/search.yaml:3: command 'search' names for en must not be empty");
    }

    @Test
    void groupsCarrySubcommandsNotArguments() {
        assertRejected("""
                commands:
                  - id: bot
                    names: {en: [bot]}
                    role: viewer
                    args:
                      - {name: x, type: text}
                    subcommands:
                      - {id: bot.list, names: {en: [list]}}
                """, "commands/search.yaml:6: command 'bot' has subcommands, so its args belong on each subcommand");
        assertRejected("""
                commands:
                  - id: bot
                    names: {en: [bot]}
                    subcommands:
                      - id: bot.list
                        names: {en: [list]}
                        role: viewer
                        subcommands:
                          - {id: bot.list.all, names: {en: [all]}, role: viewer}
                """, "commands/search.yaml:9: command 'bot.list' is a subcommand, so it cannot have subcommands of its own");
        assertRejected("""
                commands:
                  - id: bot
                    names: {en: [bot]}
                    subcommands: []
                """, "commands/search.yaml:4: command 'bot' subcommands must not be empty");
    }

    @Test
    void subcommandsDeclareARoleOrInheritTheirGroups() {
        assertRejected("""
                commands:
                  - id: bot
                    names: {en: [bot]}
                    subcommands:
                      - id: bot.list
                        names: {en: [list]}
                """, "commands/search.yaml:5: command 'bot.list' has no 'role' (expected one of: none, viewer, operator,"
                + " admin, owner); declare it here or on 'bot'");
        CommandCatalog catalog = CommandCatalog.parse(Map.of("bot.yaml", """
                commands:
                  - id: bot
                    names: {en: [bot]}
                    role: operator
                    subcommands:
                      - {id: bot.list, names: {en: [list]}}
                      - {id: bot.add, names: {en: [add]}, role: admin}
                      - {id: bot.ping, names: {en: [ping]}, role: none}
                """));
        assertThat(catalog.byId("bot").orElseThrow().requiredRole()).hasValue(dev.parley.rbac.Role.OPERATOR);
        assertThat(catalog.byId("bot.list").orElseThrow().requiredRole()).hasValue(dev.parley.rbac.Role.OPERATOR);
        assertThat(catalog.byId("bot.add").orElseThrow().requiredRole()).hasValue(dev.parley.rbac.Role.ADMIN);
        assertThat(catalog.byId("bot.ping").orElseThrow().requiredRole()).isEmpty();
    }

    @Test
    void restOnlyOnTheLastTextArgument() {
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    args:
                      - {name: query, type: text, rest: true}
                      - {name: page, type: integer, required: false}
                """, "commands/search.yaml:6: argument 'query' has rest: true but is not the last argument of command"
                + " 'search'");
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    args:
                      - name: since
                        type: duration
                        rest: true
                """, "commands/search.yaml:8: argument 'since' has rest: true, which needs type text, not duration");
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    args:
                      - name: query
                        type: text
                        verbatim: true
                """, "commands/search.yaml:8: argument 'query' has verbatim: true, which needs rest: true");
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    args:
                      - {name: query, type: text, rest: yes}
                """, "commands/search.yaml:6: argument 'query' rest must be true or false, not 'yes'");
    }

    @Test
    void requiredArgumentsComeFirst() {
        assertRejected("""
                commands:
                  - id: grant
                    names: {en: [grant]}
                    role: admin
                    args:
                      - {name: identity, type: identity, required: false}
                      - {name: role, type: text}
                """, "commands/search.yaml:7: argument 'role' is required but follows optional argument 'identity'");
    }

    @Test
    void parameterNamesAreUniqueWithinACommand() {
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    args:
                      - {name: query, type: text}
                    options:
                      - names: {en: [query]}
                        type: text
                """, "commands/search.yaml:8: name 'query' of option 'query' is already used by argument 'query'"
                + " (commands/search.yaml:6)");
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    options:
                      - names: {en: [from], zh-CN: [从]}
                        type: date
                      - names: {en: [since], zh-CN: [最近, 从]}
                        type: duration
                """, "commands/search.yaml:8: name '从' of option 'since' is already used by option 'from'"
                + " (commands/search.yaml:6)");
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    options:
                      - names: {en: [Since]}
                        type: duration
                """, "commands/search.yaml:6: option has name 'Since', which must be 1-32 lower-case letters, digits, _"
                + " or - (no spaces or punctuation)");
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    args:
                      - {name: Query, type: text}
                """, "commands/search.yaml:6: argument name 'Query' must be 1-32 characters of a-z, 0-9 and _");
    }

    @Test
    void typeSettingsMustFitTheType() {
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    options:
                      - names: {en: [since]}
                        type: duration
                        max: 7
                """, "commands/search.yaml:8: option 'since' has 'max', which type duration does not take");
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    options:
                      - names: {en: [page]}
                        type: integer
                        min: 10
                        max: 1
                """, "commands/search.yaml:8: option 'page' has min 10 above max 1");
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    options:
                      - names: {en: [page]}
                        type: integer
                        min: one
                """, "commands/search.yaml:8: option 'page' min must be a whole number, not 'one'");
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    args:
                      - {name: query, type: text, max: 0}
                """, "commands/search.yaml:6: argument 'query' max must be at least 1, not 0");
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    args:
                      - {name: query, type: text, values: [a]}
                """, "commands/search.yaml:6: argument 'query' has 'values', which type text does not take");
    }

    @Test
    void enumsNeedDistinctValues() {
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    options:
                      - names: {en: [sort]}
                        type: enum
                """, "commands/search.yaml:6: option 'sort' has type enum but no 'values'");
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    options:
                      - names: {en: [sort]}
                        type: enum
                        values: []
                """, "commands/search.yaml:8: option 'sort' values must not be empty");
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    options:
                      - names: {en: [sort]}
                        type: enum
                        values:
                          - {value: newest, aliases: {zh-CN: [最新]}}
                          - {value: relevance, aliases: {zh-CN: [相关, 最新]}}
                """, "commands/search.yaml:10: name '最新' of value 'relevance' of option 'sort' is already used by"
                + " value 'newest' of option 'sort' (commands/search.yaml:9)");
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    options:
                      - names: {en: [sort]}
                        type: enum
                        values: [newest, NEWEST]
                """, "commands/search.yaml:8: name 'NEWEST' of value 'NEWEST' of option 'sort' is already used by"
                + " value 'newest' of option 'sort' (commands/search.yaml:8)");
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    options:
                      - names: {en: [sort]}
                        type: enum
                        values: ["new est"]
                """, "commands/search.yaml:8: option 'sort' has value 'new est', which must be 1-32 letters, digits, _"
                + " or -");
        assertRejected("""
                commands:
                  - id: search
                    names: {en: [search]}
                    role: viewer
                    options:
                      - names: {en: [sort]}
                        type: enum
                        values:
                          - aliases: {zh-CN: [最新]}
                """, "commands/search.yaml:9: option 'sort' has a value without 'value'");
    }

    @Test
    void verifyKeysListsEveryMissingKeyWithItsLine() {
        CommandCatalog catalog = CommandCatalog.parse(Map.of("status.yaml", """
                commands:
                  - id: status
                    names: {en: [status]}
                    role: viewer
                    options:
                      - names: {en: [verbose]}
                        type: text
                """));
        Messages messages = Messages.of(Map.of(
                "en", "cmd:\n  status:\n    summary: s\n    help: h\n    arg:\n      verbose:\n        label: l\n",
                "zh-CN", "cmd:\n  status:\n    summary: 甲\n    help: 乙\n    arg:\n      verbose:\n        label: 丙\n"));

        assertThat(catalog.localeKeys()).containsExactly(
                Map.entry("cmd.status.summary", new Origin("commands/status.yaml", 2)),
                Map.entry("cmd.status.help", new Origin("commands/status.yaml", 2)),
                Map.entry("cmd.status.arg.verbose.label", new Origin("commands/status.yaml", 6)),
                Map.entry("cmd.status.arg.verbose.help", new Origin("commands/status.yaml", 6)));
        assertThatThrownBy(() -> catalog.verifyKeys(messages)).isInstanceOf(CatalogException.class)
                .hasMessage("commands/status.yaml:6: locale key 'cmd.status.arg.verbose.help' is missing in en, zh-CN");
    }
}
