package io.rtm.client;

import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static io.rtm.client.ClientTestSupport.clientFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A listener far slower than the pushes: the dispatch queue stays bounded
 * because the client stops reading, and every answered push still arrives once.
 */
class BackpressureTest {

    private static final int CAPACITY = 50;
    private static final int PUSHES = 2000;

    private RtmTestServer server;
    private RtmServerClient client;

    @AfterEach
    void stop() throws Exception {
        ClientTestSupport.closeAll(client, server);
    }

    /** Handles one push every ~0.5 ms, and records each mid once. */
    private static final class SlowMonitor implements RtmServerPushMonitor {
        final Set<Long> mids = ConcurrentHashMap.newKeySet();
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public void pushGroupMessage(RtmMessage message) {
            LockSupport.parkNanos(500_000);
            mids.add(message.messageId());
            calls.incrementAndGet();
        }
    }

    @Test
    void slowListenerPausesReadingAndLosesNothing() {
        server = RtmTestServer.builder().build().start();
        SlowMonitor monitor = new SlowMonitor();
        client = clientFor(server).serverPushMonitor(monitor).dispatchThreads(1).dispatchQueueCapacity(CAPACITY)
                .build();
        client.connect();
        client.addListen(Set.of(1L), null, null, null);

        for (int mid = 0; mid < PUSHES; mid++) {
            server.pushGroupMessage(7, 1, mid, 51, "push " + mid, "");
        }
        int maxDepth = 0;
        long maxBacklog = 0;
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (monitor.calls.get() < PUSHES && System.nanoTime() < deadline) {
            maxDepth = Math.max(maxDepth, client.dispatchQueueDepth());
            maxBacklog = Math.max(maxBacklog, server.pushesSent() - server.pushesAnswered());
            LockSupport.parkNanos(1_000_000);
        }

        assertThat(monitor.calls).hasValue(PUSHES);
        assertThat(monitor.mids).hasSize(PUSHES);
        // reading stops at CAPACITY; what one socket read had already decoded may still come in
        assertThat(maxDepth).isLessThanOrEqualTo(CAPACITY + 64 * 16);
        assertThat(maxBacklog).as("pushes left unanswered on the gateway while the client was not reading")
                .isGreaterThan(PUSHES / 2);
        server.awaitCondition(ClientTestSupport.WAIT, "all answered", () -> server.pushesAnswered() == PUSHES);
    }

    @Test
    void closeDeliversEveryAnsweredPushBeforeClosing() {
        server = RtmTestServer.builder().build().start();
        SlowMonitor monitor = new SlowMonitor();
        client = clientFor(server).serverPushMonitor(monitor).dispatchThreads(2).dispatchQueueCapacity(CAPACITY)
                .shutdownTimeout(Duration.ofSeconds(30)).build();
        client.connect();
        client.addListen(Set.of(1L, 2L), null, null, null);
        for (int mid = 0; mid < 400; mid++) {
            server.pushGroupMessage(7, 1 + mid % 2, mid, 51, "push " + mid, "");
        }
        server.awaitCondition(ClientTestSupport.WAIT, "some answered", () -> server.pushesAnswered() >= CAPACITY);

        client.close();
        // answers still in flight are counted once the gateway has seen the connection end
        server.awaitCondition(ClientTestSupport.WAIT, "connection closed", () -> server.connectionCount() == 0);

        long answered = server.pushesAnswered();
        assertThat(monitor.calls.get()).as("every push the client answered reached the listener")
                .isEqualTo((int) answered);
        assertThat(monitor.mids).hasSize((int) answered);
    }
}
