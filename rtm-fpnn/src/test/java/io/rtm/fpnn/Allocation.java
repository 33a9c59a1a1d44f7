package io.rtm.fpnn;

import java.lang.management.ManagementFactory;
import java.util.function.Supplier;

/** Bounds what one fuzz case may allocate, by the bytes its thread allocates while it runs. */
final class Allocation {

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private Allocation() {
    }

    /**
     * Runs the action and returns its result, failing if it allocated
     * {@code bound} bytes or more. An action over the bound runs once more
     * before it fails: first-time costs (class loading, the fuzzer's
     * instrumentation) do not come twice, allocation driven by input does.
     */
    static <T> T below(long bound, Supplier<T> action, Supplier<String> description) {
        long allocated = 0;
        for (int run = 0; run < 2; run++) {
            long before = THREADS.getCurrentThreadAllocatedBytes();
            T result = action.get();
            allocated = THREADS.getCurrentThreadAllocatedBytes() - before;
            if (allocated < bound) {
                return result;
            }
        }
        throw new AssertionError(allocated + " bytes allocated (bound " + bound + ") by " + description.get());
    }
}
