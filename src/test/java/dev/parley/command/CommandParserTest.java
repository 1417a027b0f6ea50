package dev.parley.command;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

import dev.parley.i18n.Messages;
import dev.parley.rbac.Identity;

/** The parser against the real catalog, in both languages, with the inputs admins actually type. */
class CommandParserTest {
    private static final CommandCatalog CATALOG = CommandCatalog.load();
    private static final CommandParser PARSER = new CommandParser(CATALOG);
    private static final Messages MESSAGES = Messages.load();

    private static ParseResult.Parsed parsed(String text) {
        ParseResult result = PARSER.parse(text);
        assertThat(result).as(text).isInstanceOf(ParseResult.Parsed.class);
        return (ParseResult.Parsed) result;
    }

    private static ParseResult.Invalid invalid(String text) {
        ParseResult result = PARSER.parse(text);
        assertThat(result).as(text).isInstanceOf(ParseResult.Invalid.class);
        return (ParseResult.Invalid) result;
    }

    private static ParseResult.Unknown unknown(String text) {
        ParseResult result = PARSER.parse(text);
        assertThat(result).as(text).isInstanceOf(ParseResult.Unknown.class);
        return (ParseResult.Unknown) result;
    }

    private static CommandSpec command(String id) {
        return CATALOG.byId(id).orElseThrow();
    }

    @Nested
    class CommandWord {
        @ParameterizedTest
        @ValueSource(strings = {"/search 退款", "search 退款", "／search 退款", "/search@parley_bot 退款",
                "/SEARCH 退款", "/Search@Parley_Bot 退款", "  /  search   退款  ", "/ｓｅａｒｃｈ 退款", "\u3000/search\u3000退款",
                "/search＠parley_bot 退款"})
        void slashBotSuffixCaseAndFullWidthDoNotMatter(String text) {
            ParseResult.Parsed result = parsed(text);

            assertThat(result.command()).isSameAs(command("search"));
            assertThat(result.values()).containsExactly(Map.entry("query", "退款"));
        }

        @Test
        void invokedAsIsTheNameAsTypedWithoutSlashOrBot() {
            assertThat(parsed("/S@parley_bot refund").invokedAs()).isEqualTo("S");
            assertThat(parsed("／搜索 退款").invokedAs()).isEqualTo("搜索");
            assertThat(parsed("/查找 退款").command()).isSameAs(command("search"));
            assertThat(parsed("/机器人 列表").invokedAs()).isEqualTo("机器人 列表");
            assertThat(parsed("/bot@parley_bot LS").invokedAs()).isEqualTo("bot LS");
        }

        @Test
        void anyLocaleWorksWhateverTheUser() {
            assertThat(parsed("/状态").command()).isSameAs(command("status"));
            assertThat(parsed("/我是谁").command()).isSameAs(command("whoami"));
            assertThat(parsed("/审计").command()).isSameAs(command("audit"));
            assertThat(parsed("/帮助").command()).isSameAs(command("help"));
            assertThat(parsed("/h").command()).isSameAs(command("help"));
            assertThat(parsed("/language en").command()).isSameAs(command("lang"));
        }

        @ParameterizedTest
        @NullAndEmptySource
        @ValueSource(strings = {"   ", "/", "／", "\u3000", "/ \u3000 ", "\n\t"})
        void blankIsNotACommand(String text) {
            assertThat(PARSER.parse(text)).isEqualTo(new ParseResult.NotACommand());
        }
    }

    @Nested
    class RestAndQuotes {
        @Test
        void restTakesTheRemainingWordsJoinedBySingleSpaces() {
            assertThat(parsed("/search refund   request\tplease").values()).containsEntry("query", "refund request please");
            assertThat(parsed("/search 退款\u3000申请").values()).containsEntry("query", "退款 申请");
        }

        @Test
        void quotedWordsKeepTheirInnerSpaces() {
            assertThat(parsed("/search \"refund  request\" please").values())
                    .containsEntry("query", "refund  request please");
            assertThat(parsed("/search 'a b' c").values()).containsEntry("query", "a b c");
        }

