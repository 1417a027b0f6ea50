package dev.parley.ai;

import java.util.List;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import dev.parley.kb.KbEntry;
import dev.parley.kb.KnowledgeBase;
import dev.parley.rbac.Identity;

/**
 * Turns a customer's burst into a draft: builds the prompt (persona, the conversation from the store, the best
 * knowledge-base passages), asks the drafting provider unless a quota or the budget is used up, writes the ledger
 * row, stores the reply or the reason there is none, and posts the approval card. A burst that already has a draft is
 * not drafted again. On {@code auto}, a confident draft is sent at once and its card says so: one grounded in the
 * knowledge base, which from the {@code kb} provider must also cover enough of the customer's words
 * ({@code parley.ai.auto.kb.coverage}); any other draft waits for a human as on {@code draft}, its card saying why.
 * An LLM that answers {@link Prompt#NO_ANSWER} (the passages do not answer) fails the draft with that reason.
 */
public final class Drafter {
    private static final Logger LOG = Logger.getLogger(Drafter.class.getName());
    /** Who approves what {@code auto} mode sends. */
    static final Identity AUTO = new Identity("ai", "auto");

    private final AiSettings settings;
    private final AiModes modes;
    private final Conversations conversations;
    private final KnowledgeBase kb;
    private final DraftStore drafts;
    private final CostLedger ledger;
    private final DraftPoster poster;
    private final AiQuota quota;
    private final AiPauses pauses;
    private final DraftSender sender;

    /**
     * @param settings      providers and prompt settings
     * @param modes         which accounts draft
     * @param conversations the stored conversations
     * @param kb            the knowledge base
     * @param drafts        the drafts
     * @param ledger        the cost ledger
     * @param poster        posts approval cards
     * @param quota         stops drafting past the quotas and the budget
     * @param pauses        chats where a human has taken over
     * @param sender        sends drafts of accounts on {@code auto}
     */
    public Drafter(AiSettings settings, AiModes modes, Conversations conversations, KnowledgeBase kb, DraftStore drafts,
                   CostLedger ledger, DraftPoster poster, AiQuota quota, AiPauses pauses, DraftSender sender) {
        this.settings = settings;
        this.modes = modes;
        this.conversations = conversations;
        this.kb = kb;
        this.drafts = drafts;
        this.ledger = ledger;
        this.poster = poster;
        this.quota = quota;
        this.pauses = pauses;
        this.sender = sender;
    }

    /**
     * Drafts an answer to the chat's unanswered burst, when the chat's own mode (or else its account's) is not off and
     * no human has taken the chat over.
     *
     * @param accountId the account
     * @param chatId    the chat
     * @return the draft, unless there was nothing to draft
     */
    public Optional<Draft> draft(long accountId, String chatId) {
        AiMode mode = modes.mode(accountId, chatId);
        if (mode == AiMode.OFF || pauses.pausedUntil(accountId, chatId).isPresent()) {
            return Optional.empty();
        }
        Optional<Burst> burst = conversations.burst(accountId, chatId);
        if (burst.isEmpty()) {
            return Optional.empty();
        }
        Optional<Long> id = drafts.open(burst.get(), provider(accountId, chatId).name());
        if (id.isEmpty()) {
            return Optional.empty();
        }
        Draft draft = write(id.get(), burst.get(), mode == AiMode.AUTO);
        if (mode == AiMode.AUTO && draft.state() == DraftState.PENDING) {
            Optional<DraftFailure> doubt = doubt(draft);
            if (doubt.isPresent()) {
                drafts.note(draft.id(), doubt.get());
                draft = drafts.find(draft.id()).orElseThrow();
            } else if (drafts.approve(draft.id(), AUTO.toString())) {
                draft = sender.queue(draft.id(), AUTO).draft();
            }
        }
        return Optional.of(posted(draft));
    }

