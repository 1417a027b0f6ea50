package dev.parley.channel;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
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
 * platform asked for); when several versions of one live card wait, only the newest is sent. Outcomes are
 * counted in {@code parley_channel_deliveries_total{channel,kind,result}}.
 */
public final class ChannelDeliveries implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(ChannelDeliveries.class.getName());

    private final Map<String, Worker> workers = new ConcurrentHashMap<>();
    private final Map<String, SentCard> liveCards = new ConcurrentHashMap<>();
    private final int maxQueued;
    private final int maxAttempts;
    private final Duration firstBackoff;
    private final Counter deliveries;

    private ChannelDeliveries(Builder b) {
        this.maxQueued = b.maxQueued;
        this.maxAttempts = b.maxAttempts;
        this.firstBackoff = b.firstBackoff;
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
        forget(sent);
        liveCards.put(liveId, sent);
    }

    /**
     * A message now shows another card (an answer replaced it in place): the live card it showed is no longer
     * edited into it, and its versions still waiting are dropped.
     *
     * @param sent the message
     */
    public void forget(SentCard sent) {
        liveCards.values().removeIf(sent::equals);
        Worker worker = workers.get(sent.channel());
        if (worker != null) {
            worker.dropEdits(sent);
        }
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
        return enqueue(sent.channel(), new Job(null, sent, card, actionIds, locale, null));
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
        return enqueue(channel, new Job(chatId, null, card, actionIds, locale, posted));
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

    /**
     * A card to deliver: a new post ({@code chatId}, and who wants to know where it went) or an edit ({@code sent}).
     */
    private record Job(String chatId, SentCard sent, Card card, List<String> actionIds, String locale,
                       Consumer<SentCard> posted) {
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
            Duration wait = firstBackoff;
            for (int attempt = 1; ; attempt++) {
                try {
                    SentCard posted = null;
                    if (job.sent() == null) {
                        posted = channel.send(job.chatId(), job.card(), job.actionIds(), job.locale());
                    } else {
                        channel.edit(job.sent(), job.card(), job.actionIds(), job.locale());
                    }
                    deliveries.labelValues(channel.name(), job.kind(), "ok").inc();
                    if (posted != null && job.posted() != null) {
                        tell(job.posted(), posted);
                    }
                    return;
                } catch (ChannelException e) {
                    if (!e.isTransient() || attempt >= maxAttempts) {
                        deliveries.labelValues(channel.name(), job.kind(), "failed").inc();
                        LOG.warning(channel.name() + " " + job.kind() + " failed after " + attempt + " attempt(s): "
                                + e.getMessage());
                        return;
                    }
                    deliveries.labelValues(channel.name(), job.kind(), "retried").inc();
                    Duration pause = e.retryAfter() != null ? e.retryAfter() : wait;
                    Thread.sleep(pause.toMillis());
                    wait = wait.multipliedBy(2);
                } catch (RuntimeException e) {
                    deliveries.labelValues(channel.name(), job.kind(), "failed").inc();
                    LOG.log(Level.WARNING, channel.name() + " " + job.kind() + " failed", e);
                    return;
                }
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
        private int maxAttempts = 5;
        private Duration firstBackoff = Duration.ofSeconds(1);

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
         * @param attempts     tries per card
         * @param firstBackoff pause before the second, doubling after
         * @return this builder
         */
        public Builder retries(int attempts, Duration firstBackoff) {
            this.maxAttempts = attempts;
            this.firstBackoff = firstBackoff;
            return this;
        }

        /** @return the deliveries */
        public ChannelDeliveries build() {
            return new ChannelDeliveries(this);
        }
    }
}
