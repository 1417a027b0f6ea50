package dev.parley.media;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.random.RandomGenerator;

import dev.parley.account.Account;
import dev.parley.account.AccountStore;
import dev.parley.command.CommandException;
import dev.parley.connector.AccountConnector;
import dev.parley.connector.ConnectorException;
import dev.parley.connector.Connectors;
import dev.parley.connector.MediaLink;
import dev.parley.connector.MediaRef;
import dev.parley.message.StoredMessage;

/**
 * The paced download queue. Downloading media is a platform call that WeChat watches (eager or rapid downloads get
 * accounts kicked offline), so media is fetched only when an admin asks, one download at a time, a random pause
 * apart, and each message once: a message already downloading is not queued again, and a downloaded one is served
 * from {@link MediaCache}. One named thread, {@code parley-media-download}, does the work.
 */
public final class MediaDownloads implements AutoCloseable {
    private static final Logger LOG = Logger.getLogger(MediaDownloads.class.getName());
    private static final Duration FETCH_TIMEOUT = Duration.ofMinutes(2);

    private final MediaCache cache;
    private final AccountStore accounts;
    private final Connectors connectors;
    private final Duration gapMin;
    private final Duration gapMax;
    private final long maxBytes;
    private final RandomGenerator random = RandomGenerator.getDefault();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .followRedirects(HttpClient.Redirect.NORMAL).build();
    private final BlockingQueue<Job> queue = new LinkedBlockingQueue<>();
    private final Map<Long, Ticket> pending = new ConcurrentHashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long nextAllowedAt;

    private MediaDownloads(Builder b) {
        this.cache = b.cache;
        this.accounts = b.accounts;
        this.connectors = b.connectors;
        this.gapMin = b.gapMin;
        this.gapMax = b.gapMax;
        this.maxBytes = b.maxBytes;
        this.thread = new Thread(this::run, "parley-media-download");
        thread.start();
    }

    /**
     * @param cache      where downloads go
     * @param accounts   the accounts that received the messages
     * @param connectors the platforms to ask for download links
     * @return a builder
     */
    public static Builder builder(MediaCache cache, AccountStore accounts, Connectors connectors) {
        return new Builder(cache, accounts, connectors);
    }

    /**
     * Queues the download of a message's media, or joins the one already queued.
     *
     * @param message a message with media
     * @return its place and the future of its file
     */
    public Ticket request(StoredMessage message) {
        return pending.computeIfAbsent(message.id(), id -> {
            Job job = new Job(message, new CompletableFuture<>());
            queue.add(job);
            long wait = Math.max(0, nextAllowedAt - System.currentTimeMillis());
            long expected = System.currentTimeMillis() + wait + (queue.size() - 1) * meanGap();
            return new Ticket(job.file(), Math.max(1, queue.size()), expected);
        });
    }

    /** Stops after the download in progress; queued ones fail with "stopping". */
    @Override
    public void close() {
        running = false;
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Job left;
        while ((left = queue.poll()) != null) {
            left.file().completeExceptionally(new CommandException("media.error.stopping"));
        }
    }

