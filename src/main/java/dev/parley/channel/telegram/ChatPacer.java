package dev.parley.channel.telegram;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.parley.channel.ChannelException;

/**
 * Keeps Parley inside Telegram's flood limits before Telegram has to say 429: about one message a second
 * per private chat (short bursts allowed), 20 a minute per group, about 30 a second overall. Each is a token
 * bucket; a send waits for its tokens, or, when the wait would be long, fails as transient with that wait so
 * the background deliveries retry later instead of holding a thread. A 429 empties the chat's bucket for the
 * time Telegram asked.
 */
final class ChatPacer {
    private static final int MAX_CHATS = 10_000;

    private final Bucket overall = new Bucket(30, 30);
    private final Map<String, Bucket> chats = new ConcurrentHashMap<>();
    private final Duration longestWait;

    /**
     * @param longestWait the longest a send waits here; longer waits fail as transient
     */
    ChatPacer(Duration longestWait) {
        this.longestWait = longestWait;
    }

    /**
     * Waits until a message may be sent to the chat.
     *
     * @param chatId the chat (group ids are negative)
     * @throws ChannelException     when the wait would be longer than allowed
     * @throws InterruptedException when interrupted while waiting
     */
    void await(String chatId) throws ChannelException, InterruptedException {
        if (chats.size() > MAX_CHATS) {
            chats.values().removeIf(Bucket::idle);
        }
        Bucket chat = chats.computeIfAbsent(chatId, id -> id.startsWith("-") ? new Bucket(5, 20.0 / 60) : new Bucket(3, 1));
        long chatWait = chat.reserve(longestWait);
        long waitNanos = chatWait < 0 ? chatWait : Math.max(chatWait, overall.reserve(longestWait));
        if (waitNanos < 0) {
            throw ChannelException.retryable("Telegram flood limit of chat " + chatId, null,
                    Duration.ofNanos(-waitNanos));
        }
        if (waitNanos > 0) {
            Thread.sleep(Duration.ofNanos(waitNanos));
        }
    }

    /**
     * Telegram answered 429 for a chat: nothing more goes there until {@code after} has passed.
     *
     * @param chatId the chat
     * @param after  how long Telegram asked to wait
     */
    void throttled(String chatId, Duration after) {
        Bucket chat = chats.get(chatId);
        if (chat != null) {
            chat.block(after);
        }
    }

    /** A token bucket that hands out reservations. */
    private static final class Bucket {
        private final double capacity;
        private final double perSecond;
        private double tokens;
        private long updated = System.nanoTime();

        Bucket(double capacity, double perSecond) {
            this.capacity = capacity;
            this.perSecond = perSecond;
            this.tokens = capacity;
        }

        /** @return nanoseconds to wait for a token (taken), or minus the wait when it is too long (not taken) */
        synchronized long reserve(Duration longest) {
            refill();
            long wait = tokens >= 1 ? 0 : (long) ((1 - tokens) / perSecond * 1e9);
            if (wait > longest.toNanos()) {
                return -wait;
            }
            tokens -= 1;
            return wait;
        }

        synchronized void block(Duration after) {
            refill();
            tokens = Math.min(tokens, 1 - after.toNanos() / 1e9 * perSecond); // the next token comes after `after`
        }

        synchronized boolean idle() {
            refill();
            return tokens >= capacity;
        }

        private void refill() {
            long now = System.nanoTime();
            tokens = Math.min(capacity, tokens + (now - updated) / 1e9 * perSecond);
            updated = now;
        }
    }
}
