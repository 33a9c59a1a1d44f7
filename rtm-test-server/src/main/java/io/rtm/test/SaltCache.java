package io.rtm.test;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The salts already used on one connection (protocol section 8.1, error 200006).
 *
 * <p>A salt only needs remembering while its quest's {@code ts} is inside the
 * clock-skew window: a replay after that fails the time check first. Older
 * entries are dropped as new ones arrive, and the cache never holds more than
 * {@link #CAPACITY} salts (oldest evicted), so a chatty connection cannot grow
 * it without bound.
 */
final class SaltCache {

    static final int CAPACITY = 100_000;

    /** salt → the quest's ts in milliseconds, in arrival order. */
    private final LinkedHashMap<Long, Long> seen = new LinkedHashMap<>();

    /**
     * Records the salt.
     *
     * @return false when it was already used on this connection
     */
    synchronized boolean firstUse(long salt, long tsMillis, long nowMillis, long skewMillis) {
        Iterator<Map.Entry<Long, Long>> eldest = seen.entrySet().iterator();
        while (eldest.hasNext()) {
            Map.Entry<Long, Long> entry = eldest.next();
            if (seen.size() < CAPACITY && entry.getValue() >= nowMillis - skewMillis) {
                break;
            }
            eldest.remove();
        }
        return seen.putIfAbsent(salt, tsMillis) == null;
    }
}
