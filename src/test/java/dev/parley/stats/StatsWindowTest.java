package dev.parley.stats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Optional;

import dev.parley.command.CommandException;

import org.junit.jupiter.api.Test;

/** Windows are whole calendar days in the zone; percentiles are nearest-rank; the reply clock's rules. */
class StatsWindowTest {
    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    private static final LocalDate TODAY = LocalDate.of(2026, 11, 22);

    @Test
    void aLengthEndsTodayAndRoundsUpToWholeDays() {
        StatsWindow week = StatsWindow.of(Optional.of(Duration.ofDays(7)), Optional.empty(), Optional.empty(), TODAY, ZONE,
                Duration.ofDays(30));
        assertThat(week.from()).isEqualTo(LocalDate.of(2026, 11, 16));
        assertThat(week.days()).hasSize(7).last().isEqualTo(TODAY);
        assertThat(StatsWindow.of(Optional.of(Duration.ofHours(36)), Optional.empty(), Optional.empty(), TODAY, ZONE,
                Duration.ofDays(7)).days()).hasSize(2);
        assertThat(week.startMillis()).isEqualTo(LocalDate.of(2026, 11, 16).atStartOfDay(ZONE).toInstant().toEpochMilli());
        assertThat(week.endMillis()).isEqualTo(LocalDate.of(2026, 11, 23).atStartOfDay(ZONE).toInstant().toEpochMilli());
    }

    @Test
    void datesWinAndBadOrdersAreRefused() {
        StatsWindow dates = StatsWindow.of(Optional.empty(), Optional.of(LocalDate.of(2026, 1, 1)),
                Optional.of(LocalDate.of(2026, 1, 31)), TODAY, ZONE, Duration.ofDays(7));
        assertThat(dates.days()).hasSize(31);
        assertThatThrownBy(() -> StatsWindow.of(Optional.empty(), Optional.of(TODAY.plusDays(1)), Optional.empty(), TODAY,
                ZONE, Duration.ofDays(7))).isInstanceOf(CommandException.class)
                .extracting(e -> ((CommandException) e).key()).isEqualTo("stats.error.window_order");
    }

    @Test
    void percentilesAreNearestRank() {
        Percentiles p = Percentiles.of(new long[] {300, 10, 1800, 60, 120});
        assertThat(p.at(50)).isEqualTo(120);
        assertThat(p.at(90)).isEqualTo(1800);
        assertThat(p.at(20)).isEqualTo(10);
        assertThat(p.at(21)).isEqualTo(60);
        assertThat(Percentiles.of(new long[0]).at(50)).isNull();
    }

    @Test
    void theReplyClockRunsFromTheFirstUnansweredMessage() {
        ReplyClock clock = new ReplyClock();
        clock.message("a", true, 0);
        clock.message("a", false, 100);
        clock.message("a", false, 150);
        clock.message("a", true, 400);
        clock.message("a", true, 500);
        clock.message("b", false, 1000);
        assertThat(clock.delays().sortedMillis()).containsExactly(300);
        assertThat(clock.unanswered()).isEqualTo(1);
    }
}
