package dev.parley.ai;

/**
 * The built-in provider: answers with the knowledge-base passage that matches the customer best, without any
 * LLM, so drafting works with no external service at all.
 */
public final class KbProvider implements ReplyProvider {
    /** Its name in configuration and on cards. */
    public static final String NAME = "kb";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String model() {
        return NAME;
    }

    @Override
    public Completion complete(Prompt prompt) throws ProviderException {
        if (prompt.passages().isEmpty()) {
            throw new ProviderException(DraftFailure.of(DraftFailure.KB_NO_MATCH));
        }
        return new Completion(prompt.passages().getFirst().text(), NAME, 0, 0);
    }
}