    /**
     * Why {@code auto} may not send a draft unseen: it is not grounded in the knowledge base, or (from the {@code kb}
     * provider, which cannot tell by itself) its passage covers too little of what the customer wrote. An LLM's own
     * doubt ({@link Prompt#NO_ANSWER}) already failed the draft.
     */
    private Optional<DraftFailure> doubt(Draft draft) {
        if (draft.sources() == null) {
            return Optional.of(DraftFailure.of(DraftFailure.NOT_GROUNDED));
        }
        if (!KbProvider.NAME.equals(draft.provider())) {
            return Optional.empty();
        }
        double coverage = kb.coverage(draft.customerText(), draft.draftText());
        if (coverage >= settings.autoCoverage()) {
            return Optional.empty();
        }
        return Optional.of(DraftFailure.of(DraftFailure.LOW_COVERAGE, "coverage", Math.round(coverage * 100),
                "min", Math.round(settings.autoCoverage() * 100)));
    }

    /**
     * Something newer than the chat's undecided drafts happened (the customer wrote again, or a human answered):
     * they go stale, and the cards of the shown ones are edited to say so, without buttons.
     *
     * @param accountId the account
     * @param chatId    the chat
     * @param messageId the newer message
     */
    public void supersede(long accountId, String chatId, long messageId) {
        drafts.staleBefore(accountId, chatId, messageId).forEach(poster::show);
    }

    /**
     * Asks the provider again for a draft that is pending or failed; whoever asked shows the result.
     *
     * @param draft the draft
     * @return the draft as it is now
     */
    public Draft regenerate(Draft draft) {
        return write(draft.id(), new Burst(draft.accountId(), draft.chatId(), draft.chatType(),
                draft.lastMessageId(), draft.lastMessageId(), draft.customerText()), false);
    }

    private Draft write(long id, Burst burst, boolean unattended) {
        AiQuota.Decision decision = quota.decide(burst.accountId());
        if (decision.refusal() != null) {
            drafts.fail(id, decision.refusal());
            return drafts.find(id).orElseThrow();
        }
        List<KbEntry> passages = kb.search(burst.text(), settings.passages());
        Prompt prompt = new Prompt(settings.persona(),
                conversations.recent(burst.accountId(), burst.chatId(), burst.lastMessageId(), settings.history()),
                burst.text(), passages, unattended);
        ReplyProvider provider = decision.fallback() != null ? settings.drafting(decision.fallback())
                : provider(burst.accountId(), burst.chatId());
        long started = System.nanoTime();
        try {
            Completion answer = provider.complete(prompt);
            ledger.record(provider, burst.accountId(), burst.chatId(), answer, elapsedMillis(started));
            if (answer.text().contains(Prompt.NO_ANSWER)) {
                drafts.fail(id, DraftFailure.of(DraftFailure.NO_ANSWER, "provider", provider.name()));
                return drafts.find(id).orElseThrow();
            }
            String sources = passages.stream().map(p -> String.valueOf(p.id())).collect(Collectors.joining(","));
            drafts.propose(id, answer.text(), sources.isEmpty() ? null : sources, provider.name());
        } catch (ProviderException e) {
            ledger.record(provider, burst.accountId(), burst.chatId(), null, elapsedMillis(started));
            LOG.warning("draft #" + id + " failed: " + e.getMessage());
            drafts.fail(id, e.reason());
        }
        return drafts.find(id).orElseThrow();
    }

    /** Shows a draft that waits for a human, failed, or was sent automatically; one decided meanwhile is not shown. */
    private Draft posted(Draft draft) {
        if (draft.state() == DraftState.PENDING || draft.state() == DraftState.FAILED
                || draft.state() == DraftState.SENT) {
            poster.show(draft);
        }
        return draft;
    }

    private ReplyProvider provider(long accountId, String chatId) {
        return settings.drafting(modes.provider(accountId, chatId).orElse(null));
    }

    private static long elapsedMillis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