        @ParameterizedTest
        @ValueSource(strings = {"/search 「退款 申请」", "/search 『退款 申请』", "/search “退款 申请”", "/search ＂退款 申请＂",
                "/search ‘退款 申请’", "/search \"退款 申请\"", "/search '退款 申请'", "/search ＇退款 申请＇"})
        void everyQuoteStyleMakesOneArgument(String text) {
            assertThat(parsed(text).values()).containsExactly(Map.entry("query", "退款 申请"));
        }

        @Test
        void quotesInsideAWordAreOrdinaryCharacters() {
            assertThat(parsed("/search don't panic").values()).containsEntry("query", "don't panic");
            assertThat(parsed("/search 5\"x7\"").values()).containsEntry("query", "5\"x7\"");
            assertThat(parsed("/search \"ab\"cd").values()).containsEntry("query", "abcd");
        }

        @Test
        void aVerbatimRestIsTakenAsTypedWithLineBreaksAndQuotes() {
            assertThat(parsed("/send 3 Bob He said \"ok\".\n\nSee you  at 9").values())
                    .containsEntry("text", "He said \"ok\".\n\nSee you  at 9");
            assertThat(parsed("/kb import Q: refunds?\nA: 3 days.\n\nQ: shipping?\nA: free").values())
                    .containsEntry("text", "Q: refunds?\nA: 3 days.\n\nQ: shipping?\nA: free");
            assertThat(parsed("/ai edit 12 \"Hello\"").values()).as("one quoted word is still unquoted")
                    .containsEntry("text", "Hello");
            assertThat(parsed("/search refund\nrequest").values()).as("words that are looked up are still joined")
                    .containsEntry("query", "refund request");
        }

        @Test
        void anEmptyQuotedWordCarriesNothing() {
            assertThat(parsed("/search a \"\" b").values()).containsEntry("query", "a b");
            assertThat(invalid("/search \"\"").problemKey()).isEqualTo(ParserKey.MISSING_ARGUMENT.key());
            assertThat(parsed("/help \"\"").values()).isEmpty();
        }

        @Test
        void unterminatedQuotesAreReportedWithTheQuote() {
            ParseResult.Invalid ascii = invalid("/search \"退款 申请");
            assertThat(ascii.command()).isSameAs(command("search"));
            assertThat(ascii.problemKey()).isEqualTo("parser.error.unterminated_quote");
            assertThat(ascii.problemArgs()).containsExactly(Map.entry("quote", "\""));
            assertThat(invalid("/search 「退款").problemArgs()).containsEntry("quote", "「");
            assertThat(invalid("/search “退款\"").problemArgs()).containsEntry("quote", "“");
            assertThat(invalid("/search refund sender:\"Ann").problemArgs()).containsEntry("quote", "\"");
            assertThat(invalid("/search 'tis").problemArgs()).containsEntry("quote", "'");
        }

        @Test
        void helpTakesAMultiWordCommandName() {
            assertThat(parsed("/help bot list").values()).containsExactly(Map.entry("command", "bot list"));
            assertThat(parsed("/帮助 搜索").values()).containsExactly(Map.entry("command", "搜索"));
            assertThat(parsed("/help").values()).isEmpty();
        }
    }

    @Nested
    class Options {
        @Test
        void optionsMayComeAnywhere() {
            assertThat(parsed("/search since:7d 退款 申请").values())
                    .containsExactly(Map.entry("query", "退款 申请"), Map.entry("since", Duration.ofDays(7)));
            assertThat(parsed("/search 退款 since:7d 申请").values())
                    .containsExactly(Map.entry("query", "退款 申请"), Map.entry("since", Duration.ofDays(7)));
        }

        @Test
        void everySearchOptionInChineseWithFullWidthColons() {
            ParseResult.Parsed result = parsed("/搜索 退款 最近：7天 类型:图片 账号:客服1 群：售后群 发送者:张三 从:2026/1/1"
                    + " 到：2026.1.31 页:２ 排序:相关");

            assertThat(result.values()).containsExactly(
                    Map.entry("query", "退款"),
                    Map.entry("account", "客服1"),
                    Map.entry("chat", "售后群"),
                    Map.entry("sender", "张三"),
                    Map.entry("type", "image"),
                    Map.entry("since", Duration.ofDays(7)),
                    Map.entry("from", LocalDate.of(2026, 1, 1)),
                    Map.entry("to", LocalDate.of(2026, 1, 31)),
                    Map.entry("page", 2L),
                    Map.entry("sort", "relevance"));
        }

