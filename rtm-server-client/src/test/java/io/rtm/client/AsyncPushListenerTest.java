package io.rtm.client;

import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.LockSupport;

import static io.rtm.client.ClientTestSupport.WAIT;
import static io.rtm.client.ClientTestSupport.clientFor;
import static org.assertj.core.api.Assertions.assertThat;

/** A push listener that finishes its pushes later: answers, failures, duplicates and back-pressure follow its stages. */
class AsyncPushListenerTest {

    private RtmTestServer server;
    private RtmServerClient client;
    private final AsyncListener listener = new AsyncListener();
    private final List<RtmPushType> failed = new CopyOnWriteArrayList<>();
    private final List<RtmPushType> duplicates = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        listener.pending.forEach(stage -> stage.complete(null));
        ClientTestSupport.closeAll(client, server);
    }

    /** Hands out one incomplete stage per message, for the test to complete. */
    private static final class AsyncListener implements RtmPushListener {
        final Queue<CompletableFuture<Void>> pending = new ConcurrentLinkedQueue<>();
        final List<Long> calls = new CopyOnWriteArrayList<>();

        @Override
        public CompletionStage<?> handleMessage(RtmMessage message) {
            calls.add(message.messageId());
            CompletableFuture<Void> stage = new CompletableFuture<>();
            pending.add(stage);
            return stage;
        }

        @Override
        public void onMessage(RtmMessage message) {
            throw new AssertionError("handleMessage is overridden");
        }

        @Override
        public void onEvent(RtmEvent event) {
        }

        CompletableFuture<Void> next() {
            CompletableFuture<Void> stage = pending.poll();
            assertThat(stage).as("a push waiting for its stage").isNotNull();
            return stage;
        }
    }

    private void connect(RtmServerClient.Builder builder) {
        client = builder.pushListener(listener).observer(new RtmClientObserver() {
            @Override
            public void pushFailed(RtmPushType type) {
                failed.add(type);
            }

            @Override
            public void duplicateDropped(RtmPushType type) {
                duplicates.add(type);
            }
        }).build();
        client.connect();
        client.addListen(Set.of(1001L), null, null, null);
    }

    @Test
    void aPushIsAnsweredWhenItsStageCompletes() {
        server = RtmTestServer.builder().build().start();
        connect(clientFor(server));

        server.pushGroupMessage(7, 1001, 1, 51, "later", "");
        server.awaitCondition(WAIT, "handed to the listener", () -> listener.calls.size() == 1);
        assertThat(client.dispatchQueueDepth()).as("counts as queued until done").isEqualTo(1);
        assertThat(server.pushesAnswered()).as("answered before its stage completed").isZero();

        listener.next().complete(null);
        server.awaitCondition(WAIT, "answered once done", () -> server.pushesAnswered() == 1);
        assertThat(client.dispatchQueueDepth()).isZero();
        assertThat(failed).isEmpty();
    }

    @Test
    void aFailedStageLeavesThePushUnansweredAndItIsHandledWhenPushedAgain() {
        server = RtmTestServer.builder().resendUnansweredAfter(Duration.ofMillis(100)).build().start();
        connect(clientFor(server));

        server.pushGroupMessage(7, 1001, 1, 51, "fails once", "");
        server.awaitCondition(WAIT, "handed to the listener", () -> listener.calls.size() == 1);
        listener.next().completeExceptionally(new IllegalStateException("the downstream system is down"));

        server.awaitCondition(WAIT, "handed again after the gateway pushed it again", () -> listener.calls.size() == 2);
        assertThat(server.pushesAnswered()).as("the failed push was not answered").isZero();
        assertThat(failed).containsExactly(RtmPushType.GROUP_MESSAGE);

        listener.next().complete(null);
        server.awaitCondition(WAIT, "answered once handled", () -> server.pushesAnswered() >= 1);
        assertThat(listener.calls).containsExactly(1L, 1L);
    }

    @Test
    void aListenerThatThrowsInsteadOfReturningAStageLeavesThePushUnanswered() {
        server = RtmTestServer.builder().resendUnansweredAfter(Duration.ofMillis(100)).build().start();
        List<Long> calls = new CopyOnWriteArrayList<>();
        client = clientFor(server).pushListener(new RtmPushListener() {
            @Override
            public CompletionStage<?> handleMessage(RtmMessage message) {
                calls.add(message.messageId());
                if (calls.size() == 1) {
                    throw new IllegalStateException("could not even hand it on");
                }
                return DONE;
            }

            @Override
            public void onMessage(RtmMessage message) {
            }

            @Override
            public void onEvent(RtmEvent event) {
            }
        }).observer(new RtmClientObserver() {
            @Override
            public void pushFailed(RtmPushType type) {
                failed.add(type);
            }
        }).build();
        client.connect();
        client.addListen(Set.of(1001L), null, null, null);

        server.pushGroupMessage(7, 1001, 1, 51, "throws once", "");
        server.awaitCondition(WAIT, "handled when pushed again", () -> calls.size() == 2);
        server.awaitCondition(WAIT, "answered once handled", () -> server.pushesAnswered() == 1);
        assertThat(failed).containsExactly(RtmPushType.GROUP_MESSAGE);
        assertThat(calls).containsExactly(1L, 1L);
    }

    @Test
    void anExceptionOfOnMessageCountsAsHandled() {
        server = RtmTestServer.builder().build().start();
        List<Long> calls = new CopyOnWriteArrayList<>();
        client = clientFor(server).pushListener(new RtmPushListener() {
            @Override
            public void onMessage(RtmMessage message) {
                calls.add(message.messageId());
                throw new IllegalStateException("a listener bug");
            }

            @Override
            public void onEvent(RtmEvent event) {
            }
        }).observer(new RtmClientObserver() {
            @Override
            public void pushFailed(RtmPushType type) {
                failed.add(type);
            }
        }).build();
        client.connect();
        client.addListen(Set.of(1001L), null, null, null);

        server.pushGroupMessage(7, 1001, 1, 51, "throws", "");
        server.awaitCondition(WAIT, "answered though the listener threw", () -> server.pushesAnswered() == 1);
        assertThat(calls).containsExactly(1L);
        assertThat(failed).isEmpty();
    }

    @Test
    void aDuplicateOfAPendingPushWaitsForItAndIsNotHandledAgain() {
        // long enough for the re-sent quest to be still waiting when the test completes the stage
        server = RtmTestServer.builder().resendUnansweredAfter(Duration.ofSeconds(1)).build().start();
        connect(clientFor(server));

        server.pushGroupMessage(7, 1001, 1, 51, "slow", "");
        server.awaitCondition(WAIT, "handed to the listener", () -> listener.calls.size() == 1);
        server.awaitCondition(WAIT, "its duplicate received", () -> duplicates.size() == 1);
        assertThat(server.pushesAnswered()).as("a duplicate answered before its original").isZero();

        listener.next().complete(null);
        server.awaitCondition(WAIT, "the re-sent push answered", () -> server.pushesAnswered() == 1);
        assertThat(listener.calls).containsExactly(1L);
    }

    @Test
    void pendingStagesCountAgainstTheQueueCapacityAndStopReading() {
        int capacity = 50;
        int pushes = 2000;
        server = RtmTestServer.builder().build().start();
        connect(clientFor(server).dispatchThreads(1).dispatchQueueCapacity(capacity));

        for (int mid = 0; mid < pushes; mid++) {
            server.pushGroupMessage(7, 1001, mid, 51, "push " + mid, "");
        }
        server.awaitCondition(WAIT, "the queue full", () -> client.dispatchQueueDepth() >= capacity);
        LockSupport.parkNanos(Duration.ofMillis(200).toNanos());
        // reading stopped at the capacity; what one socket read had already decoded may still come in
        assertThat(listener.calls.size()).isLessThanOrEqualTo(capacity + 64 * 16).isLessThan(pushes);
        assertThat(server.pushesAnswered()).isZero();

        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (server.pushesAnswered() < pushes && System.nanoTime() < deadline) {
            CompletableFuture<Void> stage = listener.pending.poll();
            if (stage == null) {
                LockSupport.parkNanos(100_000);
            } else {
                stage.complete(null);
            }
        }
        assertThat(server.pushesAnswered()).isEqualTo(pushes);
        assertThat(Set.copyOf(listener.calls)).hasSize(pushes);
    }
}
