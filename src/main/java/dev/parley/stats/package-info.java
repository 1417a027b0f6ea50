/**
 * Statistics from the stored history: {@link dev.parley.stats.StatsAggregator} keeps daily aggregate tables by
 * following {@code messages} and {@code group_events}; {@link dev.parley.stats.Stats} computes the fleet, account,
 * group, overlap and ranking reports; {@link dev.parley.stats.StatsCommands} ({@code /stats}) shows them as cards with
 * a chart or as CSV, and {@link dev.parley.stats.Digests} builds the daily digest ({@code /digest}) for bound chats.
 *
 * <p>It writes only its own tables (the {@code stats_*} aggregates and watermarks, {@code digest_schedules}); messages,
 * members and group events are only read. It must not import a connector or an adapter, {@code ingest} or
 * {@code outbound}; digests reach chats through the channel port's deliveries.
 */
package dev.parley.stats;