        @Test
        void everySearchOptionInEnglish() {
            ParseResult.Parsed result = parsed("/s refund account:wxid_abc123 group:ops sender:Ann type:PHOTO since:1h30m"
                    + " from:2026-01-01 to:2026-01-31 page:3 sort:latest");

            assertThat(result.values()).containsExactly(
                    Map.entry("query", "refund"),
                    Map.entry("account", "wxid_abc123"),
                    Map.entry("chat", "ops"),
                    Map.entry("sender", "Ann"),
                    Map.entry("type", "image"),
                    Map.entry("since", Duration.ofMinutes(90)),
                    Map.entry("from", LocalDate.of(2026, 1, 1)),
                    Map.entry("to", LocalDate.of(2026, 1, 31)),
                    Map.entry("page", 3L),
                    Map.entry("sort", "newest"));
        }

        @Test
        void keysMatchIgnoringCaseAndFullWidth() {
            assertThat(parsed("/search x SINCE:2h").values()).containsEntry("since", Duration.ofHours(2));
            assertThat(parsed("/search x ｓｉｎｃｅ：２ｈ").values()).containsEntry("since", Duration.ofHours(2));
        }

        @Test
        void quotedOptionValuesKeepSpacesAndColons() {
            assertThat(parsed("/search x sender:\"Ann Lee\"").values()).containsEntry("sender", "Ann Lee");
            assertThat(parsed("/搜索 x 发送者：「张 三」").values()).containsEntry("sender", "张 三");
            assertThat(parsed("/search x chat:“a:b c”").values()).containsEntry("chat", "a:b c");
            assertThat(parsed("/search x account:wxid:1:2").values()).containsEntry("account", "wxid:1:2");
        }

        @Test
        void wordsWithColonsAreOrdinaryUnlessTheKeyIsAnOption() {
            assertThat(parsed("/search http://x.cn/a?b=c").values())
                    .containsExactly(Map.entry("query", "http://x.cn/a?b=c"));
            assertThat(parsed("/search title:foo bar").values()).containsExactly(Map.entry("query", "title:foo bar"));
            assertThat(parsed("/search 注意：退款").values()).containsExactly(Map.entry("query", "注意：退款"));
            assertThat(parsed("/search 10:30 meeting").values()).containsExactly(Map.entry("query", "10:30 meeting"));
            assertThat(parsed("/search :since").values()).containsExactly(Map.entry("query", ":since"));
        }

        @Test
        void theFullWidthCommaIsAnOrdinaryCharacter() {
            assertThat(parsed("/search 退款，申请").values()).containsExactly(Map.entry("query", "退款，申请"));
            assertThat(parsed("/search 退款，since:7d").values()).containsExactly(Map.entry("query", "退款，since:7d"));
        }

        @Test
        void aQuotedWordIsNeverAnOption() {
            assertThat(parsed("/search \"since:7d\"").values()).containsExactly(Map.entry("query", "since:7d"));
        }

        @Test
        void quotesAfterANonOptionKeyAreOrdinary() {
            assertThat(parsed("/search title:\"a b\"").values()).containsExactly(Map.entry("query", "title:\"a b\""));
        }

        @ParameterizedTest
        @ValueSource(strings = {"/search x since:", "/search x since:\"\"", "/search x since: 7d", "/search since:"})
        void anEmptyValueIsAnError(String text) {
            ParseResult.Invalid result = invalid(text);

            assertThat(result.problemKey()).isEqualTo("parser.error.option_needs_value");
            assertThat(result.problemArgs()).containsExactly(Map.entry("option", "since"), Map.entry("name", "since"));
        }

        @Test
        void anOptionTwiceIsAnErrorWhateverItsSpelling() {
            ParseResult.Invalid result = invalid("/search x page:1 页:2");

            assertThat(result.problemKey()).isEqualTo("parser.error.duplicate_option");
            assertThat(result.problemArgs()).containsExactly(Map.entry("option", "页"), Map.entry("name", "page"));
        }

        @Test
        void anUnknownKeyWhereNoArgumentFitsIsAnUnknownOption() {
            ParseResult.Invalid result = invalid("/audit sinse:7d");

            assertThat(result.problemKey()).isEqualTo("parser.error.unknown_option");
            assertThat(result.problemArgs()).containsExactly(Map.entry("option", "sinse"));
            assertThat(invalid("/审计 天数：7").problemArgs()).containsExactly(Map.entry("option", "天数"));
        }

