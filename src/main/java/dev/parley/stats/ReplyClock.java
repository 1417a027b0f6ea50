package dev.parley.stats;

import java.util.Arrays;

/**
 * Measures response times in private chats from messages fed chat by chat, oldest first: a reply's delay runs
 * from the first customer message not yet answered to the account's next message in that chat. Later customer
 * messages before the reply do not restart the clock; account messages with nothing to answer are not replies.
 * A chat whose clock is still running at its end is an unanswered conversation.
 */
final class ReplyClock {
    private String chat;
    private long waitingSince = -1;
    private long[] delays = new long[64];
    private int count;
    private long unanswered;

    void message(String chatId, boolean out, long sentAt) {
        if (!chatId.equals(chat)) {
            endChat();
            chat = chatId;
        }
        if (!out && waitingSince < 0) {
            waitingSince = sentAt;
        } else if (out && waitingSince >= 0) {
            if (count == delays.length) {
                delays = Arrays.copyOf(delays, count * 2);
            }
            delays[count++] = sentAt - waitingSince;
            waitingSince = -1;
        }
    }

    Percentiles delays() {
        endChat();
        return Percentiles.of(Arrays.copyOf(delays, count));
    }

    long unanswered() {
        endChat();
        return unanswered;
    }

    private void endChat() {
        if (waitingSince >= 0) {
            unanswered++;
        }
        waitingSince = -1;
    }
}
