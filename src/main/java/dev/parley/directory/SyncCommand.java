package dev.parley.directory;

import java.util.Optional;

import dev.parley.account.Account;
import dev.parley.account.AccountRefs;
import dev.parley.account.AccountStatus;
import dev.parley.account.AccountStore;
import dev.parley.card.Card;
import dev.parley.command.CommandEngine;
import dev.parley.command.CommandException;
import dev.parley.command.Invocation;
import dev.parley.command.LiveCards;
import dev.parley.connector.Connectors;

/**
 * {@code /bot sync <account>}: reads the account's contacts and groups again, answering with a card that
 * shows the progress and ends with the summary. A second one while a sync runs shows that sync's progress.
 */
final class SyncCommand {
    private final AccountStore accounts;
    private final Connectors connectors;
    private final DirectorySync sync;
    private final SyncCards cards;

    SyncCommand(AccountStore accounts, Connectors connectors, DirectorySync sync, SyncCards cards) {
        this.accounts = accounts;
        this.connectors = connectors;
        this.sync = sync;
        this.cards = cards;
    }

    void register(CommandEngine.Builder engine) {
        engine.handler("bot.sync", this::sync);
    }

    private Card sync(Invocation inv) {
        Account account = AccountRefs.one(accounts, inv.require("account", String.class));
        connectors.require(account.platform());
        if (account.status() == AccountStatus.OFFLINE) {
            throw new CommandException("directory.sync.error.offline", "account", account.displayName(), "id", account.id());
        }
        Optional<SyncProgress> running = sync.progress(account.id());
        if (running.isPresent()) {
            return cards.running(inv.locale(), running.get());
        }
        LiveCards.LiveCard live = inv.live();
        DirectorySync.Started started = sync.start(account.id(), live);
        if (!started.started()) {
            Card card = cards.running(inv.locale(), started.progress());
            live.finish(card);
            return card;
        }
        return cards.progress(inv.locale(), started.progress());
    }
}
