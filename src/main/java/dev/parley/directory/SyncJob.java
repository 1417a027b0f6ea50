package dev.parley.directory;

import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.parley.account.Account;
import dev.parley.card.Card;
import dev.parley.command.LiveCards;
import dev.parley.connector.AccountConnector;
import dev.parley.connector.ContactBook;
import dev.parley.connector.ContactProfile;
import dev.parley.connector.ConnectorException;
import dev.parley.connector.GroupSnapshot;

/**
 * One sync of one account, on its own thread: the contact list, then names of friends and groups a page at a
 * time, then each group's member list, every call through {@link PacedCalls}. A call that fails for good is
 * counted and skipped; the account going offline, rejected credentials, or three groups in a row failing
 * after their retries stop the sync, and the next sync of the account resumes it (groups already read are
 * not read again). Progress goes to the live card, when there is one, and to the log.
 */
final class SyncJob implements Runnable {
    private static final Logger LOG = Logger.getLogger(SyncJob.class.getName());
    private static final int FAILURES_IN_A_ROW = 3;

    private final Account account;
    private final AccountConnector connector;
    private final LiveCards.LiveCard card;
    private final SyncRuns.Run resumed;
    private final Parts parts;
    private final InstantSource clock;

    private final long startedAt;
    private volatile SyncProgress progress;
    private long cardAt;
    private long logAt;
    private int failuresInARow;

    /**
     * @param account   the account to sync
     * @param connector its platform
     * @param card      where to show progress, or {@code null} for the log only
     * @param resumed   the stopped run this one continues, or {@code null}
     * @param parts     what a sync works with
     */
    SyncJob(Account account, AccountConnector connector, LiveCards.LiveCard card, SyncRuns.Run resumed, Parts parts) {
        this.account = account;
        this.connector = connector;
        this.card = card;
        this.resumed = resumed;
        this.parts = parts;
        this.clock = parts.clock();
        this.startedAt = clock.millis();
        this.progress = new SyncProgress(account.id(), account.displayName(), SyncProgress.Step.CONTACTS, 0, 1, 0, 1,
                null, startedAt, startedAt, 0, 0, 0, 0, 0, 0, 0, null, resumed == null ? null : resumed.startedAt());
    }

    /** @return where it stands */
    SyncProgress progress() {
        return progress.step() == SyncProgress.Step.DONE ? progress : with(progress.step(), progress.stepDone(),
                progress.stepTotal(), progress.current());
    }

