package dev.parley.ai;

/**
 * A provider gave no usable answer; its {@link DraftFailure} says why as a reason code and facts (never the key), so
 * the draft's card can say it in the reader's language.
 */
public final class ProviderException extends Exception {
    private static final long serialVersionUID = 1L;

    private final transient DraftFailure reason;

    /**
     * @param reason why, e.g. {@code provider_http} with the status and the attempts
     */
    public ProviderException(DraftFailure reason) {
        super(reason.toString());
        this.reason = reason;
    }

    /** @return why */
    public DraftFailure reason() {
        return reason;
    }
}
