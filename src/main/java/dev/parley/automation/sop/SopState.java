package dev.parley.automation.sop;

import java.util.Locale;

/** Where a broadcast task stands: {@code draft → running ⇄ paused → done}, or {@code cancelled} from any but done. */
enum SopState {
    /** Being written: steps can be added, nothing is sent. */
    DRAFT,
    /** Started: its sends go out as they fall due (its start may still be ahead). */
    RUNNING,
    /** Held by an admin; sends already handed to the queue still go. */
    PAUSED,
    /** Every send has ended. */
    DONE,
    /** Stopped by an admin; what had not been handed to the queue is not sent. */
    CANCELLED;

    /** @return the lower-case code stored and shown */
    String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    static SopState fromCode(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }
}
