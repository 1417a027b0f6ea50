package dev.parley.automation.sop;

import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;

import dev.parley.automation.Weekdays;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** {@code every:} as admins type it, and its occurrences on times the test gives. */
class RecurrenceTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static long at(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant().toEpochMilli();
    }

    @Test
    void readsDaysAndTimesInBothLanguages() {
        assertThat(Recurrence.parse("mon 09:00")).isEqualTo(new Recurrence(0b1, LocalTime.of(9, 0)));
        assertThat(Recurrence.parse("Mon,Thu 18:30").text()).isEqualTo("mon,thu 18:30");
        assertThat(Recurrence.parse("周一-周五 8:05").text()).isEqualTo("mon,tue,wed,thu,fri 08:05");
        assertThat(Recurrence.parse("每天 09:00").days()).isEqualTo(Weekdays.EVERY_DAY);
        assertThat(Recurrence.parse("daily ０９:００").text()).isEqualTo("daily 09:00");
        assertThat(Recurrence.parse("09:00").text()).isEqualTo("daily 09:00");
        assertThat(Recurrence.parse(Recurrence.parse("sat,sun 10:00").text()).text()).isEqualTo("sat,sun 10:00");
        for (String bad : new String[] {"monday", "mon 25:00", "someday 09:00", "mon-tue-wed 09:00", ""}) {
            assertThatThrownBy(() -> Recurrence.parse(bad)).as(bad).hasMessageContaining("sop.error.bad_every");
        }
    }

    @Test
    void theNextOccurrenceIsStrictlyLaterOnAnAllowedDay() {
        Recurrence monThu = Recurrence.parse("mon,thu 09:00");
        // 2026-12-07 is a Monday
        assertThat(monThu.next(at("2026-12-07T08:59"), SHANGHAI)).isEqualTo(at("2026-12-07T09:00"));
        assertThat(monThu.next(at("2026-12-07T09:00"), SHANGHAI)).isEqualTo(at("2026-12-10T09:00"));
        assertThat(monThu.next(at("2026-12-10T09:00"), SHANGHAI)).isEqualTo(at("2026-12-14T09:00"));
        Recurrence daily = Recurrence.parse("daily 23:30");
        assertThat(daily.next(at("2026-12-31T23:30"), SHANGHAI)).isEqualTo(at("2027-01-01T23:30"));
        Recurrence sunday = Recurrence.parse("sun 00:00");
        assertThat(sunday.next(at("2026-12-13T00:00"), SHANGHAI)).isEqualTo(at("2026-12-20T00:00"));
    }
}
