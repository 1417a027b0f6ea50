package dev.parley.outbound;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.random.RandomGenerator;

import dev.parley.message.ChatType;

/**
 * The pace of one account: remembers its recent sends and says when the next message may go under {@link Pacing}.
 * Times are when sends finished, so the rules hold between the moments requests reach the platform too. The random
 * pause before another group is drawn once per send, so asking again gives the same answer. Thread-safe: the
 * account's worker records sends while commands ask for estimates.
 */
final class Pacer {
    private final Pacing pacing;
    private final RandomGenerator random;
    private final long warmupEnds;
    /** Finish times of the last {@code limit} sends, oldest first. */
    private final Deque<Long> recent = new ArrayDeque<>();
    private String lastChat;
    private long lastAt;
    private long groupGap;

    Pacer(Pacing pacing, RandomGenerator random) {
        this(pacing, random, Long.MIN_VALUE);
    }

    /**
     * @param pacing     the pace
     * @param random     the source of the random pauses
     * @param warmupEnds when the account's warm-up ends, epoch ms
     */
    Pacer(Pacing pacing, RandomGenerator random, long warmupEnds) {
        this.pacing = pacing;
        this.random = random;
        this.warmupEnds = warmupEnds;
        this.groupGap = pacing.groupGapMillis(random);
    }

    /**
     * @param chatId where the next message goes
     * @param type   private or group
     * @return the earliest time it may be sent, epoch ms (0 when nothing was sent yet)
     */
    synchronized long earliest(String chatId, ChatType type) {
        return earliest(chatId, type, recent, lastChat, lastAt, groupGap);
    }

    /**
     * Notes a call to the platform that is starting, so estimates made meanwhile count it.
     *
     * @param chatId where it goes
     * @param at     when it started, epoch ms
     */
    synchronized void starting(String chatId, long at) {
        lastChat = chatId;
        lastAt = at;
    }

    /**
     * Records a finished call to the platform (sent or not: the platform saw it either way).
     *
     * @param chatId where it went
     * @param at     when it finished, epoch ms
     */
    synchronized void sent(String chatId, long at) {
        remember(recent, at);
        lastChat = chatId;
        lastAt = at;
        groupGap = pacing.groupGapMillis(random);
    }

    /**
     * Estimates when the last of some queued messages will go, if they are sent in order at the expected pace
     * (the mean pause before another group).
     *
     * @param steps the queued messages up to the one of interest, in sending order
     * @param now   the present, epoch ms
     * @return when the last one is expected to be sent, epoch ms
     */
    synchronized long estimate(List<Step> steps, long now) {
        Deque<Long> times = new ArrayDeque<>(recent);
        String chat = lastChat;
        long at = lastAt;
        long gap = groupGap;
        long when = now;
        for (Step step : steps) {
            when = Math.max(Math.max(now, step.notBefore()), earliest(step.chatId(), step.type(), times, chat, at, gap));
            remember(times, when);
            chat = step.chatId();
            at = when;
            gap = pacing.meanGroupGapMillis();
        }
        return when;
    }

    private long earliest(String chatId, ChatType type, Deque<Long> times, String chat, long at, long gap) {
        if (chat == null) {
            return 0;
        }
        boolean otherGroup = type == ChatType.GROUP && !chatId.equals(chat);
        long earliest = at + (otherGroup ? gap : pacing.gap().toMillis());
        int limit = pacing.limitAt(earliest, warmupEnds);
        if (times.size() >= limit) {
            earliest = Math.max(earliest, times.stream().skip(times.size() - limit).findFirst().orElseThrow()
                    + pacing.window().toMillis());
        }
        return earliest;
    }

    private void remember(Deque<Long> times, long at) {
        times.addLast(at);
        while (times.size() > pacing.limit()) {
            times.removeFirst();
        }
    }

    /**
     * A queued message as pacing sees it.
     *
     * @param chatId    where it goes
     * @param type      private or group
     * @param notBefore its next attempt time (later than now after a transient failure), epoch ms
     */
    record Step(String chatId, ChatType type, long notBefore) {
    }
}
