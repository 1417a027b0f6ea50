package dev.parley.channel;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import dev.parley.alert.Alert;
import dev.parley.alert.Alerts;
import dev.parley.command.CardActions;
import dev.parley.command.CommandReply;
import dev.parley.command.CommandRequest;
import dev.parley.db.Database;
import dev.parley.i18n.Messages;
import dev.parley.rbac.Identity;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestParley;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static dev.parley.channel.ChannelDeliveriesTest.await;
import static org.assertj.core.api.Assertions.assertThat;

/** Alerts reach every bound chat once, in that chat's language, with their buttons, and a flood is capped. */
class ChannelAlertsTest {
    private static Database db;

    @BeforeAll
    static void open() {
        db = TestDatabase.create("chanalerts");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void clean() {
        db.jdbi().useHandle(h -> {
            h.execute("DELETE FROM channel_bindings");
            h.execute("DELETE FROM alert_state");
        });
    }

    @Test
    void anAlertReachesEachBoundChatOnceInItsLanguageAndItsResolutionToo() throws Exception {
        ChannelBindings bindings = new ChannelBindings(db.jdbi(), InstantSource.system());
        bindings.bind("telegram", "-1001", "alerts", "zh-CN", "运维群", "telegram:1");
        bindings.bind("feishu", "oc_ops", "alerts", "en", null, "feishu:ou_1");
        RecordingChannel telegram = new RecordingChannel("telegram");
        RecordingChannel feishu = new RecordingChannel("feishu");
        try (ChannelDeliveries deliveries = ChannelDeliveries.builder(new PrometheusRegistry()).build()) {
            deliveries.register(telegram);
            deliveries.register(feishu);
            Alerts alerts = new Alerts(db.jdbi(), InstantSource.system(), Duration.ofHours(1), new PrometheusRegistry());
            alerts.addSink(new ChannelAlertSink(bindings, deliveries, new CardActions(db.jdbi(), InstantSource.system()),
                    Messages.load(), InstantSource.system(), 20));
            Alert offline = new Alert("account_offline", "7", Alert.Severity.CRITICAL, "alert.account_offline.title",
                    "alert.account_offline.text", Map.of("account", "客服1号", "id", 7, "self", "wxid_k", "attempts", 3,
                    "at", "11-22 10:00"), List.of(new Alert.Action("alert.account_offline.relogin", "/bot relogin 7")));
            alerts.raise(offline);
            alerts.raise(offline);
            await(() -> telegram.deliveries().size() == 1 && feishu.deliveries().size() == 1);
            Thread.sleep(100);
            assertThat(telegram.deliveries()).hasSize(1);
            assertThat(telegram.deliveries().get(0).card().title()).isEqualTo("客服1号 已离线");
            assertThat(telegram.deliveries().get(0).chatId()).isEqualTo("-1001");
            assertThat(telegram.deliveries().get(0).card().buttons()).singleElement()
                    .satisfies(b -> assertThat(b.command()).isEqualTo("/bot relogin 7"));
            assertThat(telegram.deliveries().get(0).actionIds()).hasSize(1);
            assertThat(feishu.deliveries().get(0).card().title()).isEqualTo("客服1号 is offline");
            alerts.resolve("account_offline", "7");
            await(() -> telegram.deliveries().size() == 2 && feishu.deliveries().size() == 2);
            assertThat(telegram.deliveries().get(1).card().title()).startsWith("已恢复");
        }
    }

    @Test
    void aFloodOfAlertsIsCappedPerChatAndMinute() throws Exception {
        ChannelBindings bindings = new ChannelBindings(db.jdbi(), InstantSource.system());
        bindings.bind("telegram", "-2002", "alerts", "en", null, "telegram:1");
        RecordingChannel telegram = new RecordingChannel("telegram");
        try (ChannelDeliveries deliveries = ChannelDeliveries.builder(new PrometheusRegistry()).build()) {
            deliveries.register(telegram);
            Alerts alerts = new Alerts(db.jdbi(), InstantSource.system(), Duration.ofHours(1), new PrometheusRegistry());
            alerts.addSink(new ChannelAlertSink(bindings, deliveries, new CardActions(db.jdbi(), InstantSource.system()),
                    Messages.load(), () -> java.time.Instant.ofEpochSecond(1_700_000_010L), 3));
            for (int i = 0; i < 10; i++) {
                alerts.raise(new Alert("outbound_failed", "flood" + i, Alert.Severity.WARNING, "alert.list.none",
                        "alert.list.none", Map.of(), List.of()));
            }
            await(() -> telegram.deliveries().stream().filter(d -> d.chatId().equals("-2002")).count() == 3);
            Thread.sleep(100);
            assertThat(telegram.deliveries().stream().filter(d -> d.chatId().equals("-2002"))).hasSize(3);
        }
    }

    @Test
    void chatsAreBoundFromTheChatItselfByAnAdminAndNotFromTheConsole() {
        try (TestParley app = TestParley.start("chanbind")) {
            Identity admin = new Identity("telegram", "555");
            app.run("/role grant telegram:555 admin", "en");
            CommandReply bound = app.parley().engine().execute(new CommandRequest(admin, "-100777", "/频道 绑定 告警", null,
                    "zh-CN"));
            assertThat(bound.outcome()).isEqualTo(CommandReply.Outcome.OK);
            assertThat(bound.card().text()).contains("告警");
            assertThat(app.run("/channel list", "en").text()).contains("telegram · -100777", "alerts", "简体中文");
            CommandReply viewer = app.parley().engine().execute(new CommandRequest(new Identity("telegram", "556"),
                    "-100777", "/channel unbind alerts", null, "en"));
            assertThat(viewer.outcome()).isEqualTo(CommandReply.Outcome.DENIED);
            assertThat(app.run("/channel bind alerts", "en").text()).contains("only works in a chat of Telegram or Feishu");
            assertThat(app.parley().engine().execute(new CommandRequest(admin, "-100777", "/channel unbind alerts", null,
                    "en")).outcome()).isEqualTo(CommandReply.Outcome.OK);
            assertThat(app.run("/channel list", "en").text()).contains("No chat is bound yet");
        }
    }
}
