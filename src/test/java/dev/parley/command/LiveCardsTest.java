package dev.parley.command;

import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import dev.parley.card.Button;
import dev.parley.card.Card;
import dev.parley.db.Database;
import dev.parley.rbac.Identity;
import dev.parley.testing.TestDatabase;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LiveCardsTest {
    private static final Identity VIEWER = Identity.parse("http:ops").orElseThrow();
    private static Database db;
    private static LiveCards cards;

    @BeforeAll
    static void open() {
        db = TestDatabase.create("live");
        cards = new LiveCards(new CardActions(db.jdbi(), InstantSource.system()), InstantSource.system());
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void versionsAdvanceAndWaitersWakeUpUntilTheLastOne() throws Exception {
        List<LiveCards.Snapshot> pushed = new CopyOnWriteArrayList<>();
        cards.addListener(pushed::add);
        LiveCards.LiveCard live = cards.open(VIEWER, "zh-CN");
        live.first(Card.builder("scan me").build(), List.of());
        assertThat(cards.current(live.id()).orElseThrow().version()).isEqualTo(1);
        CompletableFuture<LiveCards.Snapshot> waiter = CompletableFuture.supplyAsync(() -> {
            try {
                return cards.await(live.id(), 1, Duration.ofSeconds(10)).orElseThrow();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
        });
        live.update(Card.builder("scanned").button(Button.of("Cancel", "/bot cancel")).build());
        LiveCards.Snapshot second = waiter.get(10, TimeUnit.SECONDS);
        assertThat(second.version()).isEqualTo(2);
        assertThat(second.card().title()).isEqualTo("scanned");
        assertThat(second.actionIds()).hasSize(1);
        assertThat(second.locale()).isEqualTo("zh-CN");
        live.finish(Card.builder("online").build());
        live.update(Card.builder("too late").build());
        LiveCards.Snapshot last = cards.current(live.id()).orElseThrow();
        assertThat(last.finished()).isTrue();
        assertThat(last.card().title()).isEqualTo("online");
        assertThat(pushed).extracting(s -> s.card().title()).containsExactly("scanned", "online");
        // waiting on a finished card returns at once
        assertThat(cards.await(live.id(), 3, Duration.ofSeconds(30)).orElseThrow().version()).isEqualTo(3);
    }

    @Test
    void aJobFasterThanTheCommandKeepsItsNewerVersion() {
        LiveCards.LiveCard live = cards.open(VIEWER, "en");
        live.update(Card.builder("already scanned").build());
        live.first(Card.builder("scan me").build(), List.of());
        assertThat(cards.current(live.id()).orElseThrow().card().title()).isEqualTo("already scanned");
    }

    @Test
    void unknownIdsAndTimeoutsAnswerWithoutHanging() throws Exception {
        assertThat(cards.current("nope")).isEmpty();
        assertThat(cards.await("nope", 0, Duration.ofSeconds(5))).isEmpty();
        LiveCards.LiveCard live = cards.open(VIEWER, "en");
        live.first(Card.builder("v1").build(), List.of());
        long started = System.nanoTime();
        assertThat(cards.await(live.id(), 1, Duration.ofMillis(200)).orElseThrow().version()).isEqualTo(1);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }
}