    private void run() {
        while (running) {
            Job job;
            try {
                job = queue.poll(1, TimeUnit.SECONDS);
                if (job == null) {
                    continue;
                }
                long wait = nextAllowedAt - System.currentTimeMillis();
                if (wait > 0) {
                    Thread.sleep(wait);
                }
            } catch (InterruptedException stopping) {
                break;
            }
            try {
                job.file().complete(download(job.message()));
            } catch (CommandException e) {
                job.file().completeExceptionally(e);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.WARNING, "download of the media of message #" + job.message().id() + " failed", e);
                job.file().completeExceptionally(new CommandException("media.error.fetch", "id", job.message().id(),
                        "reason", e.getClass().getSimpleName()));
            } catch (InterruptedException stopping) {
                job.file().completeExceptionally(new CommandException("media.error.stopping"));
                break;
            } finally {
                pending.remove(job.message().id());
                nextAllowedAt = System.currentTimeMillis() + gap();
            }
        }
    }

    private Path download(StoredMessage message) throws IOException, InterruptedException {
        Optional<Path> cached = cache.find(message.id());
        if (cached.isPresent()) {
            return cached.get();
        }
        Account account = accounts.find(message.accountId()).orElseThrow(() -> new CommandException(
                "media.error.account_gone", "id", message.id()));
        AccountConnector connector = connectors.find(account.platform()).orElseThrow(() -> new CommandException(
                "connector.not_configured." + account.platform().code()));
        MediaLink link;
        try {
            link = connector.media(account.externalId(), new MediaRef(message.type(), message.platformMsgId(),
                    message.raw()));
        } catch (ConnectorException e) {
            throw new CommandException("media.error.platform", "id", message.id(), "reason", e.getMessage());
        }
        URI uri = URI.create(link.url());
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
            throw new CommandException("media.error.platform", "id", message.id(), "reason", "not an http(s) link");
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri).timeout(FETCH_TIMEOUT).GET();
        link.headers().forEach(request::header);
        HttpResponse<InputStream> response = http.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new CommandException("media.error.fetch", "id", message.id(), "reason", "HTTP " + response.statusCode());
            }
            Path file = link.decoder() == null ? cache.store(message.id(), body, maxBytes)
                    : cache.store(message.id(), decoded(message, link, body), maxBytes);
            LOG.info("downloaded the media of message #" + message.id() + " (account " + account.id() + ")");
            return file;
        }
    }

    /** Reads what was fetched (refusing more than the cap) and decodes it into the file. */
    private InputStream decoded(StoredMessage message, MediaLink link, InputStream body) throws IOException {
        byte[] fetched = body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
        if (fetched.length > maxBytes) {
            throw new CommandException("media.error.too_large", "id", message.id(), "max", maxBytes / (1 << 20));
        }
        try {
            return new java.io.ByteArrayInputStream(link.decoder().decode(fetched));
        } catch (ConnectorException e) {
            throw new CommandException("media.error.platform", "id", message.id(), "reason", e.getMessage());
        }
    }

    private long gap() {
        long min = gapMin.toMillis();
        long max = gapMax.toMillis();
        return max <= min ? min : random.nextLong(min, max + 1);
    }

    private long meanGap() {
        return (gapMin.toMillis() + gapMax.toMillis()) / 2;
    }

    private record Job(StoredMessage message, CompletableFuture<Path> file) {
    }

    /**
     * A download asked for.
     *
     * @param file       completes with the downloaded file, or with a {@link CommandException} saying why not
     * @param position   its place in the queue when asked, 1 being next
     * @param expectedAt when it is expected to start, epoch ms
     */
    public record Ticket(CompletableFuture<Path> file, int position, long expectedAt) {
    }

    /** Configures {@link MediaDownloads}. */
    public static final class Builder {
        private final MediaCache cache;
        private final AccountStore accounts;
        private final Connectors connectors;
        private Duration gapMin = Duration.ofSeconds(3);
        private Duration gapMax = Duration.ofSeconds(10);
        private long maxBytes = 100L << 20;

        private Builder(MediaCache cache, AccountStore accounts, Connectors connectors) {
            this.cache = Objects.requireNonNull(cache, "cache");
            this.accounts = Objects.requireNonNull(accounts, "accounts");
            this.connectors = Objects.requireNonNull(connectors, "connectors");
        }

        /**
         * @param min least pause between two downloads (default 3 s)
         * @param max most pause between two downloads (default 10 s)
         * @return this builder
         */
        public Builder gap(Duration min, Duration max) {
            if (min.isNegative() || max.compareTo(min) < 0) {
                throw new IllegalArgumentException("media gaps: 0 <= min <= max");
            }
            this.gapMin = min;
            this.gapMax = max;
            return this;
        }

        /**
         * @param bytes the largest file downloaded (default 100 MiB)
         * @return this builder
         */
        public Builder maxBytes(long bytes) {
            if (bytes < 1) {
                throw new IllegalArgumentException("media max bytes must be positive");
            }
            this.maxBytes = bytes;
            return this;
        }

        /** @return the started download queue */
        public MediaDownloads start() {
            return new MediaDownloads(this);
        }
    }
}
