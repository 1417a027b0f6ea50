package dev.parley.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {
    @ParameterizedTest
    @CsvSource({
            "45s, PT45S", "30m, PT30M", "12h, PT12H", "7d, PT168H", "2w, PT336H", "1h30m, PT1H30M",
            "1d12h, PT36H", "1w2d3h4m5s, PT219H4M5S", "7D, PT168H", "1H30M, PT1H30M", "90m, PT1H30M",
            "2 hours, PT2H", "1 week, PT168H", "10 mins, PT10M", "0m, PT0S",
            "7天, PT168H", "12小时, PT12H", "30分钟, PT30M", "30分, PT30M", "2周, PT336H", "45秒, PT45S",
            "2个小时, PT2H", "3个星期, PT504H", "1小时30分钟, PT1H30M", "1天12小时, PT36H", "2个钟头, PT2H",
            "１２小时, PT12H", "７ｄ, PT168H", "' 1h 30m ', PT1H30M"})
    void readsBothNotations(String typed, String expected) {
        assertThat(Durations.parse(typed)).hasValue(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "30", "m", "7x", "30m1h", "1h1h", "1h60m1h", "1.5h", "-7d", "7dd", "1mo",
            "9999999999d", "七天", "个小时", "2个", "h30", "1h-30m", "1h,30m", "天7"})
    void rejectsEverythingElse(String typed) {
        assertThat(Durations.parse(typed)).as(typed).isEmpty();
    }
}
