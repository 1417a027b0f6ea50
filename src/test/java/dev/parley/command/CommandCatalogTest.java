package dev.parley.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import dev.parley.message.MessageType;
import dev.parley.rbac.Role;

/** The real catalog in {@code commands/}: what the engine and the platform adapters will see. */
class CommandCatalogTest {
    private static final CommandCatalog CATALOG = CommandCatalog.load();
    private static final Pattern TELEGRAM_COMMAND = Pattern.compile("[a-z0-9_]{1,32}");

    private static CommandSpec command(String id) {
        return CATALOG.byId(id).orElseThrow();
    }

    @Test
    void credentialOptionsAreMaskedInAnyLocaleAndNothingElseIs() {
        assertThat(CATALOG.masked("/bot add whatsapp-cloud Support phone_id:106540352242922 token:EAAGsecret123"))
                .isEqualTo("/bot add whatsapp-cloud Support phone_id:106540352242922 token:•••");
        assertThat(CATALOG.masked("/账号 重新登录 7 令牌：EAAGsecret123")).isEqualTo("/账号 重新登录 7 令牌：•••");
        assertThat(CATALOG.masked("/bot relogin 7 TOKEN:abc waba:1234567")).isEqualTo("/bot relogin 7 TOKEN:••• waba:1234567");
        assertThat(CATALOG.masked("/search tokens:abc mytoken:abc")).isEqualTo("/search tokens:abc mytoken:abc");
    }

    @Test
    void declaresTheFirstReleaseCommands() {
        assertThat(CATALOG.commands()).extracting(CommandSpec::id)
                .containsSubsequence("audit", "bot", "help", "lang", "whoami", "role", "search", "status");
        assertThat(CATALOG.all()).extracting(CommandSpec::id).containsSubsequence("audit", "bot", "bot.list", "help",
                "lang", "whoami", "role", "role.grant", "role.revoke", "role.list", "search", "status");
    }

    @Test
    void rolesAsTheBriefAsks() {
        assertThat(command("help").requiredRole()).isEmpty();
        assertThat(command("lang").requiredRole()).isEmpty();
        assertThat(command("whoami").requiredRole()).isEmpty();
        assertThat(command("search").requiredRole()).hasValue(Role.VIEWER);
        assertThat(command("status").requiredRole()).hasValue(Role.VIEWER);
        assertThat(command("bot.list").requiredRole()).hasValue(Role.VIEWER);
        assertThat(command("role").requiredRole()).isEmpty();
        assertThat(command("role.grant").requiredRole()).hasValue(Role.ADMIN);
        assertThat(command("role.revoke").requiredRole()).hasValue(Role.ADMIN);
        assertThat(command("role.list").requiredRole()).hasValue(Role.VIEWER);
        assertThat(command("audit").requiredRole()).hasValue(Role.ADMIN);
    }

    @Test
    void canonicalNamesFitTelegramAndDiscord() {
        for (CommandSpec spec : CATALOG.all()) {
            assertThat(spec.name()).matches(TELEGRAM_COMMAND);
            assertThat(spec.options()).hasSizeLessThanOrEqualTo(25);
            spec.params().forEach(param -> assertThat(param.name()).matches(TELEGRAM_COMMAND));
        }
        assertThat(CATALOG.commands()).extracting(CommandSpec::name)
                .containsSubsequence("audit", "bot", "help", "lang", "whoami", "role", "search", "status");
    }

