package dev.parley.ai;

/** Something that drafts a reply from a prompt: an OpenAI-compatible endpoint, or the knowledge base itself. */
public interface ReplyProvider {
    /** @return the provider's configured name, as the ledger and cards show it */
    String name();

    /** @return the model it asks, as the ledger records it */
    String model();

    /**
     * @param prompt what to answer
     * @return the proposed reply
     * @throws ProviderException when there is no usable answer
     */
    Completion complete(Prompt prompt) throws ProviderException;
}