        @Test
        void aQuotedExtraWordOrACommandWithoutOptionsIsTooMany() {
            assertThat(invalid("/audit \"sinse:7d\"").problemKey()).isEqualTo("parser.error.too_many_arguments");
            ParseResult.Invalid result = invalid("/status verbose:yes");
            assertThat(result.problemKey()).isEqualTo("parser.error.too_many_arguments");
            assertThat(result.problemArgs()).containsExactly(Map.entry("value", "verbose:yes"));
        }
    }

    @Nested
    class TypedValues {
        @Test
        void integersAreCheckedAgainstTheirRange() {
            assertThat(parsed("/search x page:1").values()).containsEntry("page", 1L);
            assertThat(parsed("/search x page:1000").values()).containsEntry("page", 1000L);
            assertThat(parsed("/search x page:+7").values()).containsEntry("page", 7L);
            assertThat(parsed("/search x 页:１２").values()).containsEntry("page", 12L);
            assertProblem("/search x page:0", "parser.error.integer_too_small",
                    Map.of("value", "0", "name", "page", "min", 1L));
            assertProblem("/search x page:-3", "parser.error.integer_too_small",
                    Map.of("value", "-3", "name", "page", "min", 1L));
            assertProblem("/search x page:1001", "parser.error.integer_too_large",
                    Map.of("value", "1001", "name", "page", "max", 1000L));
            assertProblem("/search x page:99999999999999999999999", "parser.error.integer_too_large",
                    Map.of("value", "99999999999999999999999", "name", "page", "max", 1000L));
            for (String bad : new String[] {"abc", "1.5", "1e3", "1,000", "二", "0x10", "--1"}) {
                assertProblem("/search x page:" + bad, "parser.error.integer_invalid", Map.of("value", bad, "name", "page"));
            }
        }

        @Test
        void auditLimitIsAtMost200() {
            assertThat(parsed("/审计 用户：feishu:ou_x 条数：200").values())
                    .containsExactly(Map.entry("user", new Identity("feishu", "ou_x")), Map.entry("limit", 200L));
            assertProblem("/audit limit:201", "parser.error.integer_too_large",
                    Map.of("value", "201", "name", "limit", "max", 200L));
        }

        @Test
        void durationsInBothNotations() {
            assertThat(parsed("/search x since:45s").values()).containsEntry("since", Duration.ofSeconds(45));
            assertThat(parsed("/search x since:2w").values()).containsEntry("since", Duration.ofDays(14));
            assertThat(parsed("/搜索 x 最近:12小时").values()).containsEntry("since", Duration.ofHours(12));
            assertThat(parsed("/搜索 x 最近:1小时30分钟").values()).containsEntry("since", Duration.ofMinutes(90));
            assertProblem("/search x since:7x", "parser.error.duration_invalid", Map.of("value", "7x", "name", "since"));
            assertProblem("/search x since:30", "parser.error.duration_invalid", Map.of("value", "30", "name", "since"));
        }

        @Test
        void datesInEveryNotation() {
            assertThat(parsed("/search x from:2026-01-31").values()).containsEntry("from", LocalDate.of(2026, 1, 31));
            assertThat(parsed("/search x from:2026/1/31").values()).containsEntry("from", LocalDate.of(2026, 1, 31));
            assertThat(parsed("/search x from:2026.1.31").values()).containsEntry("from", LocalDate.of(2026, 1, 31));
            assertThat(parsed("/搜索 x 从:2026年1月31日").values()).containsEntry("from", LocalDate.of(2026, 1, 31));
            assertProblem("/search x to:2026-02-30", "parser.error.date_invalid",
                    Map.of("value", "2026-02-30", "name", "to"));
            assertProblem("/search x to:yesterday", "parser.error.date_invalid", Map.of("value", "yesterday", "name", "to"));
        }

