package io.rtm.client;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Remembers the last {@code capacity} event pushes, oldest forgotten first,
 * so that an event the gateway sends again (after a lost answer) is dropped:
 * two events are the same when all of project id, event, user, time, endpoint
 * and data are. A capacity of 0 turns it off. Events are few next to
 * messages, so a map of the events themselves does.
 */
final class EventDeduplicator {

    private final int capacity;
    private final Map<RtmEvent, Boolean> seen;

    EventDeduplicator(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("dedup capacity must not be negative: " + capacity);
        }
        this.capacity = capacity;
        this.seen = new LinkedHashMap<>(16, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<RtmEvent, Boolean> eldest) {
                return size() > EventDeduplicator.this.capacity;
            }
        };
    }

    /** Forgets every event seen. */
    synchronized void clear() {
        seen.clear();
    }

    /** Forgets one event seen. */
    synchronized void forget(RtmEvent event) {
        seen.remove(event);
    }

    /** Records the event and tells whether it had been seen already. */
    synchronized boolean isDuplicate(RtmEvent event) {
        return capacity > 0 && seen.put(event, Boolean.TRUE) != null;
    }
}
