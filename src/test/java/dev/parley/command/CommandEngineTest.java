package dev.parley.command;

import java.time.InstantSource;
import java.time.ZoneId;
import java.util.List;
import java.util.Set;

import dev.parley.audit.AuditCommand;
import dev.parley.audit.AuditEntry;
import dev.parley.audit.AuditLog;
import dev.parley.card.Card;
import dev.parley.card.PlainText;
import dev.parley.card.Times;
import dev.parley.db.Database;
import dev.parley.i18n.Messages;
import dev.parley.rbac.Identity;
import dev.parley.rbac.Role;
import dev.parley.rbac.RoleCommands;
import dev.parley.rbac.RoleStore;
import dev.parley.testing.TestDatabase;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The engine with the real catalog, locales and stores: parsing, roles, audit, buttons, languages. */
class CommandEngineTest {
    private static final Identity OWNER = id("http:boss");
    private static final Identity ADMIN = id("feishu:ou_admin");
    private static final Identity VIEWER = id("telegram:42");
    private static final Identity STRANGER = id("telegram:99");

    private static Database db;
    private static CommandCatalog catalog;
    private static Messages messages;
    private PrometheusRegistry registry;
    private CommandEngine engine;
    private RoleStore roles;
    private AuditLog audit;

    @BeforeAll
    static void open() {
        db = TestDatabase.create("engine");
        catalog = CommandCatalog.load();
        messages = Messages.load();
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void setUp() {
        db.jdbi().useHandle(h -> {
            h.execute("DELETE FROM admins");
            h.execute("DELETE FROM audit_log");
            h.execute("DELETE FROM user_prefs");
        });
        InstantSource clock = InstantSource.system();
        roles = new RoleStore(db.jdbi(), clock);
        roles.seedOwners(List.of(OWNER));
        roles.grant(ADMIN, Role.ADMIN, OWNER);
        roles.grant(VIEWER, Role.VIEWER, OWNER);
        audit = new AuditLog(db.jdbi());
        UserPrefs prefs = new UserPrefs(db.jdbi(), clock);
        registry = new PrometheusRegistry();
        Times times = new Times(ZoneId.of("Asia/Shanghai"));
        CommandEngine.Builder builder = CommandEngine.builder(catalog, messages)
                .stores(roles, audit, prefs, new CardActions(db.jdbi(), clock), registry)
                .rateLimit(5, 60);
        new CoreCommands(catalog, prefs).register(builder);
        new RoleCommands(roles, times).register(builder);
        new AuditCommand(audit, times).register(builder);
        // commands owned by features not under test here answer a fixed card
        Set<String> underTest = Set.of("help", "lang", "whoami", "role.grant", "role.revoke", "role.list", "audit");
        catalog.all().stream().filter(c -> !c.isGroup() && !underTest.contains(c.id())).map(CommandSpec::id)
                .forEach(id -> builder.handler(id, inv -> Card.builder("ran " + id).build()));
        engine = builder.build();
    }

    @Test
    void helpListsEveryCommandInEnglishAndInChinese() {
        CommandReply en = run(VIEWER, "/help", "en");
        CommandReply zh = run(VIEWER, "/help", "zh-CN");
        assertThat(en.outcome()).isEqualTo(CommandReply.Outcome.OK);
        String enText = PlainText.render(en.card());
        String zhText = PlainText.render(zh.card());
        assertThat(enText).contains("/search", "/bot list", "/role grant", "/audit", "/status", "/lang", "/whoami");
        assertThat(zhText).contains("/搜索", "/机器人 列表", "/角色 授予", "/审计", "/状态", "/语言", "/我是谁");
        assertThat(zh.card().title()).isEqualTo(messages.text("zh-CN", "help.title"));
        // what the viewer cannot run is marked with the role it needs
        assertThat(enText).contains(messages.text("en", "help.needs_role", "role", "admin"));
    }

    @Test
    void helpForOneCommandShowsUsageAndNames() {
        String text = PlainText.render(run(VIEWER, "/help 搜索", "en").card());
        assertThat(text).contains("/search <", "/搜索", "/s ");
        assertThat(PlainText.render(run(VIEWER, "/help bot list", "en").card())).contains("/bot list");
        CommandReply unknown = run(VIEWER, "/help nosuch", "en");
        assertThat(unknown.outcome()).isEqualTo(CommandReply.Outcome.ERROR);
    }

    @Test
    void aViewerIsRefusedRoleGrantAndToldWhichRoleItNeeds() {
        CommandReply reply = run(VIEWER, "/role grant telegram:7 viewer", "en");
        assertThat(reply.outcome()).isEqualTo(CommandReply.Outcome.DENIED);
        assertThat(reply.card().text()).contains("admin").contains("viewer");
        assertThat(roles.roleOf(id("telegram:7"))).isEmpty();
        CommandReply zh = run(STRANGER, "/角色 授予 telegram:7 观察者", null);
        assertThat(zh.outcome()).isEqualTo(CommandReply.Outcome.DENIED);
        assertThat(zh.locale()).isEqualTo("zh-CN");
        assertThat(zh.card().text()).contains("telegram:99", "管理员");
    }

    @Test
    void rolesFollowTheRules() {
        assertThat(run(ADMIN, "/role grant telegram:7 operator", "en").outcome()).isEqualTo(CommandReply.Outcome.OK);
        assertThat(roles.roleOf(id("telegram:7"))).contains(Role.OPERATOR);
        // an admin cannot make admins, nor change a peer, nor themselves, nor configured owners
        assertThat(run(ADMIN, "/role grant telegram:8 admin", "en").card().text())
                .isEqualTo(messages.text("en", "role.error.needs_owner", "role", "admin"));
        assertThat(run(ADMIN, "/role revoke " + ADMIN, "en").card().text()).isEqualTo(messages.text("en", "role.error.self"));
        assertThat(run(OWNER, "/role revoke " + OWNER, "en").card().text()).isEqualTo(messages.text("en", "role.error.self"));
        assertThat(run(ADMIN, "/role revoke " + OWNER, "en").outcome()).isEqualTo(CommandReply.Outcome.ERROR);
        assertThat(roles.roleOf(OWNER)).contains(Role.OWNER);
        // the owner may grant owner and revoke admins, after confirming
        assertThat(run(OWNER, "/role grant http:second owner", "en").outcome()).isEqualTo(CommandReply.Outcome.OK);
        CommandReply question = run(OWNER, "/role revoke " + ADMIN, "en");
        assertThat(question.card().tone()).isEqualTo(Card.Tone.WARNING);
        assertThat(roles.roleOf(ADMIN)).contains(Role.ADMIN);
        assertThat(engine.press(question.actionIds().get(0), new CommandRequest(OWNER, null, "", "en")).outcome())
                .isEqualTo(CommandReply.Outcome.OK);
        assertThat(roles.roleOf(ADMIN)).isEmpty();
        assertThat(PlainText.render(run(VIEWER, "/role list", "en").card())).contains("http:boss", "http:second");
    }

    @Test
    void unknownCommandsSuggestTheNearestAndWrongArgumentsShowTheUsageLine() {
        CommandReply unknown = run(VIEWER, "/serch 退款", "en");
        assertThat(unknown.outcome()).isEqualTo(CommandReply.Outcome.UNKNOWN);
        assertThat(unknown.card().text()).contains("/search");
        CommandReply zh = run(VIEWER, "/搜素 退款", null);
        assertThat(zh.locale()).isEqualTo("zh-CN");
        assertThat(zh.card().text()).contains("/搜索");
        CommandReply usage = run(VIEWER, "/search 退款 since:soon", "en");
        assertThat(usage.outcome()).isEqualTo(CommandReply.Outcome.USAGE);
        assertThat(usage.card().text()).contains("soon").contains("/search <");
        CommandReply group = run(VIEWER, "/bot", "en");
        assertThat(group.outcome()).isEqualTo(CommandReply.Outcome.USAGE);
        assertThat(group.card().text()).contains("list");
    }

    @Test
    void everyCommandIsAuditedAndCounted() {
        run(VIEWER, "/whoami", "en");
        run(VIEWER, "/role grant telegram:7 viewer", "en");
        run(VIEWER, "/nonsense", "en");
        List<AuditEntry> entries = audit.recent(VIEWER.toString(), 10);
        assertThat(entries).extracting(AuditEntry::result).containsExactly("unknown", "denied", "ok");
        assertThat(entries.get(1).command()).isEqualTo("role.grant");
        assertThat(entries.get(1).detail()).isEqualTo("needs admin");
        assertThat(PlainText.render(run(ADMIN, "/audit user:" + VIEWER + " limit:2", "en").card()))
                .contains("/nonsense", "/role grant").doesNotContain("/whoami");
        assertThat(count("telegram", "denied")).isEqualTo(1);
        assertThat(count("telegram", "ok")).isEqualTo(1);
    }

    @Test
    void langIsRememberedAndTheCommandLanguageIsTheFallback() {
        assertThat(run(VIEWER, "/whoami", null).locale()).isEqualTo("en");
        assertThat(run(VIEWER, "/我是谁", null).locale()).isEqualTo("zh-CN");
        // the client's hint counts when nothing was chosen, but never over a saved choice
        assertThat(engine.execute(new CommandRequest(VIEWER, null, "/whoami", null, "zh-CN,zh;q=0.9")).locale())
                .isEqualTo("zh-CN");
        CommandReply set = run(VIEWER, "/lang 中文", null);
        assertThat(set.locale()).isEqualTo("zh-CN");
        assertThat(set.card().text()).contains("简体中文");
        assertThat(run(VIEWER, "/whoami", null).locale()).isEqualTo("zh-CN");
        assertThat(engine.execute(new CommandRequest(VIEWER, null, "/whoami", null, "en-US")).locale()).isEqualTo("zh-CN");
        assertThat(run(VIEWER, "/whoami", "en").locale()).isEqualTo("en");
    }

    @Test
    void aButtonRunsAsThePresserNotAsTheOneWhoSawTheCard() {
        CommandReply shown = run(ADMIN, "/serch", "en");
        assertThat(shown.card().buttons()).isNotEmpty();
        String help = shown.actionIds().get(shown.actionIds().size() - 1);
        CommandReply pressed = engine.press(help, new CommandRequest(VIEWER, null, "", "en"));
        assertThat(pressed.outcome()).isEqualTo(CommandReply.Outcome.OK);
        assertThat(pressed.card().title()).isEqualTo(messages.text("en", "help.title"));
        assertThat(audit.recent(VIEWER.toString(), 1).get(0).input()).isEqualTo("[button] /help");
        CommandReply bogus = engine.press("nope", new CommandRequest(VIEWER, null, "", "en"));
        assertThat(bogus.outcome()).isEqualTo(CommandReply.Outcome.ERROR);
        assertThat(bogus.card().text()).isEqualTo(messages.text("en", "engine.button.unknown"));
    }

    @Test
    void aConfirmationWorksOnceOnlyThroughItsButtonAndRunsAsThePresser() {
        roles.grant(id("http:op"), Role.OPERATOR, OWNER);
        CommandReply question = run(OWNER, "/role revoke http:op", "en");
        String confirm = question.actionIds().get(0);
        String cancel = question.actionIds().get(1);
        // typing the command again only asks again
        assertThat(run(OWNER, "/role revoke http:op", "en").card().tone()).isEqualTo(Card.Tone.WARNING);
        // a viewer pressing the owner's Confirm runs it as the viewer: refused, and nothing changes
        assertThat(engine.press(confirm, new CommandRequest(VIEWER, null, "", "en")).outcome())
                .isEqualTo(CommandReply.Outcome.DENIED);
        assertThat(roles.roleOf(id("http:op"))).contains(Role.OPERATOR);
        // nor may the viewer cancel the owner's question; both refusals leave it working for the owner
        assertThat(engine.press(cancel, new CommandRequest(VIEWER, null, "", "en")).outcome())
                .isEqualTo(CommandReply.Outcome.DENIED);
        assertThat(engine.press(cancel, new CommandRequest(OWNER, null, "", "en")).card().title())
                .isEqualTo(messages.text("en", "engine.confirm.cancelled_title"));
        assertThat(engine.press(confirm, new CommandRequest(OWNER, null, "", "en")).card().text())
                .isEqualTo(messages.text("en", "engine.button.used"));
        CommandReply asked = run(OWNER, "/role revoke http:op", "en");
        assertThat(engine.press(asked.actionIds().get(0), new CommandRequest(VIEWER, null, "", "en")).outcome())
                .isEqualTo(CommandReply.Outcome.DENIED);
        assertThat(engine.press(asked.actionIds().get(0), new CommandRequest(ADMIN, null, "", "en")).outcome())
                .isEqualTo(CommandReply.Outcome.OK);
        assertThat(roles.roleOf(id("http:op"))).isEmpty();
        roles.grant(id("http:op"), Role.OPERATOR, OWNER);
        CommandReply again = run(OWNER, "/role revoke http:op", "en");
        CommandReply cancelled = engine.press(again.actionIds().get(1), new CommandRequest(OWNER, null, "", "en"));
        assertThat(cancelled.card().title()).isEqualTo(messages.text("en", "engine.confirm.cancelled_title"));
        assertThat(engine.press(again.actionIds().get(0), new CommandRequest(OWNER, null, "", "en")).card().text())
                .isEqualTo(messages.text("en", "engine.button.used"));
        assertThat(roles.roleOf(id("http:op"))).contains(Role.OPERATOR);
        assertThat(audit.recent(OWNER.toString(), 2)).extracting(AuditEntry::input)
                .containsExactly("[button " + again.actionIds().get(0) + "]", "[cancel] /role revoke http:op");
    }

    @Test
    void aFloodFromOnePersonIsLimitedWithoutAffectingOthers() {
        for (int i = 0; i < 5; i++) {
            assertThat(run(VIEWER, "/whoami", "en").outcome()).isEqualTo(CommandReply.Outcome.OK);
        }
        CommandReply limited = run(VIEWER, "/whoami", "en");
        assertThat(limited.outcome()).isEqualTo(CommandReply.Outcome.LIMITED);
        assertThat(limited.card().text()).isEqualTo(messages.text("en", "engine.limited.text"));
        assertThat(run(ADMIN, "/whoami", "en").outcome()).isEqualTo(CommandReply.Outcome.OK);
    }

    @Test
    void aFailingHandlerAnswersWithAReferenceAndTheEngineKeepsWorking() {
        CommandEngine.Builder builder = CommandEngine.builder(catalog, messages)
                .stores(roles, audit, new UserPrefs(db.jdbi(), InstantSource.system()),
                        new CardActions(db.jdbi(), InstantSource.system()), new PrometheusRegistry());
        for (CommandSpec c : catalog.all()) {
            if (!c.isGroup()) {
                builder.handler(c.id(), inv -> {
                    throw new IllegalStateException("boom");
                });
            }
        }
        CommandEngine broken = builder.build();
        CommandReply reply = broken.execute(new CommandRequest(VIEWER, null, "/status", "en"));
        assertThat(reply.outcome()).isEqualTo(CommandReply.Outcome.ERROR);
        assertThat(reply.card().text()).matches(".*\\(reference [0-9a-f]{8}\\).*");
    }

    @Test
    void theEngineRefusesToStartWhenCatalogAndHandlersDisagree() {
        CommandEngine.Builder builder = CommandEngine.builder(catalog, messages)
                .stores(roles, audit, new UserPrefs(db.jdbi(), InstantSource.system()),
                        new CardActions(db.jdbi(), InstantSource.system()), new PrometheusRegistry())
                .handler("nosuch", inv -> Card.builder("x").build());
        org.assertj.core.api.Assertions.assertThatThrownBy(builder::build).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no handler for [")
                .hasMessageContaining("alerts, audit, bot.")
                .hasMessageContaining(", help, ")
                .hasMessageContaining("[nosuch]");
    }

    private CommandReply run(Identity who, String text, String locale) {
        return engine.execute(new CommandRequest(who, null, text, locale));
    }

    private double count(String channel, String result) {
        return registry.scrape().stream().filter(s -> s.getMetadata().getName().equals("parley_commands"))
                .flatMap(s -> ((CounterSnapshot) s).getDataPoints().stream())
                .filter(d -> d.getLabels().get("channel").equals(channel) && d.getLabels().get("result").equals(result))
                .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue).sum();
    }

    private static Identity id(String text) {
        return Identity.parse(text).orElseThrow();
    }
}
