package dev.parley.stats;

/**
 * One row of a ranking (top speakers, top inviters, busiest groups, users in most groups).
 *
 * @param id    the person's or group's platform id
 * @param name  how cards name it (the id when no name is known)
 * @param count messages, invitations or groups
 */
public record Ranked(String id, String name, long count) {
}
