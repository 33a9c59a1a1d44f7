package io.rtm.client;

import io.rtm.fpnn.Payload;
import io.rtm.test.GatewayListenState;
import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import static io.rtm.client.ClientTestSupport.clientFor;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * While the gateway pushes a numbered stream, it is stopped and started again
 * and again: each time the client re-applies its listen set, and every push the
 * client answered reaches the listener exactly once. The number of restarts is
 * 20, or the system property {@code rtm.chaos.restarts} for a longer run.
 */
class GatewayRestartChaosTest {

    private static final int RESTARTS = Integer.getInteger("rtm.chaos.restarts", 20);
    private static final ReconnectPolicy BACK_OFF =
            new ReconnectPolicy(true, Duration.ofMillis(20), Duration.ofMillis(200), 2.0, 0.2);
    /** The longest a restore may take: the back-off's cap, plus a generous allowance for a loaded machine. */
    private static final Duration RESTORE_BOUND = BACK_OFF.maxDelay().plusSeconds(10);

    private RtmTestServer server;
    private RtmServerClient client;

    @AfterEach
    void stop() throws Exception {
        ClientTestSupport.closeAll(client, server);
    }

    @Test
    void everyAnsweredPushArrivesExactlyOnceAcrossRestarts() {
        Map<Long, AtomicInteger> received = new ConcurrentHashMap<>();
        server = RtmTestServer.builder().build().start();
        client = clientFor(server).reconnect(BACK_OFF).serverPushMonitor(new RtmServerPushMonitor() {
            @Override
            public void pushGroupMessage(RtmMessage message) {
                received.computeIfAbsent(message.messageId(), mid -> new AtomicInteger()).incrementAndGet();
            }
        }).build();
        client.connect();
        client.addListen(Set.of(1L), Set.of(2L), Set.of(3L), Set.of("login"));
        GatewayListenState expected = new GatewayListenState(Set.of(1L), Set.of(2L), Set.of(3L), Set.of("login"),
                false, false, false, false);

        List<CompletableFuture<Payload>> answers = new CopyOnWriteArrayList<>();
        Map<CompletableFuture<Payload>, Long> midOf = new ConcurrentHashMap<>();
        AtomicBoolean streaming = new AtomicBoolean(true);
        Thread stream = new Thread(() -> {
            long mid = 0;
            while (streaming.get() && mid < 1_000_000) {
                if (server.isRunning()) {
                    Payload push = Payload.builder().put("from", 7L).put("gid", 1L).put("mid", mid).put("mtype", 51)
                            .put("msg", "n" + mid).put("attrs", "").put("mtime", System.currentTimeMillis()).build();
                    for (CompletableFuture<Payload> answer : server.pushRaw("pushgroupmsg", push)) {
                        midOf.put(answer, mid);
                        answers.add(answer);
                    }
                    mid++;
                }
                LockSupport.parkNanos(200_000);
            }
        }, "numbered-stream");
        stream.start();
        try {
            for (int restart = 0; restart < RESTARTS; restart++) {
                server.awaitCondition(RESTORE_BOUND, "pushes flowing", () -> !answers.isEmpty());
                server.stop();
                server.awaitCondition(RESTORE_BOUND, "client noticed the stop", () -> !client.isConnected());
                server.start();
                server.awaitCondition(RESTORE_BOUND, "listen set applied again after restart " + (restart + 1),
                        () -> client.isConnected() && server.connectionCount() == 1
                                && server.connections().get(0).listenState().equals(expected));
            }
        } finally {
            streaming.set(false);
        }
        server.awaitCondition(RESTORE_BOUND, "stream stopped", () -> !stream.isAlive());
        CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).exceptionally(failure -> null).join();

        List<Long> answered = answers.stream().filter(answer -> !answer.isCompletedExceptionally())
                .map(midOf::get).toList();
        assertThat(answered).as("pushes the client answered").hasSizeGreaterThan(RESTARTS);
        server.awaitCondition(RESTORE_BOUND, "every answered push handled",
                () -> answered.stream().allMatch(received::containsKey));
        assertThat(received.values()).as("no push handled twice").allSatisfy(count -> assertThat(count).hasValue(1));
    }
}
