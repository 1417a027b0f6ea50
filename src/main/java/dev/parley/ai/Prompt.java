package dev.parley.ai;

import java.util.List;

import dev.parley.kb.KbEntry;

/**
 * What a provider is asked: the account's persona, the conversation so far (oldest first, ending with the
 * customer's burst), and the knowledge-base passages that match the burst best.
 *
 * @param persona      who the account is and how it answers
 * @param conversation the last messages of the chat
 * @param question     the customer's burst, the text the passages were searched with
 * @param passages     the best knowledge-base passages, best first
 * @param unattended   whether the reply may go out without a human reading it ({@code auto}): then an LLM is asked
 *                     to say {@link #NO_ANSWER} rather than guess; a human approving a draft is better served by a
 *                     best effort to edit
 */
public record Prompt(String persona, List<Turn> conversation, String question, List<KbEntry> passages,
                     boolean unattended) {
    /**
     * What an LLM is told to answer, exactly, when the passages do not answer the customer and nobody will read the
     * reply first: such a draft is not confident and is never sent unseen.
     */
    public static final String NO_ANSWER = "[NO_ANSWER]";

    /** Copies the lists. */
    public Prompt {
        conversation = List.copyOf(conversation);
        passages = List.copyOf(passages);
    }

    /**
     * One message of the conversation.
     *
     * @param fromCustomer whether the customer wrote it (else the account did)
     * @param text         its text
     */
    public record Turn(boolean fromCustomer, String text) {
    }
}
