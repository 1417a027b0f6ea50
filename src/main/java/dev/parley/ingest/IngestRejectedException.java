package dev.parley.ingest;

/** A submission was refused before anything was written: the queue is full or ingestion is shutting down. */
public final class IngestRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message why, for logs
     */
    public IngestRejectedException(String message) {
        super(message);
    }
}
