package io.rtm.client;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Salts for signed quests: unique within the process (one atomic counter) and
 * unlikely to meet those of another process (seeded from the clock and a random
 * offset, in the manner of the public SDKs' millisecond-shifted ids).
 */
class SaltGenerator {

    private static final SaltGenerator SHARED = new SaltGenerator();

    private final AtomicLong next;

    SaltGenerator() {
        long seed = (System.currentTimeMillis() << 22) | ThreadLocalRandom.current().nextInt(1 << 21);
        this.next = new AtomicLong(seed & Long.MAX_VALUE);
    }

    static SaltGenerator shared() {
        return SHARED;
    }

    long next() {
        return next.incrementAndGet();
    }
}
