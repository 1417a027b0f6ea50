package dev.parley.connector;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.logging.Logger;

import dev.parley.account.Account;
import dev.parley.account.AccountKey;
import dev.parley.account.AccountStatus;
import dev.parley.account.AccountStore;
import dev.parley.account.Platform;
import dev.parley.contact.ContactStore;
import dev.parley.contact.GroupChange;
import dev.parley.ingest.GroupCommitter;
import dev.parley.ingest.IngestRejectedException;
import dev.parley.message.InboundMessage;

/**
 * Where every connector hands over what its platform reports, whatever the platform: messages (made durable by the
 * group commit, then announced), account state (offline, online again, lost), contacts and groups, member lists and
 * membership changes with who made them, and logins moving on. It records what the core keeps about each and tells the
 * features on the {@link AccountEvents} bus. A webhook answers its platform between {@link #submit} completing and
 * {@link Stored#announce()}, so the platform never waits for the features.
 */
public final class AccountIntake {
    private static final Logger LOG = Logger.getLogger(AccountIntake.class.getName());

    private final GroupCommitter committer;
    private final AccountStore accounts;
    private final ContactStore contacts;
    private final AccountEvents events;

    /**
     * @param committer makes messages durable
     * @param accounts  account rows and statuses
     * @param contacts  contact and group names
     * @param events    the features to tell
     */
    public AccountIntake(GroupCommitter committer, AccountStore accounts, ContactStore contacts, AccountEvents events) {
        this.committer = Objects.requireNonNull(committer, "committer");
        this.accounts = Objects.requireNonNull(accounts, "accounts");
        this.contacts = Objects.requireNonNull(contacts, "contacts");
        this.events = Objects.requireNonNull(events, "events");
    }

