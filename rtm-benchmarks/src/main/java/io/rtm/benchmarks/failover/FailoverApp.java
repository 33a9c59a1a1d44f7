package io.rtm.benchmarks.failover;

import java.util.concurrent.atomic.AtomicLongArray;

import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;
import io.rtm.spring.annotation.RtmListener;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

/**
 * The {@code failover} scenario's application: the RTM starter, a cluster member through
 * {@code rtm.cluster.*}, and one {@code @RtmListener(GROUP_MESSAGE)} method that notes which pushes it handled.
 */
@SpringBootApplication
public class FailoverApp {

    /** Notes the pushes handled, by mid. */
    @Component
    public static class HandledPushes {

        /** The largest mid noted; the scenario sends fewer. */
        public static final int CAPACITY = 1_000_000;

        private final AtomicLongArray handled = new AtomicLongArray(CAPACITY);

        /** Notes one push. */
        @RtmListener(value = RtmPushType.GROUP_MESSAGE, groups = "${bench.gid}")
        public void onGroupMessage(RtmMessage message) {
            long mid = message.messageId();
            if (mid > 0 && mid < CAPACITY) {
                this.handled.incrementAndGet((int) mid);
            }
        }

        /** How many times the push of that mid was handled. */
        public long times(int mid) {
            return this.handled.get(mid);
        }
    }
}
