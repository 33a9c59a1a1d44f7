package io.rtm.benchmarks.spring;

import io.rtm.benchmarks.PushCounter;
import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;
import io.rtm.spring.annotation.RtmListener;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

/**
 * The {@code spring} scenario's application: the RTM starter's auto-configuration
 * and one {@code @RtmListener(GROUP_MESSAGE)} method that counts.
 */
@SpringBootApplication
public class BenchSpringApp {

    /** The counting listener. */
    @Component
    public static class CountingListener {

        /** Counts the pushes received. */
        public final PushCounter counter = new PushCounter();

        /** Counts one push. */
        @RtmListener(value = RtmPushType.GROUP_MESSAGE, groups = "${bench.gid}")
        public void onGroupMessage(RtmMessage message) {
            counter.count(message.attrs());
        }
    }
}
