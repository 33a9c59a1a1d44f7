package io.rtm.client;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Numbers that must not repeat: the salts of signed quests and the ids of
 * messages sent. Unique within the process (one atomic counter per kind) and
 * unlikely to meet those of another process (seeded from the clock and a
 * random offset, in the manner of the public SDKs' millisecond-shifted ids).
 */
class UniqueIds {

    private static final UniqueIds SHARED = new UniqueIds();
    private static final UniqueIds MESSAGE_IDS = new UniqueIds();

    private final AtomicLong next;

    UniqueIds() {
        long seed = (System.currentTimeMillis() << 22) | ThreadLocalRandom.current().nextInt(1 << 21);
        this.next = new AtomicLong(seed & Long.MAX_VALUE);
    }

    /** The process's salts. */
    static UniqueIds shared() {
        return SHARED;
    }

    /** The process's message ids. */
    static UniqueIds messageIds() {
        return MESSAGE_IDS;
    }

    long next() {
        return next.incrementAndGet();
    }
}
