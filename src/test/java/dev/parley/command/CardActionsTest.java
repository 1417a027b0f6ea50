package dev.parley.command;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicLong;

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
    void aButtonCanBePressedRepeatedlyUntilItExpires() {
        CardActions actions = new CardActions(db.jdbi(), CLOCK);
        String id = actions.issue("/search 退款 page:2", ALICE, Duration.ofHours(1), false);
        assertThat(id).matches("[A-Za-z0-9]{12}");
        assertThat(actions.claim(id, ALICE)).isEqualTo(new CardActions.Claim(CardActions.Claim.Status.OK, "/search 退款 page:2"));
        assertThat(actions.claim(id, ALICE).status()).isEqualTo(CardActions.Claim.Status.OK);
        NOW.addAndGet(Duration.ofHours(2).toMillis());
        assertThat(actions.claim(id, ALICE).status()).isEqualTo(CardActions.Claim.Status.EXPIRED);
    }

    @Test
    void aConfirmationWorksOnce() {
        CardActions actions = new CardActions(db.jdbi(), CLOCK);
        String id = actions.issue("/role revoke http:bob", ALICE, Duration.ofMinutes(5), true);
        assertThat(actions.claim(id, ALICE).status()).isEqualTo(CardActions.Claim.Status.OK);
        assertThat(actions.claim(id, ALICE).status()).isEqualTo(CardActions.Claim.Status.USED);
    }

    @Test
    void unknownAndMalformedIdsAreRefused() {
        CardActions actions = new CardActions(db.jdbi(), CLOCK);
        assertThat(actions.claim("nope", ALICE).status()).isEqualTo(CardActions.Claim.Status.UNKNOWN);
        assertThat(actions.claim("'; DROP TABLE card_actions; --", ALICE).status()).isEqualTo(CardActions.Claim.Status.UNKNOWN);
        assertThat(actions.claim(null, ALICE).status()).isEqualTo(CardActions.Claim.Status.UNKNOWN);
    }

    @Test
    void purgeDropsLongExpiredActions() {
        CardActions actions = new CardActions(db.jdbi(), CLOCK);
        String old = actions.issue("/status", ALICE, Duration.ofMinutes(1), false);
        NOW.addAndGet(Duration.ofDays(2).toMillis());
        String fresh = actions.issue("/status", ALICE, Duration.ofMinutes(1), false);
        assertThat(actions.purgeExpired()).isGreaterThanOrEqualTo(1);
        assertThat(actions.claim(old, ALICE).status()).isEqualTo(CardActions.Claim.Status.UNKNOWN);
        assertThat(actions.claim(fresh, ALICE).status()).isEqualTo(CardActions.Claim.Status.OK);
    }
}