    @Test
    void searchIsDeclaredInFull() {
        CommandSpec search = command("search");

        assertThat(search.names("en")).containsExactly("search", "s");
        assertThat(search.names("zh-CN")).containsExactly("搜索", "查找");
        assertThat(search.names("ja")).containsExactly("search", "s");
        assertThat(search.args()).containsExactly(new ArgSpec("query", new ArgType.Text(OptionalInt.of(200)), true, true, false,
                "cmd.search.arg.query.label", "cmd.search.arg.query.help", new Origin("commands/search.yaml", 7)));
        assertThat(search.options()).extracting(OptionSpec::name)
                .containsExactly("account", "chat", "sender", "type", "since", "from", "to", "page", "sort", "withdrawn");
        assertThat(search.options()).extracting(option -> option.type().code())
                .containsExactly("account", "chat", "text", "enum", "duration", "date", "date", "integer", "enum", "enum");
        assertThat(search.option("页码").orElseThrow().type())
                .isEqualTo(new ArgType.IntegerRange(OptionalLong.of(1), OptionalLong.of(1000)));
        assertThat(search.option("发送人").orElseThrow().names("zh-CN")).containsExactly("发送者", "发送人");
        assertThat(search.option("GROUP").map(OptionSpec::name)).hasValue("chat");
        assertThat(search.option("query")).isEmpty();
        assertThat(search.summaryKey()).isEqualTo("cmd.search.summary");
        assertThat(search.helpKey()).isEqualTo("cmd.search.help");
        assertThat(search.origin()).isEqualTo(new Origin("commands/search.yaml", 3));
        assertThat(search.parent()).isEmpty();
        assertThat(search.isGroup()).isFalse();
    }

    @Test
    void messageTypeChoicesAreTheMessageTypeCodes() {
        ArgType.Choice type = (ArgType.Choice) command("search").option("type").orElseThrow().type();

        List<String> codes = Arrays.stream(MessageType.values()).filter(t -> t != MessageType.UNKNOWN)
                .map(MessageType::code).toList();
        assertThat(type.values()).extracting(EnumValue::value).containsExactlyElementsOf(codes);
        assertThat(type.match("图片").map(EnumValue::value)).hasValue("image");
        assertThat(type.match("图").map(EnumValue::value)).isEmpty();
        assertThat(type.values().get(1).display("zh-CN")).isEqualTo("图片");
        assertThat(type.values().get(1).display("en")).isEqualTo("image");
        assertThat(type.values().get(0).display("ja")).isEqualTo("text");
    }

    @Test
    void groupsAndSubcommandsPointAtEachOther() {
        CommandSpec bot = command("bot");
        CommandSpec list = command("bot.list");

        assertThat(bot.isGroup()).isTrue();
        assertThat(bot.subcommands()).startsWith(list).allSatisfy(sub -> assertThat(sub.parent()).containsSame(bot));
        assertThat(bot.args()).isEmpty();
        assertThat(list.parent()).containsSame(bot);
        assertThat(bot.subcommand("列表")).containsSame(list);
        assertThat(bot.subcommand("list all")).isEmpty();
        assertThat(command("role").subcommands()).extracting(CommandSpec::id)
                .containsExactly("role.grant", "role.revoke", "role.list");
        assertThat(command("role").subcommand("ls")).containsSame(command("role.list"));
    }

    @Test
    void findsTopLevelCommandsByAnyNameInAnyCase() {
        assertThat(CATALOG.find("搜索")).containsSame(command("search"));
        assertThat(CATALOG.find("SEARCH")).containsSame(command("search"));
        assertThat(CATALOG.find("Ｓ")).containsSame(command("search"));
        assertThat(CATALOG.find("账号")).containsSame(command("bot"));
        assertThat(CATALOG.find("list")).isEmpty();
        assertThat(CATALOG.find("bot list")).isEmpty();
        assertThat(CATALOG.byId("nope")).isEmpty();
    }

    @Test
    void localeOfTellsTheLanguageANameBelongsTo() {
        assertThat(command("search").localeOf("查找")).hasValue("zh-CN");
        assertThat(command("search").localeOf("S")).hasValue("en");
        assertThat(command("search").localeOf("find")).isEmpty();
    }

    @Test
    void theCatalogCannotBeChanged() {
        assertThat(CATALOG.commands()).isUnmodifiable();
        assertThat(CATALOG.all()).isUnmodifiable();
        assertThat(command("search").namesByLocale()).isUnmodifiable();
        assertThat(command("search").namesByLocale().get("en")).isUnmodifiable();
        assertThat(command("search").options().get(0).names()).isUnmodifiable();
        assertThat(CATALOG.localeKeys()).isUnmodifiable();
    }
}
