package dev.parley.channel;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import dev.parley.card.Card;

/**
 * A chat channel that records what it is asked to post, edit and send as a file, for tests of the core's delivery logic.
 * The platform adapters are tested against wire-level fakes of their platforms instead.
 */
final class RecordingChannel implements ChatChannel {
    /** One post or edit. */
    record Delivery(String kind, String chatId, String messageId, Card card, List<String> actionIds, String locale) {
    }

    private final String name;
    private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    private final AtomicInteger ids = new AtomicInteger();
    private final AtomicInteger transientFailures = new AtomicInteger();
    private volatile Duration retryAfter;
    private volatile boolean permanentFailure;
    private volatile CountDownLatch gate;

    RecordingChannel(String name) {
        this.name = name;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public SentCard send(String chatId, Card card, List<String> actionIds, String locale) throws ChannelException {
        passGate();
        failIfAsked();
        String id = "m" + ids.incrementAndGet();
        deliveries.add(new Delivery("post", chatId, id, card, actionIds, locale));
        return new SentCard(name, chatId, id);
    }

    @Override
    public void edit(SentCard sent, Card card, List<String> actionIds, String locale) throws ChannelException {
        passGate();
        failIfAsked();
        deliveries.add(new Delivery("edit", sent.chatId(), sent.messageId(), card, actionIds, locale));
    }

    @Override
    public void sendFile(String chatId, dev.parley.card.CardFile file) throws ChannelException {
        passGate();
        failIfAsked();
        deliveries.add(new Delivery("file", chatId, null, Card.builder(file.name()).file(file).build(), List.of(), null));
    }

    List<Delivery> deliveries() {
        return deliveries;
    }

    /** The next {@code times} calls fail transiently, asking to wait {@code after}. */
    void failTransiently(int times, Duration after) {
        transientFailures.set(times);
        retryAfter = after;
    }

    void failPermanently(boolean fail) {
        permanentFailure = fail;
    }

    /** Calls wait until the returned latch is counted down. */
    CountDownLatch hold() {
        gate = new CountDownLatch(1);
        return gate;
    }

    private void passGate() {
        CountDownLatch g = gate;
        if (g != null) {
            try {
                g.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void failIfAsked() throws ChannelException {
        if (permanentFailure) {
            throw ChannelException.permanent("bot was removed from the chat", null);
        }
        if (transientFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw ChannelException.retryable("429 Too Many Requests", null, retryAfter);
        }
    }
}
