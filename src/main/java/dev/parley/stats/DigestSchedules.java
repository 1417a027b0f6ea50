package dev.parley.stats;

import java.time.LocalDate;
import java.time.LocalTime;
import java.util.List;

import org.jdbi.v3.core.Jdbi;

/**
 * The daily digest schedules, one per bound chat, kept in MariaDB so they survive restarts. Claiming a day is a
 * conditional update, so a digest is posted at most once per chat and day, even by two processes.
 */
final class DigestSchedules {
    private final Jdbi jdbi;

    /**
     * One chat's schedule.
     *
     * @param channel    the channel's name
     * @param chatId     the chat
     * @param at         the local time of day it is posted at
     * @param lastPosted the local day it was last posted for, or {@code null}
     */
    record Schedule(String channel, String chatId, LocalTime at, LocalDate lastPosted) {
    }

    DigestSchedules(Jdbi jdbi) {
        this.jdbi = jdbi;
    }

    /**
     * @param skipToday when the time has passed today: the first digest is tomorrow's, not one posted at once
     */
    void set(String channel, String chatId, LocalTime at, String by, long now, LocalDate skipToday) {
        jdbi.useHandle(h -> h.createUpdate("""
                        INSERT INTO digest_schedules (channel, chat_id, at_time, last_posted, created_by, created_at)
                        VALUES (:channel, :chat, :at, :skip, :by, :now)
                        ON DUPLICATE KEY UPDATE at_time = VALUES(at_time),
                          last_posted = COALESCE(VALUES(last_posted), last_posted)""")
                .bind("channel", channel).bind("chat", chatId).bind("at", at.toString()).bind("skip", skipToday)
                .bind("by", by).bind("now", now).execute());
    }

    boolean remove(String channel, String chatId) {
        return jdbi.withHandle(h -> h.createUpdate("DELETE FROM digest_schedules WHERE channel = :channel AND chat_id = :chat")
                .bind("channel", channel).bind("chat", chatId).execute()) > 0;
    }

    List<Schedule> all() {
        return jdbi.withHandle(h -> h.createQuery("SELECT channel, chat_id, at_time, last_posted FROM digest_schedules"
                        + " ORDER BY channel, chat_id")
                .map((rs, ctx) -> new Schedule(rs.getString(1), rs.getString(2), LocalTime.parse(rs.getString(3)),
                        rs.getObject(4, LocalDate.class)))
                .list());
    }

    /** @return whether this caller won the day: no digest was posted to the chat for {@code day} yet */
    boolean claim(String channel, String chatId, LocalDate day) {
        return jdbi.withHandle(h -> h.createUpdate("""
                        UPDATE digest_schedules SET last_posted = :day
                        WHERE channel = :channel AND chat_id = :chat AND (last_posted IS NULL OR last_posted < :day)""")
                .bind("day", day).bind("channel", channel).bind("chat", chatId).execute()) == 1;
    }
}
