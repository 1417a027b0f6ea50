package dev.parley.alert;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import dev.parley.card.Card;
import dev.parley.card.PlainText;
import dev.parley.db.Database;
import dev.parley.i18n.Messages;
import dev.parley.testing.TestDatabase;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AlertsTest {
    private static Database db;
    private static final AtomicLong NOW = new AtomicLong(1_700_000_000_000L);
    private static final InstantSource CLOCK = () -> Instant.ofEpochMilli(NOW.get());
    private final List<AlertNotice> delivered = new CopyOnWriteArrayList<>();
    private PrometheusRegistry registry;
    private Alerts alerts;

    @BeforeAll
    static void open() {
        db = TestDatabase.create("alerts");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @BeforeEach
    void setUp() {
        db.jdbi().useHandle(h -> h.execute("DELETE FROM alert_state"));
        registry = new PrometheusRegistry();
        alerts = new Alerts(db.jdbi(), CLOCK, Duration.ofHours(1), registry);
        alerts.addSink(delivered::add);
    }

    @Test
    void anAlertIsNotifiedOnceThenRemindedThenResolvedOnce() {
        Alert offline = offline("3");
        assertThat(alerts.raise(offline)).isTrue();
        assertThat(alerts.raise(offline)).isFalse();
        NOW.addAndGet(Duration.ofMinutes(59).toMillis());
        assertThat(alerts.raise(offline)).isFalse();
        NOW.addAndGet(Duration.ofMinutes(2).toMillis());
        assertThat(alerts.raise(offline)).isTrue();
        assertThat(alerts.isActive("account_offline", "3")).isTrue();
        assertThat(alerts.resolve("account_offline", "3")).isTrue();
        assertThat(alerts.resolve("account_offline", "3")).isFalse();
        assertThat(alerts.isActive("account_offline", "3")).isFalse();
        assertThat(delivered).extracting(AlertNotice::kind).containsExactly(AlertNotice.Kind.RAISED,
                AlertNotice.Kind.REMINDER, AlertNotice.Kind.RESOLVED);
        assertThat(delivered.get(1).count()).isEqualTo(2);
        assertThat(sent("account_offline")).isEqualTo(3);
        // raised again after being resolved: a new incident, notified at once
        assertThat(alerts.raise(offline)).isTrue();
    }

    @Test
    void stateSurvivesANewInstanceSoARestartDoesNotNotifyAgain() {
        alerts.raise(offline("4"));
        Alerts afterRestart = new Alerts(db.jdbi(), CLOCK, Duration.ofHours(1), new PrometheusRegistry());
        List<AlertNotice> later = new CopyOnWriteArrayList<>();
        afterRestart.addSink(later::add);
        assertThat(afterRestart.raise(offline("4"))).isFalse();
        assertThat(afterRestart.active()).extracting(a -> a.alert().key()).containsExactly("4");
        assertThat(afterRestart.active().get(0).alert().args()).containsEntry("account", "客服1号");
        assertThat(afterRestart.resolve("account_offline", "4")).isTrue();
        assertThat(later).extracting(AlertNotice::kind).containsExactly(AlertNotice.Kind.RESOLVED);
    }

    @Test
    void noticesRenderInEachLanguageWithTheirButtons() {
        alerts.raise(offline("5"));
        Messages messages = Messages.of(Map.of(
                "en", "t: \"{account} is offline\"\nx: \"Log in again.\"\nrelogin: Re-login\n"
                        + "alert:\n  resolved_title: \"Resolved: {title}\"\n  resolved_text: ok\n  reminder_title: \"{title} {count}\"\n",
                "zh-CN", "t: \"{account} 离线了\"\nx: \"请重新登录。\"\nrelogin: 重新登录\n"
                        + "alert:\n  resolved_title: \"已恢复：{title}\"\n  resolved_text: 好\n  reminder_title: \"{title} {count}\"\n"));
        Card zh = delivered.get(0).card(messages, "zh-CN");
        assertThat(zh.title()).isEqualTo("客服1号 离线了");
        assertThat(zh.tone()).isEqualTo(Card.Tone.ERROR);
        assertThat(zh.buttons()).singleElement().satisfies(b -> {
            assertThat(b.label()).isEqualTo("重新登录");
            assertThat(b.command()).isEqualTo("/bot relogin 5");
        });
        alerts.resolve("account_offline", "5");
        assertThat(PlainText.render(delivered.get(1).card(messages, "en"))).contains("Resolved: 客服1号 is offline");
    }

    @Test
    void aFailingSinkDoesNotStopTheOthers() {
        List<AlertNotice> second = new CopyOnWriteArrayList<>();
        Alerts withBrokenSink = new Alerts(db.jdbi(), CLOCK, Duration.ofHours(1), new PrometheusRegistry());
        withBrokenSink.addSink(n -> {
            throw new IllegalStateException("chat down");
        });
        withBrokenSink.addSink(second::add);
        assertThat(withBrokenSink.raise(offline("6"))).isTrue();
        assertThat(second).hasSize(1);
    }

    private static Alert offline(String account) {
        return new Alert("account_offline", account, Alert.Severity.CRITICAL, "t", "x", Map.of("account", "客服1号"),
                List.of(new Alert.Action("relogin", "/bot relogin " + account)));
    }

    private double sent(String rule) {
        return registry.scrape().stream().filter(s -> s.getMetadata().getName().equals("parley_alerts_sent"))
                .flatMap(s -> ((CounterSnapshot) s).getDataPoints().stream())
                .filter(d -> d.getLabels().get("rule").equals(rule))
                .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue).sum();
    }
}
