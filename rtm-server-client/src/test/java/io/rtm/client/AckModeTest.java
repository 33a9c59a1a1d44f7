package io.rtm.client;

import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static io.rtm.client.ClientTestSupport.WAIT;
import static io.rtm.client.ClientTestSupport.clientFor;
import static org.assertj.core.api.Assertions.assertThat;

/** When pushes are answered: after their listener returned (the default), or on receipt. */
class AckModeTest {

    private RtmTestServer server;
    private RtmServerClient client;
    private final CountDownLatch release = new CountDownLatch(1);
    private final CountDownLatch entered = new CountDownLatch(1);
    private final List<Long> handled = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        ClientTestSupport.closeAll(client, server);
    }

    /** Records each message; the first waits until the test releases it. */
    private final RtmPushListener blocking = new RtmPushListener() {
        @Override
        public void onMessage(RtmMessage message) {
            entered.countDown();
            await(release);
            handled.add(message.messageId());
        }

        @Override
        public void onEvent(RtmEvent event) {
            handled.add(event.time());
        }
    };

    private static void await(CountDownLatch latch) {
        try {
            latch.await(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void connect(RtmServerClient.Builder builder) {
        client = builder.pushListener(blocking).build();
        client.connect();
        client.addListen(Set.of(1001L), null, null, Set.of("login"));
    }

    @Test
    void byDefaultAPushIsAnsweredOnlyOnceItsListenerReturned() throws InterruptedException {
        server = RtmTestServer.builder().build().start();
        connect(clientFor(server));

        server.pushGroupMessage(7, 1001, 1, 51, "slow", "");
        assertThat(entered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        assertThat(server.pushesAnswered()).as("answered while its listener runs").isZero();

        release.countDown();
        server.awaitCondition(WAIT, "answered once handled", () -> server.pushesAnswered() == 1);
        assertThat(handled).containsExactly(1L);
    }

    @Test
    void onReceiptAPushIsAnsweredBeforeItsListenerReturns() throws InterruptedException {
        server = RtmTestServer.builder().build().start();
        connect(clientFor(server).ackMode(AckMode.ON_RECEIPT));

        server.pushGroupMessage(7, 1001, 1, 51, "slow", "");
        assertThat(entered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        server.awaitCondition(WAIT, "answered while its listener runs", () -> server.pushesAnswered() == 1);
        assertThat(handled).isEmpty();
    }

    @Test
    void aListenerThatThrowsStillHasItsPushAnswered() {
        server = RtmTestServer.builder().build().start();
        client = clientFor(server).pushListener(new RtmPushListener() {
            @Override
            public void onMessage(RtmMessage message) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onEvent(RtmEvent event) {
            }
        }).build();
        client.connect();
        client.addListen(Set.of(1001L), null, null, null);

        server.pushGroupMessage(7, 1001, 1, 51, "fails", "");
        server.awaitCondition(WAIT, "answered after the failure", () -> server.pushesAnswered() == 1);
        assertThat(server.pushErrorAnswers()).isZero();
    }

    @Test
    void aDuplicateOfAPushStillBeingHandledIsAnsweredAfterItAndHandledOnce() throws InterruptedException {
        server = RtmTestServer.builder().resendUnansweredAfter(Duration.ofMillis(50)).build().start();
        connect(clientFor(server));

        server.pushGroupMessage(7, 1001, 1, 51, "slow", "");
        assertThat(entered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();
        server.awaitCondition(WAIT, "sent again while unanswered", () -> server.pushesResent() >= 1);
        assertThat(server.pushesAnswered()).as("the duplicate is not answered before its original").isZero();

        release.countDown();
        server.awaitCondition(WAIT, "original and duplicates answered",
                () -> server.pushesAnswered() >= 1 && server.pushesAnswered() + server.pushesResent() >= 2);
        assertThat(handled).containsExactly(1L);
    }

    @Test
    void aDisconnectLeavesWhatWasNotHandledUnansweredAndItIsHandledWhenPushedAgain() throws InterruptedException {
        server = RtmTestServer.builder().build().start();
        connect(clientFor(server).shutdownTimeout(Duration.ofMillis(200)));
        for (int mid = 1; mid <= 5; mid++) {
            server.pushGroupMessage(7, 1001, mid, 51, "m" + mid, "");
        }
        assertThat(entered.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)).isTrue();

        client.disconnect(); // the first push is stuck in its listener past the shutdown timeout
        assertThat(server.pushesAnswered()).as("nothing answered that was not handled").isEqualTo(handled.size());
        release.countDown();

        // pushed again (as the gateway does with unanswered pushes): the client handles them this time
        client.connect();
        for (int mid = 1; mid <= 5; mid++) {
            server.pushGroupMessage(7, 1001, mid, 51, "m" + mid, "");
        }
        server.awaitCondition(WAIT, "all handled", () -> handled.containsAll(List.of(1L, 2L, 3L, 4L, 5L)));
    }

    @Test
    void anEventPushedTwiceIsHandledOnce() {
        server = RtmTestServer.builder().build().start();
        List<RtmPushType> duplicates = new CopyOnWriteArrayList<>();
        client = clientFor(server).pushListener(blocking).observer(new RtmClientObserver() {
            @Override
            public void duplicateDropped(RtmPushType type) {
                duplicates.add(type);
            }
        }).build();
        client.connect();
        client.addListen(null, null, null, Set.of("login"));

        server.pushEvent("login", 42, 1_700_000_000L, "10.0.0.1:5000", "");
        server.pushEvent("login", 42, 1_700_000_000L, "10.0.0.1:5000", "");
        server.pushEvent("login", 42, 1_700_000_001L, "10.0.0.1:5000", "");
        server.awaitCondition(WAIT, "all answered", () -> server.pushesAnswered() == 3);
        assertThat(handled).containsExactly(1_700_000_000L, 1_700_000_001L);
        assertThat(duplicates).containsExactly(RtmPushType.EVENT);
    }
}
