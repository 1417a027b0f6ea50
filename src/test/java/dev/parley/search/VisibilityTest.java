package dev.parley.search;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class VisibilityTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    @Test
    void lagIsTheAgeOfTheOldestCommittedMessageNotYetSearchable() {
        Visibility visibility = new Visibility();
        assertThat(visibility.lagSeconds(0)).isZero();
        visibility.committed(10, 0);
        visibility.committed(20, SECOND);
        assertThat(visibility.lagSeconds(3 * SECOND)).isEqualTo(3.0);
        visibility.refreshed(10, Long.MIN_VALUE);
        assertThat(visibility.lagSeconds(3 * SECOND)).isEqualTo(2.0);
        visibility.refreshed(20, Long.MIN_VALUE);
        assertThat(visibility.lagSeconds(3 * SECOND)).isZero();
        assertThat(visibility.searchable()).isEqualTo(20);
    }

    @Test
    void idsThatTurnOutNotToExistStopCountingAfterAnExhaustedRead() {
        Visibility visibility = new Visibility();
        visibility.committed(Long.MAX_VALUE, 0);
        visibility.refreshed(5, SECOND);
        assertThat(visibility.lagSeconds(2 * SECOND)).isZero();
        visibility.committed(6, 3 * SECOND);
        assertThat(visibility.lagSeconds(4 * SECOND)).isEqualTo(1.0);
    }

    @Test
    void anExhaustedReadDoesNotSettleWhatWasCommittedAfterItStarted() {
        Visibility visibility = new Visibility();
        visibility.committed(8, 2 * SECOND);
        visibility.refreshed(5, SECOND);
        assertThat(visibility.lagSeconds(3 * SECOND)).isEqualTo(1.0);
    }

    @Test
    void closeNotificationsAreMergedIntoTheEarlierOne() {
        Visibility visibility = new Visibility();
        visibility.committed(6, 0);
        visibility.committed(7, TimeUnit.MILLISECONDS.toNanos(10));
        visibility.refreshed(6, Long.MIN_VALUE);
        assertThat(visibility.lagSeconds(SECOND)).isEqualTo(1.0);
    }

    @Test
    void waitersWakeOnRefreshAndOnClose() throws Exception {
        Visibility visibility = new Visibility();
        CompletableFuture<Boolean> seven = CompletableFuture.supplyAsync(() -> await(visibility, 7));
        CompletableFuture<Boolean> nine = CompletableFuture.supplyAsync(() -> await(visibility, 9));
        visibility.refreshed(8, Long.MIN_VALUE);
        assertThat(seven.get(5, TimeUnit.SECONDS)).isTrue();
        visibility.close();
        assertThat(nine.get(5, TimeUnit.SECONDS)).isFalse();
        assertThat(visibility.await(8, Duration.ZERO)).isTrue();
    }

    private static boolean await(Visibility visibility, long id) {
        try {
            return visibility.await(id, Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }
}
