package dev.parley.outbound;

import java.util.List;

import dev.parley.account.Account;
import dev.parley.account.AccountRefs;
import dev.parley.account.AccountStore;
import dev.parley.card.Button;
import dev.parley.card.Card;
import dev.parley.command.CommandEngine;
import dev.parley.command.CommandException;
import dev.parley.command.Invocation;
import dev.parley.connector.AccountConnector;
import dev.parley.connector.ConnectorException;
import dev.parley.connector.Connectors;
import dev.parley.connector.MessageTemplate;

/**
 * {@code /template sync} and {@code /template list <account>}: the message templates a business number's platform
 * approved, read from the platform on {@code sync} and shown from Parley's copy on {@code list}, with how to send one.
 * ({@code /template list} without an account shows the saved texts of {@code dev.parley.automation}, which hands
 * a list with an account to {@link #platformList}.)
 */
public final class TemplateCommands {
    private static final int MAX_SHOWN = 20;

    private final Templates templates;
    private final AccountStore accounts;
    private final Connectors connectors;

    /**
     * @param templates  Parley's copy of the templates
     * @param accounts   resolves account references
     * @param connectors the platforms that list templates
     */
    public TemplateCommands(Templates templates, AccountStore accounts, Connectors connectors) {
        this.templates = templates;
        this.accounts = accounts;
        this.connectors = connectors;
    }

    /**
     * @param engine the engine to register with
     */
    public void register(CommandEngine.Builder engine) {
        engine.handler("template.sync", this::sync);
    }

    private Card sync(Invocation inv) {
        Account account = AccountRefs.one(accounts, inv.require("account", String.class));
        AccountConnector connector = withTemplates(account);
        List<MessageTemplate> listed;
        try {
            listed = connector.templates(account.externalId());
        } catch (ConnectorException e) {
            throw new CommandException("template.error.platform", "account", account.displayName(), "reason",
                    e.getMessage());
        }
        templates.replace(account.id(), listed);
        long approved = listed.stream().filter(MessageTemplate::approved).count();
        return card(inv, account, templates.of(account.id()))
                .text(inv.t("template.sync.done", "count", listed.size(), "approved", approved)).build();
    }

    /**
     * @param inv     the {@code /template list} invocation
     * @param account the account reference it names
     * @return the templates Parley keeps for that business number
     */
    public Card platformList(Invocation inv, String account) {
        return list(inv, AccountRefs.one(accounts, account));
    }

    private Card list(Invocation inv, Account account) {
        withTemplates(account);
        List<MessageTemplate> kept = templates.of(account.id());
        Card.Builder card = card(inv, account, kept);
        if (kept.isEmpty()) {
            card.text(inv.t("template.list.empty", "id", account.id()));
        }
        return card.button(Button.of(inv.t("template.button.sync"), "/template sync " + account.id())).build();
    }

    private Card.Builder card(Invocation inv, Account account, List<MessageTemplate> kept) {
        Card.Builder card = Card.builder(inv.t("template.title", "account", account.displayName()));
        kept.stream().limit(MAX_SHOWN).forEach(t -> card.field(inv.t("template.row_label", "name", t.name(),
                "language", t.language(), "status", t.status(), "category", t.category()),
                inv.t("template.row_value", "body", t.body().isEmpty() ? "-" : t.body(), "params", t.params())));
        if (kept.size() > MAX_SHOWN) {
            card.footer(inv.t("template.more", "count", kept.size() - MAX_SHOWN));
        } else if (!kept.isEmpty()) {
            card.footer(inv.t("template.footer", "id", account.id()));
        }
        return card;
    }

    private AccountConnector withTemplates(Account account) {
        AccountConnector connector = connectors.require(account.platform());
        if (connector.replyWindow().isEmpty()) {
            throw new CommandException("template.error.no_templates", "account", account.displayName(),
                    "platform", account.platform().code());
        }
        return connector;
    }
}
