package dev.parley.ingest;

import java.util.BitSet;
import java.util.List;

import dev.parley.message.InboundMessage;

/** Makes a batch of messages durable in one transaction; {@link MessageWriter} is the real one. */
public interface BatchWriter {
    /**
     * @param batch messages in arrival order
     * @return which positions were new, and the highest id written
     */
    Written write(List<InboundMessage> batch);

    /**
     * What a batch write did.
     *
     * @param stored positions in the batch that were new and are now stored
     * @param maxId  the highest {@code messages.id} written, 0 if none
     */
    record Written(BitSet stored, long maxId) {
    }
}