    /**
     * Queues messages for the next group commit. Each is de-duplicated on its account and platform id on its own, so
     * a batch that repeats stored messages (a history sync, a re-delivery) stores only the new ones.
     *
     * @param arrivals the messages, with the group changes each announces
     * @return completes once they are durable, or exceptionally when the commit failed
     * @throws IngestRejectedException when ingestion is full or stopping (nothing was queued)
     */
    public CompletableFuture<Stored> submit(List<Arrival> arrivals) {
        List<CompletableFuture<Boolean>> each = new ArrayList<>(arrivals.size());
        for (Arrival arrival : arrivals) {
            each.add(committer.submit(List.of(arrival.message())).thenApply(outcome -> outcome.stored() > 0));
        }
        return CompletableFuture.allOf(each.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<Arrival> fresh = new ArrayList<>();
            for (int i = 0; i < arrivals.size(); i++) {
                if (each.get(i).join()) {
                    fresh.add(arrivals.get(i));
                }
            }
            return new Stored(fresh, arrivals.size() - fresh.size());
        });
    }

    /**
     * The platform says an account went offline (it may reconnect). Only a running account (online or not yet known)
     * becomes offline; one logged out on purpose, being logged in, or removed keeps its status.
     *
     * @param key    the account (created if never seen)
     * @param selfId its own user id, if the report says
     * @return tells the features (the monitor reconnects the account); a webhook runs it once it answered
     */
    public Announcement offline(AccountKey key, String selfId) {
        if (!accounts.markOffline(key, selfId)) {
            return Announcement.NOTHING;
        }
        LOG.warning(key.platform().code() + " account went offline: " + key.externalId());
        long id = accounts.idOf(key);
        return () -> events.accountOffline(id);
    }

    /**
     * The platform says an account is online again without a new login: an offline account becomes online.
     *
     * @param key the account
     */
    public void online(AccountKey key) {
        Optional<Long> known = accounts.findId(key);
        if (known.isEmpty()) {
            return;
        }
        long id = known.get();
        boolean wasOffline = accounts.find(id).map(a -> a.status() == AccountStatus.OFFLINE).orElse(false);
        if (wasOffline && accounts.setStatus(id, AccountStatus.ONLINE)) {
            LOG.info(key.platform().code() + " account is online again: " + key.externalId());
            events.accountOnline(id);
        }
    }

    /**
     * The platform stopped running an account for good: logged out from the phone, banned, or replaced by another
     * client. Its status says so (logged out, banned, or offline when replaced) and the features are told, the
     * monitor alerting the admins. An account an admin took out of service keeps its status and nobody is told.
     *
     * @param key    the account
     * @param loss   why
     * @param detail the platform's words, for admins (no secrets), or {@code null}
     */
    public void lost(AccountKey key, AccountLoss loss, String detail) {
        long id = accounts.idOf(key);
        AccountStatus now = accounts.find(id).map(Account::status).orElse(AccountStatus.REMOVED);
        if (now == AccountStatus.REMOVED || now == AccountStatus.LOGGED_OUT && loss != AccountLoss.BANNED) {
            return;
        }
        AccountStatus status = switch (loss) {
            case LOGGED_OUT -> AccountStatus.LOGGED_OUT;
            case BANNED -> AccountStatus.BANNED;
            case REPLACED -> AccountStatus.OFFLINE;
        };
        accounts.setStatus(id, status);
        LOG.warning(key.platform().code() + " account " + key.externalId() + " lost: " + loss.name().toLowerCase(Locale.ROOT) + (detail == null ? "" : " (" + detail + ")"));
        events.accountLost(id, loss, detail);
    }

    /**
     * The platform says what became of messages the account sent. The features record them before this returns, so
     * a webhook answers only once they are durable.
     *
     * @param key      the account
     * @param receipts the receipts
     */
    public void receipts(AccountKey key, List<Receipt> receipts) {
        if (!receipts.isEmpty()) {
            accounts.findId(key).ifPresent(id -> events.receipts(id, List.copyOf(receipts)));
        }
    }

    /**
     * The platform warns about an account: the features alert the admins.
     *
     * @param key    the account
     * @param risk   which warning ({@code alert.account_risk.<risk>})
     * @param detail the platform's words, for admins
     */
    public void atRisk(AccountKey key, String risk, String detail) {
        accounts.findId(key).ifPresent(id -> {
            LOG.warning(key.platform().code() + " account " + key.externalId() + " at risk: " + risk + " (" + detail + ")");
            events.accountAtRisk(id, risk, detail);
        });
    }

    /**
     * A contact or group was added or changed: its name is recorded and the features told.
     *
     * @param key    the account
     * @param update what the platform said
     * @return tells the features; a webhook runs it once it answered
     */
    public Announcement contact(AccountKey key, ContactUpdate update) {
        long account = accounts.idOf(key);
        boolean group = update.kind() == ContactUpdate.Kind.GROUP;
        if (group) {
            contacts.upsertGroup(account, update.contactId(), update.nickname(), update.ownerId());
        } else {
            contacts.upsertContact(account, update.contactId(), update.kind() == ContactUpdate.Kind.OFFICIAL,
                    update.nickname(), update.remark());
        }
        return () -> events.contactChanged(account, update.contactId(), group);
    }

    /**
     * A contact was deleted, or the account left or lost a group.
     *
     * @param key       the account
     * @param contactId the contact or group
     */
    public void contactDeleted(AccountKey key, String contactId) {
        events.contactDeleted(accounts.idOf(key), contactId);
    }

    /**
     * The platform told of membership or identity changes of a group as events of their own.
     *
     * @param key     the account
     * @param changes the changes, with their actors
     * @param at      when they happened, epoch ms
     */
    public void groupChanges(AccountKey key, List<GroupChange> changes, long at) {
        if (!changes.isEmpty()) {
            events.groupChanged(accounts.idOf(key), List.copyOf(changes), at);
        }
    }

    /**
     * The platform sent a group's whole member list.
     *
     * @param key      the account
     * @param snapshot the group now
     * @param at       when, epoch ms
     */
    public void groupListed(AccountKey key, GroupSnapshot snapshot, long at) {
        events.groupListed(accounts.idOf(key), snapshot, at);
    }

    /**
     * @param platform a platform
     * @return the provider ids of its accounts in service: the sessions a connector resumes when it starts
     */
    public List<String> inService(Platform platform) {
        return accounts.inService(platform);
    }

    /**
     * A login of the account moved on; whoever shows it looks again now.
     *
     * @param key the account being logged in
     */
    public void loginChanged(AccountKey key) {
        accounts.findId(key).ifPresent(events::loginChanged); // the login's account row may not exist yet
    }

    /** What the features are told once the source of a report has its answer. */
    @FunctionalInterface
    public interface Announcement {
        /** Nothing to tell. */
        Announcement NOTHING = () -> { };

        /** Tells the features. */
        void announce();
    }

    /**
     * A message and the group changes it announces.
     *
     * @param message the message
     * @param changes what it announces (system notices of joins, kicks, renames), usually none
     */
    public record Arrival(InboundMessage message, List<GroupChange> changes) {
        /** Requires the message and copies the changes. */
        public Arrival {
            Objects.requireNonNull(message, "message");
            changes = List.copyOf(changes);
        }

        /** @param message a message that announces nothing */
        public Arrival(InboundMessage message) {
            this(message, List.of());
        }
    }

    /** Messages made durable: which were new, and the announcement of those to the features. */
    public final class Stored {
        private final List<Arrival> fresh;
        private final int duplicates;

        private Stored(List<Arrival> fresh, int duplicates) {
            this.fresh = fresh;
            this.duplicates = duplicates;
        }

        /** @return how many were stored for the first time */
        public int stored() {
            return fresh.size();
        }

        /** @return how many were stored already (re-deliveries) */
        public int duplicates() {
            return duplicates;
        }

        /** Tells the features about the new messages; call once the source has its answer. */
        public void announce() {
            for (Arrival arrival : fresh) {
                InboundMessage m = arrival.message();
                events.messageStored(accounts.idOf(new AccountKey(m.platform(), m.accountExternalId())), m,
                        arrival.changes());
            }
        }
    }
}
