package dev.parley.ai;

import java.time.InstantSource;
import java.util.List;

import dev.parley.account.AccountStore;
import dev.parley.message.ChatType;
import dev.parley.message.Direction;
import dev.parley.message.MessageStore;
import dev.parley.outbound.OutboundQueue;
import dev.parley.outbound.OutboundRequest;
import dev.parley.outbound.Recipient;
import dev.parley.outbound.ReplyMention;
import dev.parley.outbound.ReplyWindows;
import dev.parley.rbac.Identity;

/**
 * Puts an approved draft's text into its account's paced outbound queue, as a reply to the customer's last message
 * (in a group, mentioning the member who wrote it, as {@code /reply} does), and records the outbound id and how long approval took. Used by Send and Edit, and by {@code auto} mode.
 */
public final class DraftSender {
    private final DraftStore drafts;
    private final OutboundQueue outbound;
    private final AiMetrics metrics;
    private final InstantSource clock;
    private final MessageStore messages;
    private final ReplyMention mention;
    private final AccountStore accounts;
    private final ReplyWindows windows;

    /**
     * @param drafts        the drafts
     * @param outbound      the outbound queue
     * @param metrics       records approval latency
     * @param clock         source of "now"
     * @param messages      tells who wrote the message a draft answers
     * @param mention       mentions them in a group
     * @param accounts      the drafts' accounts
     * @param windows       refuses a reply the platform would refuse (the person's reply window is closed)
     */
    public DraftSender(DraftStore drafts, OutboundQueue outbound, AiMetrics metrics, InstantSource clock,
                       MessageStore messages, ReplyMention mention, AccountStore accounts, ReplyWindows windows) {
        this.drafts = drafts;
        this.outbound = outbound;
        this.metrics = metrics;
        this.clock = clock;
        this.messages = messages;
        this.mention = mention;
        this.accounts = accounts;
        this.windows = windows;
    }

    /**
     * Asked before a draft is approved, so a draft the platform would refuse stays undecided.
     *
     * @param draft a draft about to be approved
     * @throws dev.parley.command.CommandException when its customer's reply window is closed (Cloud API: 24 hours
     *                                             after they last wrote); the answer names templates to send instead
     */
    public void requireWindow(Draft draft) {
        accounts.find(draft.accountId()).ifPresent(account -> windows.requireOpen(account, draft.chatId()));
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
        ReplyMention.Mentioned reply = addressed(draft);
        OutboundQueue.Enqueued queued = outbound.enqueue(new OutboundRequest(draft.accountId(), draft.chatId(),
                draft.chatType(), reply.text(), reply.mentions(), by, draft.lastMessageId()));
        drafts.sent(draft.id(), queued.id());
        return queued;
    }

    /** In a group, the reply mentions the member whose message it answers (when their name is known). */
    private ReplyMention.Mentioned addressed(Draft draft) {
        if (draft.chatType() != ChatType.GROUP) {
            return new ReplyMention.Mentioned(draft.draftText(), List.of());
        }
        return messages.find(draft.lastMessageId()).filter(asked -> asked.direction() == Direction.IN)
                .map(asked -> mention.to(draft.accountId(), new Recipient(draft.chatId(), null, ChatType.GROUP),
                        asked.senderId(), asked.senderName(), draft.draftText()))
                .orElse(new ReplyMention.Mentioned(draft.draftText(), List.of()));
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
