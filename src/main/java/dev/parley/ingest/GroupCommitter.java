package dev.parley.ingest;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongConsumer;
import java.util.logging.Level;
import java.util.logging.Logger;

import dev.parley.message.InboundMessage;

import io.prometheus.metrics.model.registry.PrometheusRegistry;

/**
 * Group commit: many webhook requests share one database transaction, so acknowledging a message only
 * after it is durable costs one fsync per batch instead of one per message. Submitters get a future that
 * completes after the commit. One named thread drains whatever arrived while the previous transaction
 * ran (no artificial delay), which also makes it the single writer of {@code messages}: ids become
 * visible in increasing order, which the search index relies on when it tails the table.
 *
 * <p>A batch that fails is retried one submission at a time, so one poisoned request fails alone.
 */
public final class GroupCommitter implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(GroupCommitter.class.getName());

    private final BatchWriter writer;
    private final IngestMetrics metrics;
    private final LongConsumer onCommitted;
    private final int maxBatch;
    private final int maxQueued;
    private final BlockingQueue<Submission> queue = new LinkedBlockingQueue<>();
    private final AtomicInteger queued = new AtomicInteger();
    private final Thread thread;
    private volatile boolean accepting = true;

    private GroupCommitter(Builder builder) {
        this.writer = builder.writer;
        this.metrics = builder.metrics;
        this.onCommitted = builder.onCommitted;
        this.maxBatch = builder.maxBatch;
        this.maxQueued = builder.maxQueued;
        IngestMetrics.registerQueueDepth(builder.registry, queued::get);
        this.thread = new Thread(this::run, "parley-ingest-commit");
        thread.start();
    }

    /**
     * @param writer   writes batches
     * @param registry where the metrics go
     * @return a builder
     */
    public static Builder builder(BatchWriter writer, PrometheusRegistry registry) {
        return new Builder(writer, registry);
    }

    /**
     * Queues messages for the next commit.
     *
     * @param messages messages from one request
     * @return completes after the commit that made them durable, or exceptionally if it failed
     * @throws IngestRejectedException when the queue is full or the committer is closing
     */
    public CompletableFuture<IngestOutcome> submit(List<InboundMessage> messages) {
        if (!accepting) {
            throw new IngestRejectedException("ingestion is shutting down");
        }
        if (queued.addAndGet(messages.size()) > maxQueued) {
            queued.addAndGet(-messages.size());
            throw new IngestRejectedException("ingest queue is full (" + maxQueued + " messages)");
        }
        Submission submission = new Submission(List.copyOf(messages), new CompletableFuture<>());
        queue.add(submission);
        if (!accepting && queue.remove(submission)) {
            // close() raced us; the committer may already have drained the queue for the last time.
            queued.addAndGet(-messages.size());
            throw new IngestRejectedException("ingestion is shutting down");
        }
        return submission.result;
    }

    /** @return messages received and not yet committed */
    public int queueDepth() {
        return queued.get();
    }

    /** Stops accepting, commits everything already queued, and stops the thread; safe to call twice. */
    @Override
    public void close() {
        accepting = false;
        try {
            thread.join(TimeUnit.SECONDS.toMillis(30));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (thread.isAlive()) {
            LOG.warning("ingest committer did not finish within 30 s; " + queued.get() + " messages left uncommitted");
        }
    }

    private void run() {
        List<Submission> batch = new ArrayList<>();
        while (accepting || !queue.isEmpty()) {
            try {
                Submission first = queue.poll(100, TimeUnit.MILLISECONDS);
                if (first == null) {
                    continue;
                }
                batch.add(first);
                int count = first.messages.size();
                Submission next;
                while (count < maxBatch && (next = queue.poll()) != null) {
                    batch.add(next);
                    count += next.messages.size();
                }
                commit(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (RuntimeException e) {
                LOG.log(Level.SEVERE, "ingest committer error", e);
                batch.forEach(s -> s.result.completeExceptionally(e));
            } finally {
                batch.forEach(s -> queued.addAndGet(-s.messages.size()));
                batch.clear();
            }
        }
        Submission late;
        while ((late = queue.poll()) != null) {
            queued.addAndGet(-late.messages.size());
            late.result.completeExceptionally(new IngestRejectedException("ingestion is shutting down"));
        }
    }

    private void commit(List<Submission> batch) {
        List<InboundMessage> all = new ArrayList<>();
        batch.forEach(s -> all.addAll(s.messages));
        long started = System.nanoTime();
        BatchWriter.Written written;
        try {
            written = writer.write(all);
        } catch (RuntimeException e) {
            if (batch.size() == 1) {
                LOG.log(Level.WARNING, "ingest batch failed: " + e.getMessage(), e);
                batch.getFirst().result.completeExceptionally(e);
                return;
            }
            LOG.warning("ingest batch of " + batch.size() + " requests failed (" + e.getMessage()
                    + "); retrying them one by one");
            batch.forEach(s -> commit(List.of(s)));
            return;
        }
        long took = System.nanoTime() - started;
        metrics.commitTook(took);
        complete(batch, written.stored());
        if (written.maxId() > 0) {
            onCommitted.accept(written.maxId());
        }
        if (LOG.isLoggable(Level.FINE)) {
            LOG.fine("committed batch requests=" + batch.size() + " messages=" + all.size() + " new="
                    + written.stored().cardinality() + " ms=" + took / 1_000_000.0);
        }
    }

    private void complete(List<Submission> batch, BitSet stored) {
        int position = 0;
        for (Submission s : batch) {
            int fresh = 0;
            for (InboundMessage m : s.messages) {
                boolean isNew = stored.get(position++);
                if (isNew) {
                    fresh++;
                }
                String platform = m.platform().code();
                if (isNew) {
                    metrics.stored(platform, 1);
                } else {
                    metrics.duplicates(platform, 1);
                }
            }
            s.result.complete(new IngestOutcome(fresh, s.messages.size() - fresh));
        }
    }

    private record Submission(List<InboundMessage> messages, CompletableFuture<IngestOutcome> result) {
    }

    /** Configures a {@link GroupCommitter}. */
    public static final class Builder {
        private final BatchWriter writer;
        private final PrometheusRegistry registry;
        private IngestMetrics metrics;
        private LongConsumer onCommitted = id -> { };
        private int maxBatch = 1000;
        private int maxQueued = 50_000;

        private Builder(BatchWriter writer, PrometheusRegistry registry) {
            this.writer = writer;
            this.registry = registry;
        }

        /**
         * @param listener told the highest message id of every commit that stored something
         * @return this builder
         */
        public Builder onCommitted(LongConsumer listener) {
            this.onCommitted = listener;
            return this;
        }

        /**
         * @param messages most messages in one transaction
         * @return this builder
         */
        public Builder maxBatch(int messages) {
            this.maxBatch = messages;
            return this;
        }

        /**
         * @param messages most messages waiting; beyond that {@link #submit} refuses
         * @return this builder
         */
        public Builder maxQueued(int messages) {
            this.maxQueued = messages;
            return this;
        }

        /** @return a started committer */
        public GroupCommitter start() {
            metrics = IngestMetrics.register(registry);
            return new GroupCommitter(this);
        }
    }
}
