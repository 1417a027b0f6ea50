package dev.parley.channel;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.parley.card.Card;
import dev.parley.command.LiveCards;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Delivers cards that nobody is waiting on — alerts into team chats, new versions of live cards — to the
 * chat platforms, so a slow or failing platform never blocks the rest of the service. Each channel has a
 * bounded queue and one named worker; transient failures are retried with back-off (or after the time the
 * platform asked for, see {@link RetryPolicy}); when several versions of one live card wait, only the newest is
 * sent. It also holds the one guard against an old version landing over an answer: each message has a generation,
 * raised whenever an answer replaces what the message shows ({@link #replacing}), and an edit queued under an older
 * generation is dropped; edits of one message, queued or shown at once ({@link #replaceNow}), run one at a time.
 * Outcomes are counted in {@code parley_channel_deliveries_total{channel,kind,result}}.
 */
public final class ChannelDeliveries implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ChannelDeliveries.class.getName());
    private static final int REMEMBERED_MESSAGES = 10_000;

    private final Map<String, Worker> workers = new ConcurrentHashMap<>();
    private final Map<String, SentCard> liveCards = new ConcurrentHashMap<>();
    private final Map<SentCard, Generation> generations = Recent.map(REMEMBERED_MESSAGES);
    private final int maxQueued;
    private final RetryPolicy retries;
    private final Counter deliveries;

    private ChannelDeliveries(Builder b) {
        this.maxQueued = b.maxQueued;
        this.retries = b.retries;
        this.deliveries = Counter.builder()
                .name("parley_channel_deliveries_total")
                .help("Cards delivered to chat platforms in the background, by channel, kind (post, edit) and result")
                .labelNames("channel", "kind", "result")
                .register(b.registry);
        GaugeWithCallback.builder()
                .name("parley_channel_queue_depth")
                .help("Cards waiting to be delivered to a chat platform")
                .labelNames("channel")
                .callback(cb -> workers.forEach((name, w) -> cb.call(w.depth(), name)))
                .register(b.registry);
    }

    /**
     * @param registry where the metrics go
     * @return a builder
     */
    public static Builder builder(PrometheusRegistry registry) {
        return new Builder(registry);
    }

    /**
     * Starts delivering for a channel.
     *
     * @param channel the channel
     */
    public void register(ChatChannel channel) {
        workers.computeIfAbsent(channel.name(), n -> new Worker(channel)).start();
    }

    /**
     * Follows a live card: its later versions are edited into the message that shows it.
     *
     * @param liveId the live card's id
     * @param sent   the message that shows it
     */
    public void track(String liveId, SentCard sent) {
        replacing(sent);
        liveCards.put(liveId, sent);
    }

    /**
     * A message is about to show another card (an answer replaces it in place): the live card it showed is no longer
     * edited into it, and its versions still waiting — or about to be sent — are dropped.
     *
     * @param sent the message
     */
    public void replacing(SentCard sent) {
        liveCards.values().removeIf(sent::equals);
        generation(sent).raise();
        Worker worker = workers.get(sent.channel());
        if (worker != null) {
            worker.dropEdits(sent);
        }
    }

    /**
     * Shows an answer in place of what a message shows, now, on the caller's thread, retrying as answers are: versions
     * of the old card still waiting are dropped, and one being sent finishes first.
     *
     * @param channel   the channel of the message
     * @param sent      the message
     * @param card      the answer
     * @param actionIds one action id per button
     * @param locale    its locale
     * @throws ChannelException     when it was not shown
     * @throws InterruptedException when interrupted while waiting to retry
     */
    public void replaceNow(ChatChannel channel, SentCard sent, Card card, List<String> actionIds, String locale)
            throws ChannelException, InterruptedException {
        replacing(sent);
        Generation generation = generation(sent);
        RetryPolicy.ANSWERS.run(() -> {
            synchronized (generation.edits) {
                channel.edit(sent, card, actionIds, locale);
            }
            return sent;
        });
    }

    /**
     * Hands a new version of a live card to the channel showing it, if any.
     *
     * @param snapshot the new version
     */
    public void liveCardChanged(LiveCards.Snapshot snapshot) {
        SentCard sent = liveCards.get(snapshot.id());
        if (sent == null) {
            return;
        }
        if (snapshot.finished()) {
            liveCards.remove(snapshot.id());
        }
        edit(sent, snapshot.card(), snapshot.actionIds(), snapshot.locale());
    }

    /**
     * Replaces a card posted earlier with a newer version, in the background; a version of the same message still
     * waiting is dropped.
     *
     * @param sent      where the card is shown
     * @param card      the new version
     * @param actionIds one action id per button
     * @param locale    its locale
     * @return whether it was queued
     */
    public boolean edit(SentCard sent, Card card, List<String> actionIds, String locale) {
        return enqueue(sent.channel(), new Job(null, sent, card, actionIds, locale, null, generation(sent).now()));
    }

    /**
     * Posts a card into a chat in the background.
     *
     * @param channel   the channel's name
     * @param chatId    the chat
     * @param card      the card
     * @param actionIds one action id per button
     * @param locale    its locale
     * @return whether it was queued (false when the channel is unknown or its queue is full)
     */
    public boolean post(String channel, String chatId, Card card, List<String> actionIds, String locale) {
        return post(channel, chatId, card, actionIds, locale, null);
    }

    /**
     * Posts a card into a chat in the background and says where it ended up, so it can be edited or replied to later.
     *
     * @param channel   the channel's name
     * @param chatId    the chat
     * @param card      the card
     * @param actionIds one action id per button
     * @param locale    its locale
     * @param posted    told where the card was posted, on the delivery thread; or {@code null}
     * @return whether it was queued (false when the channel is unknown or its queue is full)
     */
    public boolean post(String channel, String chatId, Card card, List<String> actionIds, String locale,
                        Consumer<SentCard> posted) {
        return enqueue(channel, new Job(chatId, null, card, actionIds, locale, posted, 0));
    }

    /** Stops the workers; what is still queued is dropped (it is not a record, and the log says how much). */
    @Override
    public void close() {
        workers.values().forEach(Worker::stop);
    }

    private boolean enqueue(String channel, Job job) {
        Worker worker = workers.get(channel);
        if (worker == null) {
            deliveries.labelValues(channel, job.kind(), "no_channel").inc();
            return false;
        }
        if (!worker.offer(job)) {
            deliveries.labelValues(channel, job.kind(), "dropped").inc();
            LOG.warning("the delivery queue of " + channel + " is full (" + maxQueued + "); a card was dropped");
            return false;
        }
        return true;
    }

    private Generation generation(SentCard sent) {
        return generations.computeIfAbsent(sent, s -> new Generation());
    }

    /**
     * How often an answer replaced what a message shows (read and raised without waiting), and the lock that orders
     * the edits of that message.
     */
    private static final class Generation {
        private final AtomicLong value = new AtomicLong();
        private final Object edits = new Object();

        long now() {
            return value.get();
        }

        void raise() {
            value.incrementAndGet();
        }
    }

    /**
     * A card to deliver: a new post ({@code chatId}, and who wants to know where it went) or an edit ({@code sent},
     * valid while the message's generation is still {@code generation}).
     */
    private record Job(String chatId, SentCard sent, Card card, List<String> actionIds, String locale,
                       Consumer<SentCard> posted, long generation) {
        String kind() {
            return sent == null ? "post" : "edit";
        }
    }

    /** The queue and the thread of one channel. */
    private final class Worker {
        private final ChatChannel channel;
        private final Deque<Job> queue = new ArrayDeque<>();
        private final Thread thread;
        private volatile boolean stopping;

        private Worker(ChatChannel channel) {
            this.channel = channel;
            this.thread = Thread.ofPlatform().daemon().name("parley-deliver-" + channel.name()).unstarted(this::run);
        }

        void start() {
            if (!thread.isAlive() && thread.getState() == Thread.State.NEW) {
                thread.start();
            }
        }

        synchronized boolean offer(Job job) {
            if (job.sent() != null) {
                dropEdits(job.sent()); // a newer version of a card replaces an older one still waiting
            }
            if (queue.size() >= maxQueued) {
                return false;
            }
            queue.addLast(job);
            notifyAll();
            return true;
        }

        synchronized void dropEdits(SentCard sent) {
            queue.removeIf(j -> sent.equals(j.sent()));
        }

        synchronized int depth() {
            return queue.size();
        }

        private synchronized Job take() throws InterruptedException {
            while (queue.isEmpty() && !stopping) {
                wait();
            }
            return queue.pollFirst();
        }

        void stop() {
            stopping = true;
            synchronized (this) {
                if (!queue.isEmpty()) {
                    LOG.info(queue.size() + " cards for " + channel.name() + " not delivered at shutdown");
                }
                queue.clear();
                notifyAll();
            }
            thread.interrupt();
        }

        private void run() {
            try {
                while (!stopping) {
                    Job job = take();
                    if (job != null) {
                        deliver(job);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        private void deliver(Job job) throws InterruptedException {
            try {
                SentCard posted = retries.run(() -> attempt(job),
                        (failure, attempt) -> deliveries.labelValues(channel.name(), job.kind(), "retried").inc());
                deliveries.labelValues(channel.name(), job.kind(), posted == null ? "superseded" : "ok").inc();
                if (posted != null && job.sent() == null && job.posted() != null) {
                    tell(job.posted(), posted);
                }
            } catch (ChannelException e) {
                deliveries.labelValues(channel.name(), job.kind(), "failed").inc();
                LOG.warning(channel.name() + " " + job.kind() + " failed: " + e.getMessage());
            } catch (RuntimeException e) {
                deliveries.labelValues(channel.name(), job.kind(), "failed").inc();
                LOG.log(Level.WARNING, channel.name() + " " + job.kind() + " failed", e);
            }
        }

        /** @return where the card is, or {@code null} when an answer replaced the message's card meanwhile */
        private SentCard attempt(Job job) throws ChannelException {
            if (job.sent() == null) {
                return channel.send(job.chatId(), job.card(), job.actionIds(), job.locale());
            }
            Generation generation = generation(job.sent());
            synchronized (generation.edits) {
                if (generation.now() != job.generation()) {
                    return null;
                }
                channel.edit(job.sent(), job.card(), job.actionIds(), job.locale());
                return job.sent();
            }
        }
    }

    private static void tell(Consumer<SentCard> listener, SentCard posted) {
        try {
            listener.accept(posted);
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "a card was posted to " + posted.channel() + " but where could not be noted", e);
        }
    }

    /** Configures {@link ChannelDeliveries}. */
    public static final class Builder {
        private final PrometheusRegistry registry;
        private int maxQueued = 1000;
        private RetryPolicy retries = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofMinutes(5));

        private Builder(PrometheusRegistry registry) {
            this.registry = registry;
        }

        /**
         * @param cards most cards waiting per channel; more are dropped and counted
         * @return this builder
         */
        public Builder maxQueued(int cards) {
            this.maxQueued = cards;
            return this;
        }

        /**
         * @param retries how failed deliveries are retried (5 tries, 1 s doubling, at most 5 min asked by default)
         * @return this builder
         */
        public Builder retries(RetryPolicy retries) {
            this.retries = retries;
            return this;
        }

        /** @return the deliveries */
        public ChannelDeliveries build() {
            return new ChannelDeliveries(this);
        }
    }
}
