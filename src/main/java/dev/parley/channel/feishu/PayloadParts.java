package dev.parley.channel.feishu;

import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.time.InstantSource;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts back together the payloads Feishu splits over several data frames of its long connection (headers
 * {@code sum} parts, this is part {@code seq} from 0, of {@code message_id}). Parts may come in any order;
 * a message whose parts do not all arrive within {@code keep} is dropped (Feishu pushes it again), and so
 * is the oldest one when too many are open at once.
 */
final class PayloadParts {
    private static final int MAX_PARTS = 64;
    private static final int MAX_OPEN = 100;

    private final InstantSource clock;
    private final Duration keep;
    private final Map<String, Open> open = new LinkedHashMap<>();

    private record Open(byte[][] parts, long since) {
    }

    /**
     * @param clock source of time
     * @param keep  how long the parts of one message wait for the rest
     */
    PayloadParts(InstantSource clock, Duration keep) {
        this.clock = clock;
        this.keep = keep;
    }

    /**
     * @param messageId the {@code message_id} header
     * @param sum       the {@code sum} header
     * @param seq       the {@code seq} header
     * @param payload   this part
     * @return the whole payload once every part is in, else {@code null}
     * @throws IllegalArgumentException when {@code sum} or {@code seq} make no sense
     */
    synchronized byte[] add(String messageId, int sum, int seq, byte[] payload) {
        if (sum <= 1) {
            return payload;
        }
        if (sum > MAX_PARTS || seq < 0 || seq >= sum) {
            throw new IllegalArgumentException("part " + seq + " of " + sum);
        }
        long now = clock.millis();
        dropStale(now);
        Open message = open.get(messageId);
        if (message == null || message.parts().length != sum) {
            message = new Open(new byte[sum][], now);
            open.put(messageId, message);
        }
        message.parts()[seq] = payload;
        ByteArrayOutputStream whole = new ByteArrayOutputStream();
        for (byte[] part : message.parts()) {
            if (part == null) {
                return null;
            }
            whole.writeBytes(part);
        }
        open.remove(messageId);
        return whole.toByteArray();
    }

    private void dropStale(long now) {
        Iterator<Open> oldestFirst = open.values().iterator();
        while (oldestFirst.hasNext()) {
            Open next = oldestFirst.next();
            if (now - next.since() <= keep.toMillis() && open.size() < MAX_OPEN) {
                return;
            }
            oldestFirst.remove();
        }
    }
}
