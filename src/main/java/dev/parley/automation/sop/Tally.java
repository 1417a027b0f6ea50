package dev.parley.automation.sop;

/**
 * How a task's sends stand.
 *
 * @param pending   not handed to the queue yet
 * @param queued    handed to the queue, not sent yet
 * @param sent      sent
 * @param failed    refused by the platform, or impossible (account or template gone)
 * @param skipped   not sent on purpose (the chat opted out)
 * @param unknown   in doubt: Parley stopped during the platform call, so they are not repeated
 * @param cancelled not sent because the task was cancelled (or the message dropped from the queue)
 */
record Tally(int pending, int queued, int sent, int failed, int skipped, int unknown, int cancelled) {
    /** @return every send */
    int total() {
        return pending + queued + sent + failed + skipped + unknown + cancelled;
    }

    /** @return the sends still to go */
    int left() {
        return pending + queued;
    }
}