        @Test
        void enumsAcceptValuesAndAliasesInAnyLocaleAndAnyCase() {
            assertThat(parsed("/search x type:mini_program").values()).containsEntry("type", "mini_program");
            assertThat(parsed("/search x type:小程序").values()).containsEntry("type", "mini_program");
            assertThat(parsed("/search x type:Voice").values()).containsEntry("type", "voice");
            assertThat(parsed("/search x 类型:撤回").values()).containsEntry("type", "revoke");
            assertThat(parsed("/search x 排序:最新").values()).containsEntry("sort", "newest");
            ParseResult.Invalid result = invalid("/search x type:gif");
            assertThat(result.problemKey()).isEqualTo("parser.error.enum_invalid");
            assertThat(result.problemArgs()).containsEntry("value", "gif").containsEntry("choices",
                    "text, image, voice, video, emoji, link, file, quote, mini_program, card, location, system, revoke,"
                            + " reaction, edit, friend_request, app, call");
        }

        @Test
        void languagesByCodeOrName() {
            assertThat(parsed("/lang zh").values()).containsExactly(Map.entry("locale", "zh-CN"));
            assertThat(parsed("/lang ZH-cn").values()).containsExactly(Map.entry("locale", "zh-CN"));
            assertThat(parsed("/语言 中文").values()).containsExactly(Map.entry("locale", "zh-CN"));
            assertThat(parsed("/语言 英文").values()).containsExactly(Map.entry("locale", "en"));
            assertThat(parsed("/lang English").values()).containsExactly(Map.entry("locale", "en"));
            assertProblem("/lang fr", "parser.error.enum_invalid",
                    Map.of("value", "fr", "name", "locale", "choices", "en, zh-CN"));
            assertProblem("/lang", "parser.error.missing_argument", Map.of("name", "locale"));
        }

        @Test
        void identitiesAndRolesForGrant() {
            assertThat(parsed("/role grant telegram:123 admin").values())
                    .containsExactly(Map.entry("identity", new Identity("telegram", "123")), Map.entry("role", "admin"));
            assertThat(parsed("/角色 授予 feishu：ou_abc 管理员").values())
                    .containsExactly(Map.entry("identity", new Identity("feishu", "ou_abc")), Map.entry("role", "admin"));
            assertThat(parsed("/角色 授权 HTTP:ops 所有者").values())
                    .containsExactly(Map.entry("identity", new Identity("http", "ops")), Map.entry("role", "owner"));
            for (String bad : new String[] {"nobody", "telegram:", ":123", "1telegram:5"}) {
                assertProblem("/role grant " + bad + " admin", "parser.error.identity_invalid",
                        Map.of("value", bad, "name", "identity"));
            }
            assertProblem("/role grant telegram:1 king", "parser.error.enum_invalid",
                    Map.of("value", "king", "name", "role", "choices", "owner, admin, operator, viewer"));
        }

        @Test
        void textLengthCountsCharactersNotBytes() {
            String twoHundredEmoji = "😀".repeat(200);
            assertThat(parsed("/search " + twoHundredEmoji).values()).containsEntry("query", twoHundredEmoji);
            assertProblem("/search " + "退".repeat(100) + " " + "款".repeat(100), "parser.error.text_too_long",
                    Map.of("name", "query", "max", 200, "length", 201));
            assertProblem("/search x sender:" + "a".repeat(65), "parser.error.text_too_long",
                    Map.of("name", "sender", "max", 64, "length", 65));
        }

        private void assertProblem(String text, String key, Map<String, Object> args) {
            ParseResult.Invalid result = invalid(text);
            assertThat(result.problemKey()).as(text).isEqualTo(key);
            assertThat(result.problemArgs()).as(text).isEqualTo(args);
        }
    }

    @Nested
    class ArgumentCounts {
        @Test
        void missingRequiredArguments() {
            ParseResult.Invalid result = invalid("/search");
            assertThat(result.command()).isSameAs(command("search"));
            assertThat(result.problemKey()).isEqualTo("parser.error.missing_argument");
            assertThat(result.problemArgs()).containsExactly(Map.entry("name", "query"));
            assertThat(invalid("/search since:7d").problemArgs()).containsExactly(Map.entry("name", "query"));
            ParseResult.Invalid grant = invalid("/role grant telegram:1");
            assertThat(grant.command()).isSameAs(command("role.grant"));
            assertThat(grant.problemArgs()).containsExactly(Map.entry("name", "role"));
        }

