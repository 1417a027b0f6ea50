package dev.parley.account;

import java.util.List;

import dev.parley.card.Card;
import dev.parley.card.Times;
import dev.parley.command.CommandEngine;
import dev.parley.command.Invocation;

/** {@code /bot …}: the fleet of managed accounts as admins see it in chat. */
public final class BotCommands {
    private final AccountStore accounts;
    private final Times times;

    /**
     * @param accounts the accounts
     * @param times    how times are shown
     */
    public BotCommands(AccountStore accounts, Times times) {
        this.accounts = accounts;
        this.times = times;
    }

    /**
     * @param engine the engine to register with
     */
    public void register(CommandEngine.Builder engine) {
        engine.handler("bot.list", this::list);
    }

    private Card list(Invocation inv) {
        List<Account> all = accounts.list();
        long online = all.stream().filter(a -> a.status() == AccountStatus.ONLINE).count();
        Card.Builder card = Card.builder(inv.t("bot.list.title", "count", all.size()));
        if (all.isEmpty()) {
            return card.text(inv.t("bot.list.empty")).build();
        }
        card.text(inv.t("bot.list.summary", "online", online, "total", all.size()));
        for (Account a : all) {
            String label = inv.t("bot.list.row_label", "id", a.id(), "name", a.displayName(),
                    "platform", inv.t("platform." + a.platform().code()));
            String last = a.lastMessageAt() == null ? inv.t("bot.list.never") : times.format(a.lastMessageAt());
            String value = inv.t("bot.list.row_value", "status", inv.t("account.status." + a.status().code()),
                    "messages", a.messageCount(), "last", last, "self", a.selfId() == null ? "-" : a.selfId(),
                    "external", a.externalId());
            card.field(label, value);
        }
        return card.build();
    }
}
