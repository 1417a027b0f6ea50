package dev.parley.connector;

/**
 * How far a login got.
 *
 * @param state       the stage
 * @param nickname    the nickname of whoever scanned, once scanned
 * @param selfId      the account's own user id, once logged in
 * @param secondsLeft seconds until the QR code expires, when the platform says
 * @param qrData      a new QR code that replaces the one shown (platforms that rotate it), or {@code null}
 * @param pairingCode a pairing code to show instead of the QR code, once the platform issued it, or {@code null}
 */
public record LoginProgress(State state, String nickname, String selfId, Integer secondsLeft, String qrData,
                            String pairingCode) {
    /**
     * @param state       the stage
     * @param nickname    the nickname of whoever scanned, or {@code null}
     * @param selfId      the account's own user id, or {@code null}
     * @param secondsLeft seconds until the QR code expires, or {@code null}
     */
    public LoginProgress(State state, String nickname, String selfId, Integer secondsLeft) {
        this(state, nickname, selfId, secondsLeft, null, null);
    }

    /** Stages of a login. */
    public enum State {
        /** Nobody scanned yet. */
        WAITING,
        /** Scanned; waiting for the confirmation on the phone. */
        SCANNED,
        /** Logged in. */
        ONLINE,
        /** The QR code expired; a new one is needed. */
        EXPIRED
    }
}