        @Test
        void tooManyArguments() {
            ParseResult.Invalid status = invalid("/status now");
            assertThat(status.problemKey()).isEqualTo("parser.error.too_many_arguments");
            assertThat(status.problemArgs()).containsExactly(Map.entry("value", "now"));
            assertThat(invalid("/whoami 'a b'").problemArgs()).containsExactly(Map.entry("value", "a b"));
            assertThat(invalid("/role grant telegram:1 admin now").problemArgs()).containsExactly(Map.entry("value", "now"));
            assertThat(invalid("/bot list all").command()).isSameAs(command("bot.list"));
        }

        @Test
        void commandsWithoutArgumentsParseToNoValues() {
            assertThat(parsed("/status").values()).isEmpty();
            assertThat(parsed("/whoami@parley_bot").values()).isEmpty();
            assertThat(parsed("/audit").values()).isEmpty();
        }
    }

    @Nested
    class GroupsAndSuggestions {
        @Test
        void aGroupAloneAsksForItsSubcommand() {
            assertThat(PARSER.parse("/bot")).isEqualTo(new ParseResult.MissingSubcommand(command("bot")));
            assertThat(PARSER.parse("/角色　")).isEqualTo(new ParseResult.MissingSubcommand(command("role")));
        }

        @Test
        void subcommandsInAnyLocale() {
            assertThat(parsed("/bot list").command()).isSameAs(command("bot.list"));
            assertThat(parsed("/账号 ls").command()).isSameAs(command("bot.list"));
            assertThat(parsed("/BOTS LS").command()).isSameAs(command("bot.list"));
            assertThat(parsed("/角色 列表").command()).isSameAs(command("role.list"));
            assertThat(parsed("/role revoke telegram:9").command()).isSameAs(command("role.revoke"));
            assertThat(parsed("/角色 撤销 telegram:9").values())
                    .containsExactly(Map.entry("identity", new Identity("telegram", "9")));
        }

        @Test
        void mistypedCommandsSuggestTheNearest() {
            assertThat(PARSER.parse("/serch 退款")).isEqualTo(new ParseResult.Unknown("serch", CATALOG.byId("search")));
            assertThat(PARSER.parse("/搜素 退款")).isEqualTo(new ParseResult.Unknown("搜素", CATALOG.byId("search")));
            assertThat(PARSER.parse("/查早")).isEqualTo(new ParseResult.Unknown("查早", CATALOG.byId("search")));
            assertThat(PARSER.parse("/Serch@parley_bot")).isEqualTo(new ParseResult.Unknown("Serch", CATALOG.byId("search")));
            assertThat(unknown("/sttaus").suggestion()).isEqualTo(CATALOG.byId("status")); // "/stauts" is nearer /stats
            assertThat(unknown("/hlep").suggestion()).isEqualTo(CATALOG.byId("help"));
            assertThat(unknown("/whoam").suggestion()).isEqualTo(CATALOG.byId("whoami"));
            assertThat(unknown("/我是").suggestion()).isEqualTo(CATALOG.byId("whoami"));
            assertThat(unknown("/审记").suggestion()).isEqualTo(CATALOG.byId("audit"));
            assertThat(unknown("/langauge").suggestion()).isEqualTo(CATALOG.byId("lang"));
        }

        @Test
        void farOffWordsSuggestNothing() {
            assertThat(PARSER.parse("/xyz")).isEqualTo(new ParseResult.Unknown("xyz", Optional.empty()));
            assertThat(unknown("/q").suggestion()).isEmpty();
            assertThat(unknown("/a").suggestion()).hasValueSatisfying(c -> assertThat(c.id()).isEqualTo("ai"));
            assertThat(unknown("/statistics").suggestion()).isEmpty();
            assertThat(unknown("hello there").typed()).isEqualTo("hello");
            assertThat(unknown("hello there").suggestion()).isEmpty();
            assertThat(unknown("/你好").suggestion()).isEmpty();
        }

