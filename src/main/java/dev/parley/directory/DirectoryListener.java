package dev.parley.directory;

import java.time.InstantSource;
import java.util.List;
import java.util.Optional;

import dev.parley.account.Account;
import dev.parley.account.AccountStore;
import dev.parley.connector.AccountEvents;
import dev.parley.connector.GroupSnapshot;
import dev.parley.contact.GroupChange;
import dev.parley.message.ChatType;
import dev.parley.message.InboundMessage;

/**
 * What the directory does with account events: group changes, announced in messages or as events of their own, go
 * into the ledger at once, and so do member lists the platform sends unasked; a group that changed is re-read (debounced) to find who left; a group first seen in a message is read
 * once; a group the account lost is marked left; a friend who is gone becomes a stranger. It runs on the
 * webhook's thread after the answer was sent, so platform calls are only ever queued from here.
 */
final class DirectoryListener implements AccountEvents {
    private final AccountStore accounts;
    private final MembershipLedger ledger;
    private final DirectoryQueries queries;
    private final Roster roster;
    private final GroupRefresher refresher;
    private final InstantSource clock;

    DirectoryListener(AccountStore accounts, MembershipLedger ledger, DirectoryQueries queries, Roster roster,
                      GroupRefresher refresher, InstantSource clock) {
        this.accounts = accounts;
        this.ledger = ledger;
        this.queries = queries;
        this.roster = roster;
        this.refresher = refresher;
        this.clock = clock;
    }

    @Override
    public void messageStored(long accountId, InboundMessage message, List<GroupChange> changes) {
        if (message.chatType() != ChatType.GROUP) {
            return;
        }
        if (!changes.isEmpty()) {
            String selfId = message.accountSelfId() != null ? message.accountSelfId() : selfId(accountId);
            Long messageRow = queries.messageRowId(accountId, message.platformMsgId()).orElse(null);
            for (GroupChange change : changes) {
                if (ledger.applyChange(accountId, selfId, change, messageRow, message.sentAt())) {
                    refresher.changed(accountId, change.groupId(), message.sentAt());
                }
            }
        }
        refresher.seen(accountId, message.chatId());
    }

    @Override
    public void groupChanged(long accountId, List<GroupChange> changes, long at) {
        String selfId = selfId(accountId);
        for (GroupChange change : changes) {
            if (ledger.applyChange(accountId, selfId, change, null, at)) {
                refresher.changed(accountId, change.groupId(), at);
            }
        }
    }

    @Override
    public void groupListed(long accountId, GroupSnapshot snapshot, long at) {
        ledger.applySnapshot(accountId, selfId(accountId), snapshot, at, at);
    }

    @Override
    public void contactChanged(long accountId, String contactId, boolean group) {
        if (group) {
            refresher.changed(accountId, contactId, clock.millis());
        }
    }

    @Override
    public void contactDeleted(long accountId, String contactId) {
        long now = clock.millis();
        if (ledger.lost(accountId, selfId(accountId), contactId, now)) {
            refresher.forget(accountId, contactId);
        } else {
            roster.friendGone(accountId, contactId, now);
        }
    }

    private String selfId(long accountId) {
        Optional<Account> account = accounts.find(accountId);
        return account.map(Account::selfId).orElse(null);
    }
}
