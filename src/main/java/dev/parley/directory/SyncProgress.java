package dev.parley.directory;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a sync of one account stands: the step, platform calls done of those planned (one for the contact
 * list, one per page of profiles, one per group), and what it counted so far.
 *
 * @param accountId   the managed account
 * @param account     its name for people
 * @param step        the current step
 * @param done        platform calls done (or skipped, when resuming)
 * @param total       platform calls planned; 1 until the contact list is known
 * @param stepDone    calls done in this step
 * @param stepTotal   calls planned for this step
 * @param current     the group being read, or {@code null}
 * @param startedAt   when this sync started (epoch ms)
 * @param at          when this progress was taken (epoch ms)
 * @param friends     friends listed
 * @param newFriends  friends not listed by the previous sync
 * @param goneFriends friends the previous sync listed and this one does not
 * @param groups      groups whose member list was read
 * @param newGroups   of those, groups read for the first time
 * @param members     members in the groups read
 * @param errors      calls that failed for good
 * @param firstError  what the first of them said, or {@code null}
 * @param resumedFrom when the sync this one resumes started (epoch ms), or {@code null}
 */
public record SyncProgress(long accountId, String account, Step step, int done, int total, int stepDone, int stepTotal,
                           String current, long startedAt, long at, int friends, int newFriends, int goneFriends,
                           int groups, int newGroups, int members, int errors, String firstError, Long resumedFrom) {

    /** @return platform calls per minute so far, 0 before the first */
    public double perMinute() {
        long elapsed = Math.max(1, at - startedAt);
        return done * 60_000.0 / elapsed;
    }

    /** @return the calls still planned */
    public int remaining() {
        return Math.max(0, total - done);
    }

    /** @return the time left at the pace so far, empty before there is a pace */
    public Optional<Duration> eta() {
        if (done == 0 || step == Step.CONTACTS) {
            return Optional.empty();
        }
        return Optional.of(Duration.ofMillis((long) (remaining() * 60_000.0 / perMinute())));
    }

    /** The steps of a sync, in order. */
    public enum Step {
        /** Reading the contact list. */
        CONTACTS,
        /** Reading names of friends and groups, a page at a time. */
        PROFILES,
        /** Reading each group's member list. */
        GROUPS,
        /** Finished. */
        DONE
    }
}
