package io.rtm.client;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PushDispatcherTest {

    private static RtmMessage message(long group, long mid) {
        return RtmMessage.builder(MessageSource.GROUP).fromUid(1).toId(group).messageId(mid).messageType(51)
                .text("m" + mid).build();
    }

    @Test
    void keepsTheOrderOfEachConversationAcrossLanes() {
        Map<Long, List<Long>> received = new ConcurrentHashMap<>();
        RtmServerPushMonitor monitor = new RtmServerPushMonitor() {
            @Override
            public void pushGroupMessage(RtmMessage message) {
                received.computeIfAbsent(message.toId(), k -> Collections.synchronizedList(new ArrayList<>()))
                        .add(message.messageId());
            }
        };
        PushDispatcher dispatcher = dispatcher(4, 100_000, listenerOf(monitor), noBackpressure());
        dispatcher.start();
        for (long mid = 0; mid < 2000; mid++) {
            dispatcher.dispatch(message(mid % 16, mid), null);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> received.values().stream().mapToInt(List::size).sum() == 2000);
        received.values().forEach(mids -> assertThat(mids).isSorted());
        assertThat(dispatcher.drainPushes(Duration.ofSeconds(5))).isZero();
    }

    @Test
    void aFailingCallbackDoesNotStopTheLane() {
        AtomicInteger handled = new AtomicInteger();
        RtmServerPushMonitor monitor = new RtmServerPushMonitor() {
            @Override
            public void pushGroupMessage(RtmMessage message) {
                handled.incrementAndGet();
                if (message.messageId() == 0) {
                    throw new IllegalStateException("listener bug");
                }
            }
        };
        PushDispatcher dispatcher = dispatcher(1, 100, listenerOf(monitor), noBackpressure());
        dispatcher.start();
        dispatcher.dispatch(message(1, 0), null);
        dispatcher.dispatch(message(1, 1), null);
        await().atMost(Duration.ofSeconds(5)).until(() -> handled.get() == 2);
        dispatcher.drainPushes(Duration.ofSeconds(5));
    }

    @Test
    void pausesReadingWhenFullAndResumesWhenHalfDrained() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        List<String> signals = Collections.synchronizedList(new ArrayList<>());
        RtmServerPushMonitor slow = new RtmServerPushMonitor() {
            @Override
            public void pushGroupMessage(RtmMessage message) {
                try {
                    release.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        PushDispatcher dispatcher = dispatcher(1, 10, listenerOf(slow), new PushDispatcher.Backpressure() {
            @Override
            public void pause() {
                signals.add("pause");
            }

            @Override
            public void resume() {
                signals.add("resume");
            }
        });
        dispatcher.start();
        for (long mid = 0; mid < 9; mid++) {
            dispatcher.dispatch(message(1, mid), null);
        }
        assertThat(signals).isEmpty();
        dispatcher.dispatch(message(1, 9), null);
        assertThat(signals).containsExactly("pause");
        dispatcher.dispatch(message(1, 10), null);
        assertThat(signals).containsExactly("pause");
        release.countDown();
        await().atMost(Duration.ofSeconds(5)).until(() -> dispatcher.depth() == 0);
        assertThat(signals).containsExactly("pause", "resume");
        dispatcher.drainPushes(Duration.ofSeconds(5));
    }

    @Test
    void shutdownHandlesWhatIsQueuedThenStops() {
        AtomicInteger handled = new AtomicInteger();
        RtmServerPushMonitor monitor = new RtmServerPushMonitor() {
            @Override
            public void pushGroupMessage(RtmMessage message) {
                handled.incrementAndGet();
            }
        };
        PushDispatcher dispatcher = dispatcher(2, 100_000, listenerOf(monitor), noBackpressure());
        dispatcher.start();
        for (long mid = 0; mid < 500; mid++) {
            dispatcher.dispatch(message(mid, mid), null);
        }
        assertThat(dispatcher.drainPushes(Duration.ofSeconds(10))).isZero();
        assertThat(handled).hasValue(500);
    }

    private static Supplier<RtmPushListener> listenerOf(RtmServerPushMonitor monitor) {
        MonitorListener listener = new MonitorListener(monitor);
        return () -> listener;
    }

    private static PushDispatcher dispatcher(int threads, int capacity, Supplier<RtmPushListener> listener,
                                             PushDispatcher.Backpressure backpressure) {
        return new PushDispatcher(threads, capacity, listener, backpressure, push -> { }, RtmClientObserver.NONE);
    }

    private static PushDispatcher.Backpressure noBackpressure() {
        return new PushDispatcher.Backpressure() {
            @Override
            public void pause() {
            }

            @Override
            public void resume() {
            }
        };
    }
}
