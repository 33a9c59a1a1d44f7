package io.rtm.benchmarks;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/** Bounded waits of the scenarios that run several Spring contexts: a benchmark always stops by itself. */
final class Waits {

    private Waits() {
    }

    /**
     * Polls the condition every 5 ms until it holds.
     *
     * @throws IllegalStateException naming {@code what} when it does not hold within {@code within}
     */
    static void await(String what, Duration within, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                throw new IllegalStateException(what + " not within " + within.toSeconds() + " s");
            }
            TimeUnit.MILLISECONDS.sleep(5);
        }
    }
}
