package dev.parley.channel;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import dev.parley.card.Card;
import dev.parley.command.LiveCards;
import dev.parley.rbac.Identity;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ChannelDeliveriesTest {
    private final PrometheusRegistry registry = new PrometheusRegistry();
    private final ChannelDeliveries deliveries = ChannelDeliveries.builder(registry).maxQueued(5)
            .retries(new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMinutes(1))).build();
    private final RecordingChannel channel = new RecordingChannel("telegram");

    @AfterEach
    void stop() {
        deliveries.close();
    }

    @Test
    void postsAreDeliveredAndTransientFailuresRetriedAfterTheTimeAsked() throws Exception {
        deliveries.register(channel);
        channel.failTransiently(2, Duration.ofMillis(50));
        long started = System.nanoTime();
        assertThat(deliveries.post("telegram", "-100", card("offline"), List.of(), "zh-CN")).isTrue();
        await(() -> channel.deliveries().size() == 1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(100));
        assertThat(channel.deliveries().get(0).locale()).isEqualTo("zh-CN");
        assertThat(count("post", "retried")).isEqualTo(2);
        assertThat(count("post", "ok")).isEqualTo(1);
    }

    @Test
    void aPermanentFailureIsNotRetriedAndUnknownChannelsAreCounted() throws Exception {
        deliveries.register(channel);
        channel.failPermanently(true);
        deliveries.post("telegram", "-100", card("x"), List.of(), "en");
        await(() -> count("post", "failed") == 1);
        assertThat(count("post", "retried")).isZero();
        assertThat(deliveries.post("feishu", "oc_1", card("x"), List.of(), "en")).isFalse();
        assertThat(count("feishu", "post", "no_channel")).isEqualTo(1);
    }

    @Test
    void onlyTheNewestWaitingVersionOfALiveCardIsEditedIn() throws Exception {
        deliveries.register(channel);
        SentCard shown = new SentCard("telegram", "42", "m7");
        deliveries.track("live1", shown);
        CountDownLatch gate = channel.hold();
        deliveries.post("telegram", "42", card("blocker"), List.of(), "en"); // occupies the worker
        Thread.sleep(50);
        for (int version = 2; version <= 5; version++) {
            deliveries.liveCardChanged(snapshot("live1", "v" + version, version, version == 5));
        }
        gate.countDown();
        await(() -> channel.deliveries().size() == 2);
        Thread.sleep(100);
        assertThat(channel.deliveries()).extracting(d -> d.kind() + ":" + d.card().title())
                .containsExactly("post:blocker", "edit:v5");
        assertThat(channel.deliveries().get(1).messageId()).isEqualTo("m7");
        // after the last version the card is no longer followed
        deliveries.liveCardChanged(snapshot("live1", "v6", 6, true));
        Thread.sleep(100);
        assertThat(channel.deliveries()).hasSize(2);
    }

    @Test
    void anAnswerShownInPlaceWaitsForTheEditInFlightAndLandsLastWhileOlderWaitingVersionsAreDropped() throws Exception {
        deliveries.register(channel);
        SentCard shown = new SentCard("telegram", "42", "m9");
        deliveries.track("live2", shown);
        CountDownLatch gate = channel.hold();
        deliveries.liveCardChanged(snapshot("live2", "v2", 2, false)); // taken by the worker, held at the platform
        await(() -> registry.scrape().stream().anyMatch(m -> m.getMetadata().getName().equals("parley_channel_queue_depth")
                && m.getDataPoints().stream().allMatch(p -> ((io.prometheus.metrics.model.snapshots.GaugeSnapshot
                .GaugeDataPointSnapshot) p).getValue() == 0)));
        deliveries.liveCardChanged(snapshot("live2", "v3", 3, false)); // waits in the queue
        Thread answering = Thread.ofPlatform().name("answering").start(() -> {
            try {
                deliveries.replaceNow(channel, shown, card("answer"), List.of(), "en");
            } catch (ChannelException | InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        await(() -> answering.getState() == Thread.State.BLOCKED);
        gate.countDown();
        answering.join(5000);
        await(() -> channel.deliveries().size() == 2);
        assertThat(channel.deliveries()).extracting(d -> d.kind() + ":" + d.card().title())
                .containsExactly("edit:v2", "edit:answer");
        deliveries.liveCardChanged(snapshot("live2", "v4", 4, false)); // the message no longer follows the live card
        deliveries.post("telegram", "42", card("after"), List.of(), "en");
        await(() -> channel.deliveries().size() == 3);
        assertThat(channel.deliveries().getLast().card().title()).isEqualTo("after");
    }

    @Test
    void aMessageAnAnswerReplacedNoLongerFollowsItsOldLiveCard() throws Exception {
        deliveries.register(channel);
        SentCard shown = new SentCard("telegram", "42", "m8");
        deliveries.track("old", shown);
        CountDownLatch gate = channel.hold();
        deliveries.post("telegram", "42", card("blocker"), List.of(), "en"); // occupies the worker
        Thread.sleep(50);
        deliveries.liveCardChanged(snapshot("old", "stale", 2, true));
        deliveries.track("new", shown); // a press answered with a new live card, shown in place of the old one
        deliveries.liveCardChanged(snapshot("old", "later", 3, false));
        deliveries.liveCardChanged(snapshot("new", "fresh", 2, false));
        gate.countDown();
        await(() -> channel.deliveries().size() == 2);
        Thread.sleep(100);
        assertThat(channel.deliveries()).extracting(d -> d.kind() + ":" + d.card().title())
                .containsExactly("post:blocker", "edit:fresh");
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfGrowing() throws Exception {
        deliveries.register(channel);
        CountDownLatch gate = channel.hold();
        deliveries.post("telegram", "1", card("first"), List.of(), "en");
        Thread.sleep(50);
        int accepted = 0;
        for (int i = 0; i < 10; i++) {
            if (deliveries.post("telegram", "1", card("n" + i), List.of(), "en")) {
                accepted++;
            }
        }
        assertThat(accepted).isEqualTo(5);
        assertThat(count("post", "dropped")).isEqualTo(5);
        gate.countDown();
        await(() -> channel.deliveries().size() == 6);
    }

    private static LiveCards.Snapshot snapshot(String id, String title, long version, boolean finished) {
        return new LiveCards.Snapshot(id, card(title), List.of(), version, finished, new Identity("telegram", "1"), "en");
    }

    private static Card card(String title) {
        return Card.builder(title).build();
    }

    private double count(String kind, String result) {
        return count("telegram", kind, result);
    }

    private double count(String channelName, String kind, String result) {
        return registry.scrape().stream().filter(s -> s.getMetadata().getName().equals("parley_channel_deliveries"))
                .flatMap(s -> ((CounterSnapshot) s).getDataPoints().stream())
                .filter(d -> d.getLabels().get("channel").equals(channelName) && d.getLabels().get("kind").equals(kind)
                        && d.getLabels().get("result").equals(result))
                .mapToDouble(CounterSnapshot.CounterDataPointSnapshot::getValue).sum();
    }

    static void await(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out");
            }
            Thread.sleep(10);
        }
    }
}
