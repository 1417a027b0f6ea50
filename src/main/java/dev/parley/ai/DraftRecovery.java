package dev.parley.ai;

import java.util.Optional;
import java.util.logging.Logger;

/**
 * Finishes at start what a crash interrupted: a draft left {@code approved} (Send took it, its reply was not yet
 * recorded as queued) is linked to its outbound row when that row exists, else queued now — once, since the row is
 * looked for first; a draft left {@code drafting} (the provider was being asked) becomes {@code failed} with the
 * reason, and its card is posted so a human can Regenerate, Edit or Reject it.
 */
public final class DraftRecovery {
    private static final Logger LOG = Logger.getLogger(DraftRecovery.class.getName());

    private final DraftStore drafts;
    private final DraftSender sender;
    private final DraftPoster poster;

    /**
     * @param drafts the drafts
     * @param sender queues approved drafts
     * @param poster posts the cards of drafts that failed
     */
    public DraftRecovery(DraftStore drafts, DraftSender sender, DraftPoster poster) {
        this.drafts = drafts;
        this.sender = sender;
        this.poster = poster;
    }

    /** Runs once at start, after the outbound queue started and before drafting does. */
    public void run() {
        for (Draft draft : drafts.inState(DraftState.APPROVED)) {
            Optional<Long> queued = drafts.queuedAs(draft);
            if (queued.isPresent()) {
                drafts.sent(draft.id(), queued.get());
                LOG.warning("draft #" + draft.id() + " was approved when Parley stopped; it was already queued as"
                        + " outbound #" + queued.get());
            } else {
                LOG.warning("draft #" + draft.id() + " was approved when Parley stopped; it is now queued as"
                        + " outbound #" + sender.requeue(draft));
            }
        }
        for (Draft draft : drafts.inState(DraftState.DRAFTING)) {
            if (drafts.fail(draft.id(), DraftFailure.of(DraftFailure.PARLEY_STOPPED))) {
                drafts.find(draft.id()).ifPresent(poster::show);
                LOG.warning("draft #" + draft.id() + " was being written when Parley stopped; it is marked failed");
            }
        }
    }
}
