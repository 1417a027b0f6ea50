package dev.parley.automation.sop;

/**
 * One broadcast task.
 *
 * @param id        its id
 * @param name      its name, as stored (lower case)
 * @param accountId the sending account, or {@code null} for every account
 * @param target    the recipients as typed ({@code tag:vip}, {@code group:客户群1,客户群2}, …)
 * @param startsAt  when its steps count from, epoch ms; {@code null} until started unless {@code at:} set it
 * @param state     where it stands
 * @param createdBy who created it
 * @param createdAt when
 * @param startedBy who started it, or {@code null}
 * @param startedAt when, or {@code null}
 * @param endedAt   when it ended (done or cancelled), or {@code null}
 */
record SopTask(long id, String name, Long accountId, String target, Long startsAt, SopState state, String createdBy,
               long createdAt, String startedBy, Long startedAt, Long endedAt) {
    /** @return whether it ended, done or cancelled */
    boolean ended() {
        return state == SopState.DONE || state == SopState.CANCELLED;
    }
}
