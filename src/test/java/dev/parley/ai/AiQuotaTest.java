package dev.parley.ai;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneId;
import java.util.Map;

import dev.parley.account.AccountRegistry;
import dev.parley.account.AccountStore;
import dev.parley.alert.Alerts;
import dev.parley.command.CommandRequest;
import dev.parley.db.Database;
import dev.parley.outbound.GeweScenario;
import dev.parley.outbound.GeweScenario.Bot;
import dev.parley.rbac.Identity;
import dev.parley.testing.TestDatabase;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

import static dev.parley.outbound.GeweScenario.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** A quota breach raises an alert and stops drafting: no provider call, and the card says why. */
class AiQuotaTest {
    @Test
    void pastTheDailyQuotaTheProviderIsNotCalledAndAnAlertIsRaised() {
        try (FakeOpenAiServer ai = FakeOpenAiServer.start();
             GeweScenario s = GeweScenario.start("aiquota", Map.of("ai.base.url", ai.baseUrl().toString(),
                     "ai.quiet.ms", "300", "ai.quota.daily", "1"))) {
            CardInbox inbox = new CardInbox("telegram");
            s.app().parley().deliveries().register(inbox);
            s.run("/role grant telegram:9 admin", "en");
            Identity admin = new Identity("telegram", "9");
            s.app().parley().engine().execute(new CommandRequest(admin, "-1009", "/channel bind drafts", null, "en"));
            s.app().parley().engine().execute(new CommandRequest(admin, "-1009", "/channel bind alerts", null, "en"));
            Bot bot = s.bot("客服Q");
            s.run("/ai mode " + bot.id() + " draft", "en");

            s.callbacks().privateText(bot.appId(), "wxid_cust_q", "question one");
            assertThat(eventually(() -> inbox.posted().stream().anyMatch(p -> p.card().text().contains("question one")),
                    Duration.ofSeconds(15))).isTrue();
            s.callbacks().privateText(bot.appId(), "wxid_cust_q", "question two");
            assertThat(eventually(() -> inbox.posted().stream().anyMatch(p -> p.card().title().contains(
                    "daily AI quota reached")), Duration.ofSeconds(15))).isTrue();
            assertThat(eventually(() -> inbox.posted().stream().anyMatch(p -> p.card().text().contains("question two")
                    && p.card().fields().stream().anyMatch(f -> f.value().contains("daily AI quota of 1 calls reached"))),
                    Duration.ofSeconds(15))).isTrue();
            assertThat(ai.requests()).hasSize(1);
            assertThat(s.run("/alerts", "en").text()).contains("daily AI quota reached");
        }
    }

    @Test
    void theMonthlyBudgetAlertsAt80PercentAndStopsAt100OrFallsBack() {
        Database db = TestDatabase.create("aibudget");
        try {
            Instant now = Instant.parse("2026-11-20T10:00:00Z");
            InstantSource clock = InstantSource.fixed(now);
            Alerts alerts = new Alerts(db.jdbi(), clock, Duration.ofHours(1), new PrometheusRegistry());
            AiQuota quota = new AiQuota(db.jdbi(), clock, ZoneId.of("Asia/Shanghai"), 0, 10_000_000, "USD", alerts,
                    new AccountStore(db.jdbi(), new AccountRegistry(clock), clock), null);
            spend(db, 7_000_000, now.toEpochMilli());
            spend(db, 50_000_000, Instant.parse("2026-10-20T10:00:00Z").toEpochMilli()); // last month
            assertThat(quota.decide(1)).isEqualTo(new AiQuota.Decision(null, null));
            assertThat(alerts.isActive("ai_budget_warning", "monthly")).isFalse();
            spend(db, 1_500_000, now.toEpochMilli());
            assertThat(quota.decide(1).refusal()).isNull();
            assertThat(alerts.isActive("ai_budget_warning", "monthly")).isTrue();
            spend(db, 1_500_000, now.toEpochMilli());
            assertThat(quota.decide(1).refusal()).isEqualTo(DraftFailure.of(DraftFailure.BUDGET_REACHED,
                    "budget", "10.00 USD", "spent", "10.00 USD"));
            assertThat(alerts.isActive("ai_budget_reached", "monthly")).isTrue();

            AiQuota falling = new AiQuota(db.jdbi(), clock, ZoneId.of("Asia/Shanghai"), 0, 10_000_000, "USD", alerts,
                    new AccountStore(db.jdbi(), new AccountRegistry(clock), clock), "kb");
            assertThat(falling.decide(1)).isEqualTo(new AiQuota.Decision(null, "kb"));
            assertThat(alerts.isActive("ai_budget_fallback", "monthly")).isTrue();
        } finally {
            db.close();
        }
    }

    private static void spend(Database db, long micros, long at) {
        db.jdbi().useHandle(h -> h.createUpdate("""
                        INSERT INTO cost_ledger (provider, model, account_id, chat_id, tokens_in, tokens_out, cost_micros,
                          latency_ms, result, created_at) VALUES ('default', 'm', NULL, NULL, 1, 1, :c, 1, 'ok', :at)""")
                .bind("c", micros).bind("at", at).execute());
    }
}
