package dev.parley.ai;

import java.time.InstantSource;
import java.util.List;

import dev.parley.outbound.OutboundQueue;
import dev.parley.outbound.OutboundRequest;
import dev.parley.rbac.Identity;

/**
 * Puts an approved draft's text into its account's paced outbound queue, as a reply to the customer's last message,
 * and records the outbound id and how long approval took. Used by Send and Edit, and by {@code auto} mode.
 */
public final class DraftSender {
    private final DraftStore drafts;
    private final OutboundQueue outbound;
    private final AiMetrics metrics;
    private final InstantSource clock;

    /**
     * @param drafts   the drafts
     * @param outbound the outbound queue
     * @param metrics  records approval latency
     * @param clock    source of "now"
     */
    public DraftSender(DraftStore drafts, OutboundQueue outbound, AiMetrics metrics, InstantSource clock) {
        this.drafts = drafts;
        this.outbound = outbound;
        this.metrics = metrics;
        this.clock = clock;
    }

    /**
     * @param id an approved draft (read again here: an approved draft's text can no longer change)
     * @param by who approved it
     * @return the draft as it is now (sent), and where it is queued
     */
    public Queued queue(long id, Identity by) {
        Draft draft = drafts.find(id).orElseThrow();
        OutboundQueue.Enqueued queued = enqueue(draft, by);
        if (!Drafter.AUTO.equals(by)) {
            metrics.approved(clock.millis() - draft.createdAt());
        }
        return new Queued(drafts.find(id).orElseThrow(), queued);
    }

    /**
     * Queues a draft approved before a crash that stopped Parley before its reply was queued, in the name of whoever
     * approved it (its approval latency is not measured again).
     *
     * @param draft an approved draft with no outbound row
     * @return the outbound id
     */
    public long requeue(Draft draft) {
        return enqueue(draft, Identity.parse(draft.decidedBy()).orElse(Drafter.AUTO)).id();
    }

    private OutboundQueue.Enqueued enqueue(Draft draft, Identity by) {
        OutboundQueue.Enqueued queued = outbound.enqueue(new OutboundRequest(draft.accountId(), draft.chatId(),
                draft.chatType(), draft.draftText(), List.of(), by, draft.lastMessageId()));
        drafts.sent(draft.id(), queued.id());
        return queued;
    }

    /**
     * A draft in the outbound queue.
     *
     * @param draft  the draft
     * @param queued its outbound id and place
     */
    public record Queued(Draft draft, OutboundQueue.Enqueued queued) {
    }
}
