package dev.parley.automation.sop;

import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.OptionalLong;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Quiet hours and days of the daily cap, on times given by the test (the runner asks with its clock's time). */
class ThrottleTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    private static long at(String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant().toEpochMilli();
    }

    @Test
    void quietHoursPastMidnightHoldUntilTheMorningOfTheRightDay() {
        Throttle t = Throttle.of("22:00-08:00", 200, SHANGHAI);
        assertThat(t.quietUntil(at("2026-12-07T21:59:59"))).isEmpty();
        assertThat(t.quietUntil(at("2026-12-07T22:00"))).isEqualTo(OptionalLong.of(at("2026-12-08T08:00")));
        assertThat(t.quietUntil(at("2026-12-07T23:30"))).isEqualTo(OptionalLong.of(at("2026-12-08T08:00")));
        assertThat(t.quietUntil(at("2026-12-08T03:00"))).isEqualTo(OptionalLong.of(at("2026-12-08T08:00")));
        assertThat(t.quietUntil(at("2026-12-08T08:00"))).isEmpty();
        assertThat(t.quietText()).isEqualTo("22:00-08:00");
    }

    @Test
    void quietHoursWithinADayAndNoneAtAll() {
        Throttle lunch = Throttle.of("12:00 - 13:30", 5, SHANGHAI);
        assertThat(lunch.quietUntil(at("2026-12-07T11:59"))).isEmpty();
        assertThat(lunch.quietUntil(at("2026-12-07T12:45"))).isEqualTo(OptionalLong.of(at("2026-12-07T13:30")));
        assertThat(lunch.quietUntil(at("2026-12-07T13:30"))).isEmpty();
        assertThat(Throttle.of("off", 5, SHANGHAI).quietUntil(at("2026-12-07T03:00"))).isEmpty();
        assertThat(Throttle.of("", 5, SHANGHAI).quietText()).isNull();
    }

    @Test
    void theDailyCapCountsCalendarDaysInTheConfiguredZone() {
        Throttle t = Throttle.of("off", 2, SHANGHAI);
        long lateEvening = at("2026-12-07T23:59:59");
        assertThat(t.dayStart(lateEvening)).isEqualTo(at("2026-12-07T00:00"));
        assertThat(t.nextDay(lateEvening)).isEqualTo(at("2026-12-08T00:00"));
        assertThat(t.dayStart(at("2026-12-08T00:00"))).isEqualTo(at("2026-12-08T00:00"));
        assertThat(t.dailyCap()).isEqualTo(2);
    }

    @Test
    void unreadableSettingsStopTheStartWithTheSettingsName() {
        assertThatThrownBy(() -> Throttle.of("22-08", 10, SHANGHAI)).hasMessageContaining("parley.quiet.hours");
        assertThatThrownBy(() -> Throttle.of("25:00-08:00", 10, SHANGHAI)).hasMessageContaining("parley.quiet.hours");
        assertThatThrownBy(() -> Throttle.of("08:00-08:00", 10, SHANGHAI)).hasMessageContaining("parley.quiet.hours");
        assertThatThrownBy(() -> Throttle.of("off", 0, SHANGHAI)).hasMessageContaining("parley.broadcast.daily.cap");
    }

    @Test
    void targetsReadTagsGroupsAndChatsInBothLanguages() {
        Target t = Target.parse("tag:VIP,新客 group:客户群1，客户群 2; chat:wxid_a");
        assertThat(t.tags()).containsExactly("vip", "新客");
        assertThat(t.groups()).containsExactly("客户群1", "客户群 2");
        assertThat(t.chats()).containsExactly("wxid_a");
        assertThat(Target.parse(t.text())).isEqualTo(t);
        assertThat(Target.parse("标签：vip 群:售后群").groups()).containsExactly("售后群");
        assertThatThrownBy(() -> Target.parse("vip")).hasMessageContaining("sop.error.bad_target");
        assertThatThrownBy(() -> Target.parse("tag:")).hasMessageContaining("sop.error.bad_target");
        assertThatThrownBy(() -> Target.parse("tag:a.b")).hasMessageContaining("sop.error.bad_tag");
    }
}
