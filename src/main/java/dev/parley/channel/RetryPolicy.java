package dev.parley.channel;

import java.time.Duration;

/**
 * How often and how patiently a card is offered again to a chat platform that failed transiently: the pause the
 * platform asked for (a 429's retry-after), else a back-off doubling from {@code firstPause}; a pause longer than
 * {@code longestPause} gives up at once, so nothing waits without bound. One policy serves the answers people wait
 * for (few attempts, short pauses) and the background deliveries (more attempts, longer pauses).
 *
 * @param attempts     tries in all, at least 1
 * @param firstPause   the pause before the second try, doubling after
 * @param longestPause the longest pause worth waiting; a longer one ends the retries
 */
public record RetryPolicy(int attempts, Duration firstPause, Duration longestPause) {
    /** For answers someone is waiting for: 3 tries, 1 s then 2 s apart, at most 30 s asked by the platform. */
    public static final RetryPolicy ANSWERS = new RetryPolicy(3, Duration.ofSeconds(1), Duration.ofSeconds(30));

    /** Rejects a policy that never tries. */
    public RetryPolicy {
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be at least 1: " + attempts);
        }
    }

    /**
     * Runs a call, retrying transient failures as the policy allows.
     *
     * @param call   the call
     * @param <T>    what it returns
     * @return what the call returned
     * @throws ChannelException     the last failure, when the call did not succeed
     * @throws InterruptedException when interrupted while pausing
     */
    public <T> T run(Call<T> call) throws ChannelException, InterruptedException {
        return run(call, (failure, attempt) -> { });
    }

    /**
     * Runs a call, retrying transient failures as the policy allows and telling {@code retrying} before each pause.
     *
     * @param call     the call
     * @param retrying told of each failure that will be retried, with the attempt that failed
     * @param <T>      what it returns
     * @return what the call returned
     * @throws ChannelException     the last failure, when the call did not succeed
     * @throws InterruptedException when interrupted while pausing
     */
    public <T> T run(Call<T> call, Retrying retrying) throws ChannelException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return call.run();
            } catch (ChannelException e) {
                Duration pause = pauseAfter(e, attempt);
                if (pause == null) {
                    throw e;
                }
                retrying.failed(e, attempt);
                Thread.sleep(pause);
            }
        }
    }

    /**
     * @param failure what failed
     * @param attempt the attempt that failed, from 1
     * @return the pause before the next attempt, or {@code null} when there is none
     */
    public Duration pauseAfter(ChannelException failure, int attempt) {
        if (!failure.isTransient() || attempt >= attempts) {
            return null;
        }
        Duration pause = failure.retryAfter() != null ? failure.retryAfter()
                : firstPause.multipliedBy(1L << Math.min(attempt - 1, 20));
        return pause.compareTo(longestPause) > 0 ? null : pause;
    }

    /** A call to a chat platform. */
    @FunctionalInterface
    public interface Call<T> {
        /**
         * @return its result
         * @throws ChannelException when it failed
         */
        T run() throws ChannelException;
    }

    /** Told of a failure about to be retried. */
    @FunctionalInterface
    public interface Retrying {
        /**
         * @param failure what failed
         * @param attempt the attempt that failed, from 1
         */
        void failed(ChannelException failure, int attempt);
    }
}
