package dev.parley.ingest;

/**
 * What happened to one submission once its transaction committed.
 *
 * @param stored     messages that were new and are now durable
 * @param duplicates messages that were already stored (re-deliveries)
 */
public record IngestOutcome(int stored, int duplicates) {
}
