package dev.parley.card;

/**
 * How far a long job has come; shown as a bar on cards that are edited in place.
 *
 * @param done  units finished
 * @param total units in all, or 0 when unknown
 */
public record Progress(long done, long total) {
    /** @return the finished share in percent, 0–100, or -1 when the total is unknown */
    public int percent() {
        if (total <= 0) {
            return -1;
        }
        return (int) Math.min(100, Math.max(0, done * 100 / total));
    }
}
