package dev.parley.channel;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What adapters remember about recent messages (which photo a message shows, which chat a card is in, which event ids
 * were handled) without growing forever: a thread-safe map that keeps only the most recently used entries.
 */
public final class Recent {
    private Recent() {
    }

    /**
     * @param capacity the most entries kept; the least recently used go first
     * @param <K>      keys
     * @param <V>      values
     * @return an empty map
     */
    public static <K, V> Map<K, V> map(int capacity) {
        return Collections.synchronizedMap(new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > capacity;
            }
        });
    }
}
