package dev.parley.ai;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Locale;

import dev.parley.account.Account;
import dev.parley.account.AccountStore;
import dev.parley.card.Card;
import dev.parley.command.CommandEngine;
import dev.parley.command.CommandException;
import dev.parley.command.Invocation;

/** {@code /cost [account] [since:30d]}: what AI drafting cost, from the ledger, per provider and model. */
public final class CostCommand {
    private static final Duration DEFAULT_WINDOW = Duration.ofDays(30);

    private final CostLedger ledger;
    private final AccountStore accounts;
    private final String currency;
    private final InstantSource clock;

    /**
     * @param ledger   the cost ledger
     * @param accounts the accounts
     * @param currency the currency of the price table
     * @param clock    source of "now"
     */
    public CostCommand(CostLedger ledger, AccountStore accounts, String currency, InstantSource clock) {
        this.ledger = ledger;
        this.accounts = accounts;
        this.currency = currency;
        this.clock = clock;
    }

    /**
     * @param engine the engine to register with
     */
    public void register(CommandEngine.Builder engine) {
        engine.handler("cost", this::cost);
    }

    private Card cost(Invocation inv) {
        Account account = inv.get("account", String.class).map(this::account).orElse(null);
        Duration window = inv.get("since", Duration.class).orElse(DEFAULT_WINDOW);
        List<CostLedger.Total> totals = ledger.totals(account == null ? null : account.id(),
                clock.millis() - window.toMillis());
        String scope = account == null ? inv.t("cost.all_accounts") : account.displayName();
        Card.Builder card = Card.builder(inv.t("cost.title", "scope", scope, "days", Math.max(1, window.toDays())));
        if (totals.isEmpty()) {
            return card.text(inv.t("cost.none")).build();
        }
        long calls = 0;
        long in = 0;
        long out = 0;
        long micros = 0;
        for (CostLedger.Total t : totals) {
            calls += t.calls();
            in += t.tokensIn();
            out += t.tokensOut();
            micros += t.costMicros();
            card.field(t.provider() + " · " + t.model(), inv.t("cost.row", "calls", t.calls(), "errors", t.errors(),
                    "in", t.tokensIn(), "out", t.tokensOut(), "cost", money(t.costMicros())));
        }
        return card.text(inv.t("cost.total", "calls", calls, "in", in, "out", out, "cost", money(micros))).build();
    }

    private String money(long micros) {
        return String.format(Locale.ROOT, "%.4f %s", micros / 1_000_000.0, currency);
    }

    private Account account(String ref) {
        List<Account> found = accounts.resolve(ref);
        if (found.size() != 1) {
            throw new CommandException(found.isEmpty() ? "ai.error.no_account" : "ai.error.ambiguous_account",
                    "account", ref);
        }
        return found.getFirst();
    }
}
