package dev.parley.account;

import java.util.List;
import java.util.Optional;

import dev.parley.card.Card;
import dev.parley.card.Times;
import dev.parley.command.CommandEngine;
import dev.parley.command.Invocation;
import dev.parley.connector.AccountConnector;
import dev.parley.connector.ConnectorException;
import dev.parley.connector.Connectors;

/** {@code /bot …}: the fleet of managed accounts as admins see it in chat. */
public final class BotCommands {
    private final AccountStore accounts;
    private final Connectors connectors;
    private final Times times;

    /**
     * @param accounts   the accounts
     * @param connectors the platforms, asked what they say about an account (a business number's quality)
     * @param times      how times are shown
     */
    public BotCommands(AccountStore accounts, Connectors connectors, Times times) {
        this.accounts = accounts;
        this.connectors = connectors;
        this.times = times;
    }

    /**
     * @param engine the engine to register with
     */
    public void register(CommandEngine.Builder engine) {
        engine.handler("bot.list", this::list)
                .handler("bot.info", this::info)
                .handler("bot.rename", this::rename);
    }

    private Card info(Invocation inv) {
        Account a = AccountRefs.one(accounts, inv.require("account", String.class));
        AccountStore.Counts counts = accounts.counts(a.id());
        String never = inv.t("bot.list.never");
        Card.Builder card = Card.builder(inv.t("bot.info.title", "id", a.id(), "name", a.displayName()))
                .tone(a.status() == AccountStatus.ONLINE ? Card.Tone.SUCCESS
                        : a.status() == AccountStatus.OFFLINE ? Card.Tone.WARNING : Card.Tone.INFO)
                .shortField(inv.t("bot.info.status"), inv.t("account.status." + a.status().code()))
                .shortField(inv.t("bot.info.platform"), inv.t("platform." + a.platform().code()))
                .shortField(inv.t("bot.info.nickname"), a.nickname() == null ? "-" : a.nickname())
                .shortField(inv.t("bot.info.self"), a.selfId() == null ? "-" : a.selfId())
                .shortField(inv.t("bot.info.external"), a.externalId())
                .shortField(inv.t("bot.info.online_since"), a.onlineSince() == null || a.status() != AccountStatus.ONLINE
                        ? "-" : times.format(a.onlineSince()))
                .shortField(inv.t("bot.info.contacts"), String.valueOf(counts.contacts()))
                .shortField(inv.t("bot.info.groups"), String.valueOf(counts.groups()))
                .shortField(inv.t("bot.info.messages"), String.valueOf(a.messageCount()))
                .shortField(inv.t("bot.info.last_message"), a.lastMessageAt() == null ? never : times.format(a.lastMessageAt()))
                .shortField(inv.t("bot.info.region"), a.loginRegion() == null ? "-" : a.loginRegion())
                .shortField(inv.t("bot.info.proxy"), inv.t(a.loginProxy() == null ? "bot.info.proxy_none" : "bot.info.proxy_set"));
        Optional<AccountConnector> connector = connectors.find(a.platform());
        if (connector.isPresent() && a.status() != AccountStatus.REMOVED && a.status() != AccountStatus.LOGGED_OUT) {
            try {
                connector.get().facts(a.externalId()).forEach(f -> card.shortField(inv.t(f.labelKey()), f.value()));
            } catch (ConnectorException e) {
                card.footer(inv.t("bot.info.facts_failed", "reason", e.getMessage()));
            }
        }
        return card.build();
    }

    private Card rename(Invocation inv) {
        Account a = AccountRefs.one(accounts, inv.require("account", String.class));
        String label = inv.require("label", String.class).strip();
        accounts.rename(a.id(), label);
        return Card.builder(inv.t("bot.rename.title")).tone(Card.Tone.SUCCESS)
                .text(inv.t("bot.rename.done", "id", a.id(), "label", label)).build();
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
                    "nickname", a.nickname() == null ? "-" : a.nickname(), "external", a.externalId());
            card.field(label, value);
        }
        return card.build();
    }
}
