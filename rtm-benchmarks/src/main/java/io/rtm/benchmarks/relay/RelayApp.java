package io.rtm.benchmarks.relay;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;

import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;
import io.rtm.spring.annotation.RtmListener;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

/**
 * The {@code relay} scenario's application: the RTM starter with {@code rtm.relay.kafka.*} and
 * {@code rtm.cluster.*}, and one {@code @RtmListener(GROUP_MESSAGE)} method that notes when it took each push
 * and then works on it for {@code bench.listener-nanos} (parked, not spinning: on two shared cores a spin would
 * take the CPU the gateway, the broker and the other instances need, and measure the scheduler instead). The
 * receiving instance relays every push and never calls it; the consuming ones do.
 */
@SpringBootApplication
public class RelayApp {

    /** Does the listener's work and notes, by mid, when a push was taken and how often. */
    @Component
    public static class Work {

        private final long workNanos;

        /** {@link System#nanoTime()} when the listener first took the push of that mid; 0 for none. */
        private final AtomicLongArray takenAt;

        private final AtomicLongArray times;

        private final AtomicLong calls = new AtomicLong();

        private final AtomicLong busyNanos = new AtomicLong();

        /**
         * @param workNanos what one push costs the listener
         * @param maxMid    the largest mid noted; the scenario sends no larger one
         */
        public Work(@Value("${bench.listener-nanos}") long workNanos, @Value("${bench.max-mid}") int maxMid) {
            this.workNanos = workNanos;
            this.takenAt = new AtomicLongArray(maxMid + 1);
            this.times = new AtomicLongArray(maxMid + 1);
        }

        /** Notes the push, then works on it. */
        @RtmListener(RtmPushType.GROUP_MESSAGE)
        public void onGroupMessage(RtmMessage message) {
            long start = System.nanoTime();
            long mid = message.messageId();
            if (mid > 0 && mid < this.times.length()) {
                this.takenAt.compareAndSet((int) mid, 0, start);
                this.times.incrementAndGet((int) mid);
            }
            LockSupport.parkNanos(this.workNanos);
            // what the work really took: parking overshoots by the timer slack and the wake-up
            this.busyNanos.addAndGet(System.nanoTime() - start);
            this.calls.incrementAndGet();
        }

        /** When this instance first took the push of that mid, or 0. */
        public long takenAt(int mid) {
            return this.takenAt.get(mid);
        }

        /** How many times this instance handled the push of that mid. */
        public long times(int mid) {
            return this.times.get(mid);
        }

        /** The listener calls that returned. */
        public long calls() {
            return this.calls.get();
        }

        /** The time spent in those calls, in nanoseconds. */
        public long busyNanos() {
            return this.busyNanos.get();
        }
    }
}