        @Test
        void aGroupWithADefaultRunsItWhenNoSubcommandIsNamed() {
            assertThat(parsed("/queue").command()).isSameAs(command("queue.show"));
            assertThat(parsed("/queue").values()).isEmpty();
            assertThat(parsed("/队列 3").values()).containsExactly(Map.entry("account", "3"));
            assertThat(parsed("/queue \"Sales bot\"").values()).containsExactly(Map.entry("account", "Sales bot"));
            assertThat(parsed("/queue pause 3").command()).isSameAs(command("queue.pause"));
            assertThat(parsed("/队列 暂停 3").values()).containsExactly(Map.entry("account", "3"));
            assertThat(parsed("/queue show 3").command()).isSameAs(command("queue.show"));
            assertThat(invalid("/queue 3 4").problemKey()).isEqualTo("parser.error.too_many_arguments");
            assertThat(invalid("/queue pause").problemKey()).isEqualTo("parser.error.missing_argument");
        }

        @Test
        void aMistypedSubcommandSuggestsTheNearestSubcommandOrElseItsGroup() {
            assertThat(PARSER.parse("/bot lst")).isEqualTo(new ParseResult.Unknown("bot lst", CATALOG.byId("bot.list")));
            assertThat(PARSER.parse("/角色 授于 telegram:1 admin"))
                    .isEqualTo(new ParseResult.Unknown("角色 授于", CATALOG.byId("role.grant")));
            assertThat(PARSER.parse("/bot restart")).isEqualTo(new ParseResult.Unknown("bot restart", CATALOG.byId("bot")));
        }
    }

    @Nested
    class Results {
        @Test
        void getReturnsTypedValuesAndCatchesHandlerMistakes() {
            ParseResult.Parsed result = parsed("/search 退款 since:7d");

            assertThat(result.get("since", Duration.class)).hasValue(Duration.ofDays(7));
            assertThat(result.get("query", String.class)).hasValue("退款");
            assertThat(result.get("page", Long.class)).isEmpty();
            assertThatThrownBy(() -> result.get("sinse", Duration.class)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("command 'search' has no argument or option 'sinse'");
            assertThatThrownBy(() -> result.get("since", String.class)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessage("'since' of command 'search' is a Duration, not a String");
        }

        @Test
        void valuesCannotBeChanged() {
            ParseResult.Parsed result = parsed("/search 退款");

            assertThatThrownBy(() -> result.values().put("page", 2L)).isInstanceOf(UnsupportedOperationException.class);
        }

        @Test
        void problemsReadWellInBothLanguages() {
            assertThat(invalid("/search").message(MESSAGES, "en")).isEqualTo("<query> is missing.");
            assertThat(invalid("/搜索").message(MESSAGES, "zh")).isEqualTo("缺少 <关键词>。");
            assertThat(invalid("/search x since:soon").message(MESSAGES, "en-US"))
                    .isEqualTo("“soon” is not a duration; try 30m, 12h or 7d.");
            assertThat(invalid("/搜索 x 最近:不久").message(MESSAGES, "zh-CN"))
                    .isEqualTo("「不久」不是有效的时长，可以写成 30分钟、12小时、7天，或 30m、12h、7d。");
            assertThat(invalid("/search x page:1001").message(MESSAGES, "en"))
                    .isEqualTo("1001 is too large; the largest allowed is 1000.");
            assertThat(invalid("/search x since:").message(MESSAGES, "zh-CN"))
                    .isEqualTo("「since:」后面要紧跟一个值，冒号后不要加空格。");
            assertThat(invalid("/search \"x").message(MESSAGES, "en")).isEqualTo("A quote \" is opened but never closed.");
        }

        @Test
        void enumChoicesAreShownInTheReadersLanguage() {
            assertThat(invalid("/role grant telegram:1 king").message(MESSAGES, "zh-CN"))
                    .isEqualTo("这里不能用「king」，请从这些里选一个：所有者、管理员、操作员、观察者。");
            assertThat(invalid("/role grant telegram:1 king").message(MESSAGES, "en"))
                    .isEqualTo("“king” is not a choice here; pick one of: owner, admin, operator, viewer.");
            assertThat(invalid("/lang fr").message(MESSAGES, "zh-CN"))
                    .isEqualTo("这里不能用「fr」，请从这些里选一个：英文、中文。");
        }

        @Test
        void textTooLongNamesTheArgumentByItsLabel() {
            assertThat(invalid("/search x sender:" + "a".repeat(65)).message(MESSAGES, "zh-CN"))
                    .isEqualTo("<发送者> 太长了：最多 64 个字，现在有 65 个。");
        }
    }
}
