package io.rtm.benchmarks.spring;

import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;
import io.rtm.spring.boot.autoconfigure.RtmListener;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.stereotype.Component;

import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * The {@code spring} scenario's application: the RTM starter's auto-configuration
 * and one {@code @RtmListener(GROUP_MESSAGE)} method that counts.
 */
@SpringBootApplication
public class BenchSpringApp {

    /** The counting listener. */
    @Component
    public static class CountingListener {

        final AtomicLong handled = new AtomicLong();
        volatile Consumer<String> attrsSink;

        @RtmListener(value = RtmPushType.GROUP_MESSAGE, groups = "${bench.gid}")
        public void onGroupMessage(RtmMessage message) {
            Consumer<String> sink = attrsSink;
            if (sink != null) {
                sink.accept(message.attrs());
            }
            handled.incrementAndGet();
        }
    }
}
