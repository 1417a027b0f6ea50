package dev.parley.command;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

import dev.parley.card.Button;
import dev.parley.db.Database;
import dev.parley.rbac.Identity;
import dev.parley.testing.TestDatabase;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class CardActionsTest {
    private static Database db;
    private static final AtomicLong NOW = new AtomicLong(1_700_000_000_000L);
    private static final InstantSource CLOCK = () -> Instant.ofEpochMilli(NOW.get());
    private static final Identity ALICE = Identity.parse("http:alice").orElseThrow();

    @BeforeAll
    static void open() {
        db = TestDatabase.create("actions");
    }

    @AfterAll
    static void close() {
        db.close();
    }

    @Test
    void aPlainButtonCanBePressedRepeatedlyUntilItExpires() {
        CardActions actions = new CardActions(db.jdbi(), CLOCK);
        String id = actions.issue(List.of(Button.of("Next", "/search 退款 page:2")), ALICE).get(0);
        assertThat(id).matches("[A-Za-z0-9]{12}");
        assertThat(actions.claim(id, ALICE))
                .isEqualTo(new CardActions.Claim(CardActions.Claim.Status.OK, "/search 退款 page:2", Button.Kind.RUN,
                        ALICE.toString()));
        assertThat(actions.claim(id, ALICE).status()).isEqualTo(CardActions.Claim.Status.OK);
        NOW.addAndGet(Duration.ofHours(25).toMillis());
        assertThat(actions.claim(id, ALICE).status()).isEqualTo(CardActions.Claim.Status.EXPIRED);
    }

    @Test
    void confirmAndCancelWorkOnceAndUseEachOtherUp() {
        CardActions actions = new CardActions(db.jdbi(), CLOCK);
        List<String> ids = actions.issue(List.of(Button.confirm("Yes", "/bot remove 3"),
                Button.cancel("No", "/bot remove 3"), Button.of("Help", "/help")), ALICE);
        assertThat(actions.peek(ids.get(1))).isEqualTo(new CardActions.Claim(CardActions.Claim.Status.OK,
                "/bot remove 3", Button.Kind.CANCEL, ALICE.toString()));
        assertThat(actions.peek(ids.get(0)).status()).as("peeking uses nothing up").isEqualTo(CardActions.Claim.Status.OK);
        assertThat(actions.claim(ids.get(1), ALICE))
                .isEqualTo(new CardActions.Claim(CardActions.Claim.Status.OK, "/bot remove 3", Button.Kind.CANCEL,
                        ALICE.toString()));
        assertThat(actions.peek(ids.get(0)).status()).isEqualTo(CardActions.Claim.Status.USED);
        assertThat(actions.claim(ids.get(0), ALICE).status()).isEqualTo(CardActions.Claim.Status.USED);
        assertThat(actions.claim(ids.get(1), ALICE).status()).isEqualTo(CardActions.Claim.Status.USED);
        // the plain button of the same card is not affected
        assertThat(actions.claim(ids.get(2), ALICE).status()).isEqualTo(CardActions.Claim.Status.OK);
    }

    @Test
    void aConfirmationExpiresAfterFiveMinutes() {
        CardActions actions = new CardActions(db.jdbi(), CLOCK);
        String confirm = actions.issue(List.of(Button.confirm("Yes", "/bot remove 4")), ALICE).get(0);
        NOW.addAndGet(Duration.ofMinutes(5).plusSeconds(1).toMillis());
        assertThat(actions.claim(confirm, ALICE).status()).isEqualTo(CardActions.Claim.Status.EXPIRED);
    }

    @Test
    void unknownAndMalformedIdsAreRefused() {
        CardActions actions = new CardActions(db.jdbi(), CLOCK);
        assertThat(actions.claim("nope", ALICE).status()).isEqualTo(CardActions.Claim.Status.UNKNOWN);
        assertThat(actions.claim("'; DROP TABLE card_actions; --", ALICE).status()).isEqualTo(CardActions.Claim.Status.UNKNOWN);
        assertThat(actions.claim(null, ALICE).status()).isEqualTo(CardActions.Claim.Status.UNKNOWN);
        assertThat(actions.issue(List.of(), ALICE)).isEmpty();
    }

    @Test
    void purgeDropsLongExpiredActions() {
        CardActions actions = new CardActions(db.jdbi(), CLOCK);
        String old = actions.issue(List.of(Button.confirm("Yes", "/status")), ALICE).get(0);
        NOW.addAndGet(Duration.ofDays(2).toMillis());
        String fresh = actions.issue(List.of(Button.of("Status", "/status")), ALICE).get(0);
        assertThat(actions.purgeExpired()).isGreaterThanOrEqualTo(1);
        assertThat(actions.claim(old, ALICE).status()).isEqualTo(CardActions.Claim.Status.UNKNOWN);
        assertThat(actions.claim(fresh, ALICE).status()).isEqualTo(CardActions.Claim.Status.OK);
    }
}
