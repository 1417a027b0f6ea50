/**
 * Ingestion of messages: {@link dev.parley.ingest.GroupCommitter} lets many submissions share one transaction, so
 * a message is acknowledged only once durable, and its one thread is the single writer of {@code messages} (ids become
 * visible in increasing order, which search and statistics rely on); {@link dev.parley.ingest.MessageWriter} writes a
 * batch, skipping re-deliveries and creating unknown accounts.
 *
 * <p>It knows no platform: it imports only {@code account} and {@code message}, and must not import a connector (the
 * connectors submit to it) or an adapter. Nothing else in the service writes {@code messages} (the benchmark's bulk
 * loads aside).
 */
package dev.parley.ingest;
