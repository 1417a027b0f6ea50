package dev.parley.command;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DatesTest {
    @ParameterizedTest
    @CsvSource({
            "2026-01-31, 2026-01-31", "2026/1/31, 2026-01-31", "2026.1.31, 2026-01-31", "2026-1-5, 2026-01-05",
            "2026/01/05, 2026-01-05", "2024-02-29, 2024-02-29", "2026年1月31日, 2026-01-31", "2026年1月31号, 2026-01-31",
            "2026年12月1, 2026-12-01", "２０２６－０１－３１, 2026-01-31", "２０２６／１／３１, 2026-01-31", "' 2026-01-31 ', 2026-01-31"})
    void readsEveryNotation(String typed, String expected) {
        assertThat(Dates.parse(typed)).hasValue(LocalDate.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "2026-02-30", "2025-02-29", "2026-13-01", "2026-00-10", "2026-1/31", "26-01-31",
            "2026-01", "2026/01/31/", "today", "2026年13月1日", "2026年1月", "20260131", "2026-001-01", "31.1.2026"})
    void rejectsEverythingElse(String typed) {
        assertThat(Dates.parse(typed)).as(typed).isEmpty();
    }
}
