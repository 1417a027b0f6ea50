package dev.parley.stats;

import java.util.List;

/**
 * The whole fleet at a glance.
 *
 * @param online      accounts online
 * @param offline     accounts offline
 * @param other       accounts in another state (logging in, unknown)
 * @param groups      active groups
 * @param messages24h messages in the last 24 hours
 * @param busiest     groups with the most messages in the last 24 hours
 */
public record FleetReport(long online, long offline, long other, long groups, long messages24h, List<Ranked> busiest) {
}
