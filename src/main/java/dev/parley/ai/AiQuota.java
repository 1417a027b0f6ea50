package dev.parley.ai;

import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import dev.parley.account.Account;
import dev.parley.account.AccountStore;
import dev.parley.alert.Alert;
import dev.parley.alert.Alerts;

import org.jdbi.v3.core.Jdbi;

/**
 * Stops drafting before it costs too much, from the ledger: at most {@code daily} provider calls per account per
 * day, and a monthly budget for all accounts that alerts at 80 % and at 100 % stops drafting or, when configured,
 * switches to a cheaper fallback provider. Each breach raises an alert (and resolves it when drafting is allowed
 * again); a stopped draft says why on its card.
 */
public final class AiQuota {
    private static final double WARN_AT = 0.8;

    private final Jdbi jdbi;
    private final InstantSource clock;
    private final ZoneId zone;
    private final int daily;
    private final long budgetMicros;
    private final String currency;
    private final Alerts alerts;
    private final AccountStore accounts;
    private final String fallback;

    /**
     * @param jdbi         the database
     * @param clock        source of "now"
     * @param zone         where days and months start
     * @param daily        most provider calls per account per day, 0 for no limit
     * @param budgetMicros monthly budget in millionths of the currency unit, 0 for none
     * @param currency     the budget's currency, as alerts show it
     * @param alerts       raises the breaches
     * @param accounts     names accounts in alerts
     * @param fallback     the provider that drafts once the budget is used up, or {@code null} to stop drafting
     */
    public AiQuota(Jdbi jdbi, InstantSource clock, ZoneId zone, int daily, long budgetMicros, String currency,
                   Alerts alerts, AccountStore accounts, String fallback) {
        this.jdbi = jdbi;
        this.clock = clock;
        this.zone = zone;
        this.daily = daily;
        this.budgetMicros = budgetMicros;
        this.currency = currency;
        this.alerts = alerts;
        this.accounts = accounts;
        this.fallback = fallback;
    }

    /**
     * @param accountId the account about to be drafted for
     * @return whether a provider may be called now, and which
     */
    public Decision decide(long accountId) {
        String fallbackTo = null;
        LocalDate today = LocalDate.ofInstant(clock.instant(), zone);
        if (budgetMicros > 0) {
            long spent = sumSince(today.withDayOfMonth(1).atStartOfDay(zone).toInstant().toEpochMilli());
            String spentText = money(spent);
            String budgetText = money(budgetMicros);
            if (spent >= budgetMicros && fallback == null) {
                alerts.raise(new Alert("ai_budget_reached", "monthly", Alert.Severity.CRITICAL,
                        "alert.ai_budget_reached.title", "alert.ai_budget_reached.text",
                        Map.of("spent", spentText, "budget", budgetText), List.of()));
                return new Decision(DraftFailure.of(DraftFailure.BUDGET_REACHED, "budget", budgetText, "spent", spentText),
                        null);
            }
            if (spent >= budgetMicros) {
                alerts.raise(new Alert("ai_budget_fallback", "monthly", Alert.Severity.CRITICAL,
                        "alert.ai_budget_fallback.title", "alert.ai_budget_fallback.text",
                        Map.of("spent", spentText, "budget", budgetText, "provider", fallback), List.of()));
                fallbackTo = fallback;
            } else {
                alerts.resolve("ai_budget_reached", "monthly");
                alerts.resolve("ai_budget_fallback", "monthly");
            }
            if (spent >= WARN_AT * budgetMicros) {
                alerts.raise(new Alert("ai_budget_warning", "monthly", Alert.Severity.WARNING,
                        "alert.ai_budget_warning.title", "alert.ai_budget_warning.text",
                        Map.of("spent", spentText, "budget", budgetText), List.of()));
            } else {
                alerts.resolve("ai_budget_warning", "monthly");
            }
        }
        if (daily > 0) {
            long calls = jdbi.withHandle(h -> h.createQuery(
                            "SELECT COUNT(*) FROM cost_ledger WHERE account_id = :a AND created_at >= :since")
                    .bind("a", accountId).bind("since", today.atStartOfDay(zone).toInstant().toEpochMilli())
                    .mapTo(Long.class).one());
            String key = String.valueOf(accountId);
            if (calls >= daily) {
                String name = accounts.find(accountId).map(Account::displayName).orElse("#" + accountId);
                alerts.raise(new Alert("ai_quota", key, Alert.Severity.WARNING, "alert.ai_quota.title",
                        "alert.ai_quota.text", Map.of("account", name, "limit", daily), List.of()));
                return new Decision(DraftFailure.of(DraftFailure.QUOTA_DAILY, "limit", daily, "account", name), null);
            }
            alerts.resolve("ai_quota", key);
        }
        return new Decision(null, fallbackTo);
    }

    /**
     * What drafting may do now.
     *
     * @param refusal  why no provider may be called, or {@code null} when one may
     * @param fallback the provider to call instead of the account's (the budget is used up), or {@code null}
     */
    public record Decision(DraftFailure refusal, String fallback) {
    }

    private long sumSince(long since) {
        return jdbi.withHandle(h -> h.createQuery("SELECT COALESCE(SUM(cost_micros), 0) FROM cost_ledger WHERE created_at >= :s")
                .bind("s", since).mapTo(Long.class).one());
    }

    private String money(long micros) {
        return String.format(Locale.ROOT, "%.2f %s", micros / 1_000_000.0, currency);
    }
}
