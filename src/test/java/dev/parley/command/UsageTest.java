package dev.parley.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;

import dev.parley.i18n.Messages;

class UsageTest {
    private static final CommandCatalog CATALOG = CommandCatalog.load();
    private static final Usage USAGE = new Usage(Messages.load());

    private static String line(String id, String locale) {
        return USAGE.line(CATALOG.byId(id).orElseThrow(), locale);
    }

    @Test
    void searchInBothLanguages() {
        assertThat(line("search", "en")).isEqualTo("/search <query…> [account:<account>] [chat:<chat>] [sender:<sender>]"
                + " [type:<type>] [since:<duration>] [from:<date>] [to:<date>] [page:<number>] [sort:<order>]"
                + " [withdrawn:<include>]");
        assertThat(line("search", "zh-CN")).isEqualTo("/搜索 <关键词…> [账号:<账号>] [群:<群>] [发送者:<发送者>] [类型:<类型>]"
                + " [最近:<时长>] [从:<日期>] [到:<日期>] [页:<页码>] [排序:<排序方式>] [撤回:<包含>]");
    }

    @Test
    void optionalArgumentsAreBracketed() {
        assertThat(line("help", "en")).isEqualTo("/help [<command…>]");
        assertThat(line("help", "zh-CN")).isEqualTo("/帮助 [<命令…>]");
    }

    @Test
    void requiredArgumentsAndOptionsOnly() {
        assertThat(line("role.grant", "en")).isEqualTo("/role grant <identity> <role>");
        assertThat(line("role.grant", "zh-CN")).isEqualTo("/角色 授予 <身份> <角色>");
        assertThat(line("audit", "en")).isEqualTo("/audit [user:<identity>] [limit:<count>]");
        assertThat(line("audit", "zh-CN")).isEqualTo("/审计 [用户:<身份>] [条数:<条数>]");
        assertThat(line("lang", "en")).isEqualTo("/lang <language>");
        assertThat(line("lang", "zh-CN")).isEqualTo("/语言 <语言>");
        assertThat(line("status", "zh-CN")).isEqualTo("/状态");
    }

    @Test
    void groupsListTheirSubcommands() {
        assertThat(line("bot", "en")).startsWith("/bot <list|info|add|");
        assertThat(line("bot", "zh-CN")).startsWith("/机器人 <列表|详情|添加|");
        assertThat(line("role", "en")).isEqualTo("/role <grant|revoke|list>");
        assertThat(line("role", "zh-CN")).isEqualTo("/角色 <授予|撤销|列表>");
        assertThat(line("bot.list", "zh-CN")).isEqualTo("/机器人 列表");
    }

    @Test
    void aGroupWithADefaultSubcommandMayBeTypedAlone() {
        assertThat(line("queue", "en")).isEqualTo("/queue [show|pause|resume|resend|drop]");
        assertThat(line("queue", "zh-CN")).isEqualTo("/队列 [查看|暂停|恢复|重发|丢弃]");
        assertThat(line("queue.show", "en")).isEqualTo("/queue show [<account>]");
    }

    @Test
    void localesAreResolvedAndUnknownOnesFallBackToEnglish() {
        assertThat(line("role.revoke", "zh_CN")).isEqualTo("/角色 撤销 <身份>");
        assertThat(line("role.revoke", "zh-Hans")).isEqualTo("/角色 撤销 <身份>");
        assertThat(line("role.revoke", "fr")).isEqualTo("/role revoke <identity>");
        assertThat(line("role.revoke", null)).isEqualTo("/role revoke <identity>");
    }

    @Test
    void invocationIsTheSlashAndNames() {
        assertThat(USAGE.invocation(CATALOG.byId("bot.list").orElseThrow(), "zh")).isEqualTo("/机器人 列表");
        assertThat(USAGE.invocation(CATALOG.byId("search").orElseThrow(), "en-GB")).isEqualTo("/search");
    }

    @Test
    void aLocaleWithoutNamesForACommandUsesTheEnglishNames() {
        CommandCatalog catalog = CommandCatalog.parse(Map.of("x.yaml", """
                commands:
                  - id: ping
                    names: {en: [ping]}
                    role: none
                    options:
                      - names: {en: [times]}
                        type: integer
                """));
        Messages messages = Messages.of(Map.of(
                "en", "cmd.ping.arg.times.label: n\n",
                "zh-CN", "cmd.ping.arg.times.label: 次数\n"));

        assertThat(new Usage(messages).line(catalog.byId("ping").orElseThrow(), "zh-CN")).isEqualTo("/ping [times:<次数>]");
    }
}
