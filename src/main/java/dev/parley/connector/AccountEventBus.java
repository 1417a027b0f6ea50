package dev.parley.connector;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.parley.contact.GroupChange;
import dev.parley.message.InboundMessage;

/** Hands {@link AccountEvents} to every registered feature; one failing listener does not stop the others. */
public final class AccountEventBus implements AccountEvents {
    private static final Logger LOG = Logger.getLogger(AccountEventBus.class.getName());

    private final List<AccountEvents> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param listener a feature that wants account events
     */
    public void register(AccountEvents listener) {
        listeners.add(listener);
    }

    @Override
    public void messageStored(long accountId, InboundMessage message, List<GroupChange> changes) {
        each(l -> l.messageStored(accountId, message, changes), "messageStored");
    }

    @Override
    public void groupChanged(long accountId, List<GroupChange> changes, long at) {
        each(l -> l.groupChanged(accountId, changes, at), "groupChanged");
    }

    @Override
    public void groupListed(long accountId, GroupSnapshot snapshot, long at) {
        each(l -> l.groupListed(accountId, snapshot, at), "groupListed");
    }

    @Override
    public void contactChanged(long accountId, String contactId, boolean group) {
        each(l -> l.contactChanged(accountId, contactId, group), "contactChanged");
    }

    @Override
    public void contactDeleted(long accountId, String contactId) {
        each(l -> l.contactDeleted(accountId, contactId), "contactDeleted");
    }

    @Override
    public void accountOffline(long accountId) {
        each(l -> l.accountOffline(accountId), "accountOffline");
    }

    @Override
    public void accountOnline(long accountId) {
        each(l -> l.accountOnline(accountId), "accountOnline");
    }

    @Override
    public void accountLost(long accountId, AccountLoss loss, String detail) {
        each(l -> l.accountLost(accountId, loss, detail), "accountLost");
    }

    /** Unlike the other events, a listener's failure reaches the caller: the platform must deliver them again. */
    @Override
    public void receipts(long accountId, List<Receipt> receipts) {
        for (AccountEvents listener : listeners) {
            listener.receipts(accountId, receipts);
        }
    }

    @Override
    public void accountAtRisk(long accountId, String risk, String detail) {
        each(l -> l.accountAtRisk(accountId, risk, detail), "accountAtRisk");
    }

    @Override
    public void loginChanged(long accountId) {
        each(l -> l.loginChanged(accountId), "loginChanged");
    }

    private void each(Consumer<AccountEvents> call, String event) {
        for (AccountEvents listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "a listener failed on " + event + ": " + listener.getClass().getSimpleName(), e);
            }
        }
    }
}
