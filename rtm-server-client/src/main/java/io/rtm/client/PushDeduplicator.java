package io.rtm.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the last {@code capacity} message pushes, keyed by (method,
 * from, target, mid), oldest forgotten first (protocol section 7). A capacity
 * of 0 turns de-duplication off.
 */
final class PushDeduplicator {

    private final int capacity;
    private final LinkedHashMap<Key, Boolean> seen;

    PushDeduplicator(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("dedup capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, Boolean> eldest) {
                return size() > PushDeduplicator.this.capacity;
            }
        };
    }

    /** Records the push and tells whether it had been seen already. */
    synchronized boolean isDuplicate(MessageSource source, long from, long to, long mid) {
        if (capacity == 0) {
            return false;
        }
        return seen.putIfAbsent(new Key(source, from, to, mid), Boolean.TRUE) != null;
    }

    synchronized int size() {
        return seen.size();
    }

    private record Key(MessageSource source, long from, long to, long mid) {
    }
}
