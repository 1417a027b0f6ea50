package dev.parley.ai;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import dev.parley.card.Card;
import dev.parley.channel.ChatChannel;
import dev.parley.channel.SentCard;

/** A chat channel that keeps the cards posted to it, standing in for the Telegram or Feishu chat that approves drafts. */
final class CardInbox implements ChatChannel {
    private final String name;
    private final List<Posted> posted = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger arriving = new AtomicInteger();
    private volatile CountDownLatch gate = new CountDownLatch(0);

    CardInbox(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SentCard send(String chatId, Card card, List<String> actionIds, String locale) {
        arriving.incrementAndGet();
        try {
            gate.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        SentCard sent = new SentCard(name, chatId, "m" + ids.incrementAndGet());
        posted.add(new Posted(chatId, sent.messageId(), false, card, actionIds, locale));
        return sent;
    }

    @Override
    public void edit(SentCard sent, Card card, List<String> actionIds, String locale) {
        posted.add(new Posted(sent.chatId(), sent.messageId(), true, card, actionIds, locale));
    }

    @Override
    public void sendFile(String chatId, dev.parley.card.CardFile file) {
        throw new UnsupportedOperationException("drafts come without files");
    }

    /** Cards sent from now on wait, as on a slow platform, until {@link #release}. */
    void hold() {
        gate = new CountDownLatch(1);
    }

    /** Lets the cards held back through. */
    void release() {
        gate.countDown();
    }

    /** @return how many cards were handed to this channel to post, including those held back */
    int arriving() {
        return arriving.get();
    }

    List<Posted> posted() {
        return posted;
    }

    /**
     * @param label a button's label
     * @return the action id of that button on the latest card
     */
    String action(String label) {
        Posted last = posted.getLast();
        for (int i = 0; i < last.card().buttons().size(); i++) {
            if (last.card().buttons().get(i).label().equals(label)) {
                return last.actionIds().get(i);
            }
        }
        throw new AssertionError("no button " + label + " on " + last.card());
    }

    /** One card as posted, or as a message was edited to show it. */
    record Posted(String chatId, String messageId, boolean edit, Card card, List<String> actionIds, String locale) {
        /** @return the message as the channel names it */
        SentCard sent(String channel) {
            return new SentCard(channel, chatId, messageId);
        }
    }
}
