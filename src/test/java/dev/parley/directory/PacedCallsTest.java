package dev.parley.directory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import dev.parley.connector.ConnectorException;

import io.prometheus.metrics.model.registry.PrometheusRegistry;
import org.junit.jupiter.api.Test;

/** The pace holds per account however many jobs call at once; accounts do not wait for each other; retries. */
class PacedCallsTest {
    private static final Duration MIN = Duration.ofMillis(40);

    private final List<Long> reportedOffline = Collections.synchronizedList(new ArrayList<>());
    private final PacedCalls calls = new PacedCalls(new SyncSettings(MIN, Duration.ofMillis(60), 3, Duration.ofMillis(10),
            Duration.ofMillis(15), Duration.ZERO, Duration.ZERO, Duration.ZERO),
            DirectoryMetrics.register(new PrometheusRegistry()), reportedOffline::add);

    @Test
    void callsOfOneAccountFromSeveralJobsKeepThePaceAndOthersDoNotWait() throws Exception {
        List<Long> account1 = Collections.synchronizedList(new ArrayList<>());
        List<Long> account2 = Collections.synchronizedList(new ArrayList<>());
        try (ExecutorService jobs = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("paced-test-", 0).factory())) {
            List<Future<?>> running = new ArrayList<>();
            for (int job = 0; job < 3; job++) {
                running.add(jobs.submit(() -> {
                    for (int i = 0; i < 3; i++) {
                        calls.call(1, "group", () -> account1.add(System.nanoTime()));
                    }
                    return null;
                }));
            }
            running.add(jobs.submit(() -> calls.call(2, "group", () -> account2.add(System.nanoTime()))));
            for (Future<?> f : running) {
                f.get();
            }
        }
        List<Long> times = account1.stream().sorted().toList();
        assertThat(times).hasSize(9);
        for (int i = 1; i < times.size(); i++) {
            assertThat(times.get(i) - times.get(i - 1)).isGreaterThanOrEqualTo(MIN.toNanos());
        }
        assertThat(account2.get(0) - times.get(0)).as("account 2 did not queue behind account 1")
                .isLessThan(MIN.multipliedBy(3).toNanos());
    }

    @Test
    void transientFailuresAreRetriedAndOthersAreNot() throws Exception {
        AtomicInteger tries = new AtomicInteger();
        String result = calls.call(3, "contacts", () -> {
            if (tries.incrementAndGet() < 3) {
                throw new ConnectorException(ConnectorException.Kind.TRANSIENT, "HTTP 502", null);
            }
            return "ok";
        });
        assertThat(result).isEqualTo("ok");
        assertThat(tries).hasValue(3);

        AtomicInteger offline = new AtomicInteger();
        assertThatThrownBy(() -> calls.call(3, "group", () -> {
            offline.incrementAndGet();
            throw new ConnectorException(ConnectorException.Kind.OFFLINE, "微信已离线", null);
        })).isInstanceOf(ConnectorException.class);
        assertThat(offline).hasValue(1);
        assertThat(reportedOffline).as("an offline account is reported, once").containsExactly(3L);

        AtomicInteger down = new AtomicInteger();
        assertThatThrownBy(() -> calls.call(3, "group", () -> {
            down.incrementAndGet();
            throw new ConnectorException(ConnectorException.Kind.TRANSIENT, "timeout", null);
        })).hasMessage("timeout");
        assertThat(down).as("attempts in all").hasValue(3);
        assertThat(reportedOffline).as("transient failures are not offline reports").containsExactly(3L);
    }
}
