/**
 * {@code ./parley bench}: {@link dev.parley.bench.Bench} measures ingestion through the webhook path, search and a
 * year of group statistics ({@code StatsBench}), each next to a plain-SQL baseline in the same run;
 * {@link dev.parley.bench.SyntheticChat} generates the deterministic chat traffic
 * ({@link dev.parley.bench.SyntheticMessage}) it and the tests use.
 *
 * <p>No package of the service imports it. It must not import a channel or connector adapter, nor any platform SDK:
 * it starts a whole {@code Parley} and measures it as it runs.
 */
package dev.parley.bench;