    @Override
    public void run() {
        Thread.currentThread().setName("directory-sync-" + account.id());
        Long previousDone = parts.runs().lastDone(account.id()).map(SyncRuns.Run::finishedAt).orElse(null);
        long runId;
        if (resumed != null) {
            parts.runs().resume(resumed.id());
            runId = resumed.id();
        } else {
            runId = parts.runs().begin(account.id(), startedAt);
        }
        LOG.info(() -> "sync of account " + account.id() + " (" + account.displayName() + ") started"
                + (resumed == null ? "" : ", resuming the run of " + resumed.startedAt()));
        try {
            sync();
            progress = with(SyncProgress.Step.DONE, 0, 0, null);
            parts.runs().end(runId, "done", progress, null, clock.millis());
            DirectoryQueries.Moves moves = previousDone == null ? null
                    : parts.queries().accountMoves(account.id(), previousDone);
            SyncProgress finished = progress;
            publish(true, locale -> parts.cards().done(locale, finished, moves));
            log();
        } catch (Stopped stopped) {
            end(runId, stopped.reason, stopped.getMessage());
        } catch (InterruptedException e) {
            end(runId, SyncCards.Stop.INTERRUPTED, "Parley is stopping");
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.log(Level.SEVERE, "sync of account " + account.id() + " failed", e);
            end(runId, SyncCards.Stop.FAILED, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
    }

    private void sync() throws Stopped, InterruptedException {
        long id = account.id();
        String ext = account.externalId();
        ContactBook book;
        try {
            book = parts.calls().call(id, "contacts", () -> connector.contacts(ext));
        } catch (ConnectorException e) {
            throw Stopped.by(e);
        }
        Roster.FriendChanges friends = parts.roster().storeBook(id, book, clock.millis());
        Map<String, DirectoryQueries.KnownGroup> known = new HashMap<>();
        parts.queries().knownGroups(id).forEach(g -> known.put(g.chatId(), g));
        // groups not saved to contacts are missing from the list; those seen in messages are still read
        Set<String> groups = new LinkedHashSet<>(book.groups());
        known.values().stream().filter(g -> g.status().equals("active")).forEach(g -> groups.add(g.chatId()));
        List<String> profileIds = new ArrayList<>(book.friends());
        profileIds.addAll(book.groups());
        List<List<String>> pages = pages(profileIds, Math.max(1, connector.maxProfileBatch()));
        int total = 1 + pages.size() + groups.size();
        progress = new SyncProgress(id, account.displayName(), SyncProgress.Step.PROFILES, 1, total, 0, pages.size(),
                null, startedAt, clock.millis(), book.friends().size(), friends.added(), friends.gone(), 0, 0, 0, 0,
                null, progress.resumedFrom());

        Set<String> groupIds = new HashSet<>(book.groups());
        Map<String, String> names = new HashMap<>();
        known.values().forEach(g -> names.put(g.chatId(), g.name()));
        for (List<String> page : pages) {
            report();
            try {
                List<ContactProfile> profiles = parts.calls().call(id, "profiles", () -> connector.profiles(ext, page));
                parts.roster().storeProfiles(id, profiles, groupIds, clock.millis());
                profiles.stream().filter(p -> groupIds.contains(p.id()) && p.nickname() != null)
                        .forEach(p -> names.put(p.id(), p.nickname()));
                failuresInARow = 0;
            } catch (ConnectorException e) {
                failed(e);
            }
            advance(SyncProgress.Step.PROFILES, pages.size(), null, 0, 0, 0);
        }

        progress = with(SyncProgress.Step.GROUPS, 0, groups.size(), null);
        for (String group : groups) {
            String name = names.get(group) == null ? group : names.get(group);
            progress = with(SyncProgress.Step.GROUPS, progress.stepDone(), groups.size(), name);
            report();
            DirectoryQueries.KnownGroup before = known.get(group);
            if (resumed != null && before != null && before.syncedAt() != null && before.syncedAt() >= resumed.startedAt()) {
                advance(SyncProgress.Step.GROUPS, groups.size(), name, 1, 0, 0); // read before the sync stopped
                continue;
            }
            int members = 0;
            int fresh = 0;
            int read = 0;
            try {
                long observedAt = clock.millis();
                GroupSnapshot snapshot = parts.calls().call(id, "group", () -> connector.group(ext, group));
                SnapshotDiff diff = parts.ledger().applySnapshot(id, account.selfId(), snapshot, observedAt, observedAt);
                members = diff.members();
                fresh = diff.first() ? 1 : 0;
                read = 1;
                failuresInARow = 0;
            } catch (ConnectorException e) {
                failed(e);
            }
            advance(SyncProgress.Step.GROUPS, groups.size(), name, read, fresh, members);
        }
    }

    /** A call failed for good: offline and credentials stop the sync, anything else is counted and skipped. */
    private void failed(ConnectorException e) throws Stopped {
        if (e.kind() == ConnectorException.Kind.OFFLINE || e.kind() == ConnectorException.Kind.CONFIGURATION) {
            throw Stopped.by(e);
        }
        LOG.warning("sync of account " + account.id() + ": " + e.getMessage());
        SyncProgress p = progress;
        progress = new SyncProgress(p.accountId(), p.account(), p.step(), p.done(), p.total(), p.stepDone(), p.stepTotal(),
                p.current(), p.startedAt(), clock.millis(), p.friends(), p.newFriends(), p.goneFriends(), p.groups(),
                p.newGroups(), p.members(), p.errors() + 1, p.firstError() == null ? e.getMessage() : p.firstError(),
                p.resumedFrom());
        if (e.kind() == ConnectorException.Kind.TRANSIENT && ++failuresInARow >= FAILURES_IN_A_ROW) {
            throw new Stopped(SyncCards.Stop.FAILED, e.getMessage());
        }
    }

    private void advance(SyncProgress.Step step, int stepTotal, String current, int groups, int newGroups, int members) {
        SyncProgress p = progress;
        progress = new SyncProgress(p.accountId(), p.account(), step, p.done() + 1, p.total(), p.stepDone() + 1, stepTotal,
                current, p.startedAt(), clock.millis(), p.friends(), p.newFriends(), p.goneFriends(),
                p.groups() + groups, p.newGroups() + newGroups, p.members() + members, p.errors(), p.firstError(),
                p.resumedFrom());
    }

    private SyncProgress with(SyncProgress.Step step, int stepDone, int stepTotal, String current) {
        SyncProgress p = progress;
        return new SyncProgress(p.accountId(), p.account(), step, p.done(), p.total(), stepDone, stepTotal, current,
                p.startedAt(), clock.millis(), p.friends(), p.newFriends(), p.goneFriends(), p.groups(), p.newGroups(),
                p.members(), p.errors(), p.firstError(), p.resumedFrom());
    }

    private void report() {
        long at = clock.millis();
        if (at - cardAt >= parts.settings().progressEvery().toMillis()) {
            cardAt = at;
            SyncProgress now = progress;
            publish(false, locale -> parts.cards().progress(locale, now));
        }
        if (at - logAt >= parts.settings().logEvery().toMillis()) {
            logAt = at;
            log();
        }
    }

    private void log() {
        SyncProgress p = progress;
        LOG.info(() -> String.format(Locale.ROOT,
                "sync of account %d: %s %d/%d calls, %.1f calls/min, eta %s, friends %d, groups %d, members %d, errors %d",
                p.accountId(), p.step().name().toLowerCase(Locale.ROOT), p.done(), p.total(), p.perMinute(),
                p.eta().map(d -> d.toSeconds() + "s").orElse("-"), p.friends(), p.groups(), p.members(), p.errors()));
    }

    private void end(long runId, SyncCards.Stop reason, String error) {
        LOG.warning("sync of account " + account.id() + " stopped (" + reason.name().toLowerCase(Locale.ROOT)
                + "): " + error);
        progress = with(progress.step(), progress.stepDone(), progress.stepTotal(), progress.current());
        try {
            parts.runs().end(runId, reason == SyncCards.Stop.FAILED || reason == SyncCards.Stop.CONFIGURATION ? "failed"
                    : "stopped", progress, error, clock.millis());
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not record the end of the sync of account " + account.id(), e);
        }
        SyncProgress last = progress;
        publish(true, locale -> parts.cards().stopped(locale, last, reason, error));
    }

    /** Shows a version on the live card, rendered in the card's locale; nothing without a card. */
    private void publish(boolean last, Function<String, Card> version) {
        if (card == null) {
            return;
        }
        if (last) {
            card.finish(version.apply(card.locale()));
        } else {
            card.update(version.apply(card.locale()));
        }
    }

    private static List<List<String>> pages(List<String> ids, int size) {
        List<List<String>> pages = new ArrayList<>();
        for (int i = 0; i < ids.size(); i += size) {
            pages.add(List.copyOf(ids.subList(i, Math.min(ids.size(), i + size))));
        }
        return pages;
    }

    /**
     * What a sync works with.
     *
     * @param calls         paced platform calls
     * @param roster        contact writes
     * @param ledger        membership history
     * @param queries       directory reads
     * @param runs          the runs table
     * @param cards         card rendering
     * @param settings      pace and progress intervals
     * @param clock         the present
     */
    record Parts(PacedCalls calls, Roster roster, MembershipLedger ledger, DirectoryQueries queries, SyncRuns runs,
                 SyncCards cards, SyncSettings settings, InstantSource clock) {
    }

    /** The sync cannot go on. */
    private static final class Stopped extends Exception {
        private static final long serialVersionUID = 1L;
        private final SyncCards.Stop reason;

        private Stopped(SyncCards.Stop reason, String message) {
            super(message);
            this.reason = reason;
        }

        static Stopped by(ConnectorException e) {
            SyncCards.Stop reason = switch (e.kind()) {
                case OFFLINE -> SyncCards.Stop.OFFLINE;
                case CONFIGURATION -> SyncCards.Stop.CONFIGURATION;
                default -> SyncCards.Stop.FAILED;
            };
            return new Stopped(reason, e.getMessage());
        }
    }
}
