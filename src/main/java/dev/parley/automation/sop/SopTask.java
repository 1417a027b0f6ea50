package dev.parley.automation.sop;

/**
 * One broadcast task.
 *
 * @param id          its id
 * @param name        its name, as stored (lower case)
 * @param accountId   the sending account, or {@code null} for every account
 * @param target      the recipients as typed ({@code tag:vip}, {@code group:客户群1,客户群2}, …)
 * @param startsAt    when a one-off task's steps count from, epoch ms; {@code null} until started unless {@code at:}
 *                    set it
 * @param every       when a repeating task runs ({@link Recurrence#text()}), or {@code null}
 * @param afterJoinMs how long after each member's join an after-join task's steps count from, or {@code null}
 * @param watermark   a repeating task's last occurrence run, an after-join task's last join read
 *                    ({@code group_events.id}); 0 for a one-off task
 * @param state       where it stands
 * @param createdBy   who created it
 * @param createdAt   when
 * @param startedBy   who started it, or {@code null}
 * @param startedAt   when, or {@code null}
 * @param endedAt     when it ended (done or cancelled), or {@code null}
 */
record SopTask(long id, String name, Long accountId, String target, Long startsAt, String every, Long afterJoinMs,
               long watermark, SopState state, String createdBy, long createdAt, String startedBy, Long startedAt,
               Long endedAt) {
    /** @return whether it ended, done or cancelled */
    boolean ended() {
        return state == SopState.DONE || state == SopState.CANCELLED;
    }

    /**
     * @param tally its sends now
     * @param now   epoch ms
     * @return sends that ended with the platform (sent, failed, in doubt) per minute since its start, 0 before
     */
    double perMinute(Tally tally, long now) {
        long since = Math.max(startsAt == null ? now : startsAt, startedAt == null ? now : startedAt);
        return now > since ? (tally.sent() + tally.failed() + tally.unknown()) * 60_000.0 / (now - since) : 0;
    }

    /** @return how it runs */
    Kind kind() {
        if (every != null) {
            return Kind.EVERY;
        }
        return afterJoinMs != null ? Kind.AFTER_JOIN : Kind.ONCE;
    }

    /** How a task runs. */
    enum Kind {
        /** Once, for the chats matching when it starts; done when every send ended. */
        ONCE,
        /** At each occurrence of {@code every:}, for the chats matching then; until cancelled. */
        EVERY,
        /** For each member who joins one of its groups, in the group; until cancelled. */
        AFTER_JOIN
    }
}
