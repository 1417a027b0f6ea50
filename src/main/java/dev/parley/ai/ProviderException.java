package dev.parley.ai;

/** A provider gave no usable answer; the message says why in words an admin can act on, never with the key. */
public final class ProviderException extends Exception {
    private static final long serialVersionUID = 1L;

    /**
     * @param message why, e.g. {@code HTTP 503 after 3 attempts}
     */
    public ProviderException(String message) {
        super(message);
    }
}
