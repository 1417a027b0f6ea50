package dev.parley.stats;

import java.time.Duration;
import java.time.InstantSource;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;

import dev.parley.card.Card;
import dev.parley.channel.ChannelBinding;
import dev.parley.channel.ChannelBindings;
import dev.parley.channel.ChannelDeliveries;

/**
 * Posts the daily digest into each chat bound for digests once its time of day has come in the configured zone,
 * on its own thread ({@code parley-digest}). A digest missed while Parley was down is posted when it comes back,
 * the same day; never twice for one day ({@link DigestSchedules#claim}).
 */
public final class DigestScheduler implements AutoCloseable {
    /** The purpose of a chat binding that receives digests. */
    public static final String PURPOSE = "digest";
    private static final Logger LOG = Logger.getLogger(DigestScheduler.class.getName());

    private final DigestSchedules schedules;
    private final ChannelBindings bindings;
    private final ChannelDeliveries deliveries;
    private final DigestCards cards;
    private final ZoneId zone;
    private final InstantSource clock;
    private final long checkMillis;
    private final Thread thread;
    private volatile boolean stopping;

    DigestScheduler(DigestSchedules schedules, ChannelBindings bindings, ChannelDeliveries deliveries, DigestCards cards,
                    ZoneId zone, InstantSource clock, Duration checkEvery) {
        this.schedules = schedules;
        this.bindings = bindings;
        this.deliveries = deliveries;
        this.cards = cards;
        this.zone = zone;
        this.clock = clock;
        this.checkMillis = checkEvery.toMillis();
        this.thread = Thread.ofPlatform().name("parley-digest").daemon(true).unstarted(this::loop);
    }

    /** Starts checking the schedules. */
    public void start() {
        thread.start();
    }

    /** Posts every digest that is due now and was not posted today. */
    void checkNow() {
        ZonedDateTime now = clock.instant().atZone(zone);
        LocalDate today = now.toLocalDate();
        Map<String, ChannelBinding> bound = bindings.forPurpose(PURPOSE).stream()
                .collect(Collectors.toMap(b -> b.channel() + "\u0000" + b.chatId(), Function.identity()));
        List<DigestSchedules.Schedule> due = schedules.all().stream()
                .filter(s -> !now.toLocalTime().isBefore(s.at()) && (s.lastPosted() == null || s.lastPosted().isBefore(today)))
                .toList();
        for (DigestSchedules.Schedule s : due) {
            ChannelBinding binding = bound.get(s.channel() + "\u0000" + s.chatId());
            if (binding == null || !schedules.claim(s.channel(), s.chatId(), today)) {
                continue;
            }
            Card card = cards.digest(binding.locale(), today.minusDays(1));
            if (!deliveries.post(s.channel(), s.chatId(), card, List.of(), binding.locale())) {
                LOG.warning("the daily digest for " + s.channel() + " chat " + s.chatId() + " could not be queued");
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopping = true;
        thread.interrupt();
        if (thread.isAlive()) {
            thread.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    private void loop() {
        while (!stopping) {
            try {
                checkNow();
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "daily digests could not be checked", e);
            }
            try {
                Thread.sleep(checkMillis);
            } catch (InterruptedException e) {
                return;
            }
        }
    }
}
