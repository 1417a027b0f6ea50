package dev.parley.connector;

/**
 * How far a QR login got.
 *
 * @param state           the stage
 * @param nickname        the nickname of whoever scanned, once scanned
 * @param selfId          the account's own user id, once logged in
 * @param secondsLeft     seconds until the QR code expires, when the platform says
 */
public record LoginProgress(State state, String nickname, String selfId, Integer secondsLeft) {
    /** Stages of a QR login. */
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
