package io.rtm.client;

import io.rtm.test.GatewayListenState;
import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static io.rtm.client.ClientTestSupport.WAIT;
import static io.rtm.client.ClientTestSupport.threadsNamed;
import static io.rtm.client.ClientTestSupport.clientFor;
import static io.rtm.client.ClientTestSupport.gatewayState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReconnectTest {

    private RtmTestServer server;
    private RtmServerClient client;
    private final RecordingMonitor monitor = new RecordingMonitor();

    @AfterEach
    void stop() throws Exception {
        ClientTestSupport.closeAll(client, server);
    }

    @Test
    void listenStateIsAppliedAgainAfterEveryRestart() {
        server = RtmTestServer.builder().build().start();
        client = clientFor(server).serverPushMonitor(monitor).build();
        client.connect();
        client.addListen(Set.of(1001L), Set.of(2001L), Set.of(3001L), Set.of("login"));
        client.setListen(ListenFlags.of().allRooms(true));
        GatewayListenState expected = new GatewayListenState(Set.of(1001L), Set.of(2001L), Set.of(3001L),
                Set.of("login"), false, false, true, false);

        for (int restart = 1; restart <= 3; restart++) {
            server.stop();
            server.awaitCondition(WAIT, "client noticed", () -> !client.isConnected());
            server.start();
            server.awaitCondition(WAIT, "client reconnected", () -> client.isConnected());
            assertThat(gatewayState(server)).isEqualTo(expected);

            int mid = restart;
            server.pushGroupMessage(7, 1001, mid, 51, "after restart " + restart, "");
            server.awaitCondition(WAIT, "push after restart",
                    () -> monitor.messages().stream().anyMatch(m -> m.messageId() == mid));
        }
        assertThat(client.listenState().groups()).containsExactly(1001L);
        List<RecordingMonitor.Call> connects = monitor.calls("connected");
        assertThat(connects.get(0).argument()).isEqualTo(List.of(server.endpoint(), true, false));
        assertThat(connects).filteredOn(call -> call.argument().equals(List.of(server.endpoint(), true, true)))
                .hasSize(3);
        assertThat(monitor.calls("closed")).hasSize(3)
                .allSatisfy(call -> assertThat(call.argument()).isEqualTo(List.of(server.endpoint(), true, true)));
    }

    /** Bad framing of every kind the decoder refuses: each closes the connection. */
    static Stream<Arguments> badFraming() {
        return Stream.of(
                Arguments.of("not FPNN", "this is not FPNN".getBytes(StandardCharsets.US_ASCII)),
                Arguments.of("version 9", header(9, 0x80, 1, 4, 1)),
                Arguments.of("JSON payload", header(1, 0x40, 1, 4, 1)),
                Arguments.of("frame type 7", header(1, 0x80, 7, 4, 1)),
                Arguments.of("4 GiB payload declared", header(1, 0x80, 1, 4, 0xFFFF_FFFFL)),
                Arguments.of("quest without a method", header(1, 0x80, 1, 0, 1)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badFraming")
    void badFramingFromTheGatewayClosesTheConnectionAndTheClientReconnects(String kind, byte[] frame) {
        server = RtmTestServer.builder().build().start();
        client = clientFor(server).serverPushMonitor(monitor).build();
        client.connect();
        client.addListen(Set.of(1001L), null, null, null);

        server.writeRaw(frame);

        server.awaitCondition(WAIT, "closed after the bad frame", () -> !monitor.calls("closed").isEmpty());
        assertThat(monitor.calls("closed").get(0).argument()).isEqualTo(List.of(server.endpoint(), true, true));
        server.awaitCondition(WAIT, "reconnected with its listen set", () -> client.isConnected()
                && server.connectionCount() == 1 && gatewayState(server).gids().equals(Set.of(1001L)));
        server.pushGroupMessage(7, 1001, 1, 51, "after the bad frame", "");
        server.awaitCondition(WAIT, "push after reconnect", () -> monitor.messages().size() == 1);
    }

    /** A two-way quest header (protocol section 1), its method and seq left as zeros. */
    private static byte[] header(int version, int flag, int mtype, int methodLength, long payloadSize) {
        ByteBuffer header = ByteBuffer.allocate(16 + methodLength).order(ByteOrder.LITTLE_ENDIAN);
        header.put("FPNN".getBytes(StandardCharsets.US_ASCII))
                .put((byte) version).put((byte) flag).put((byte) mtype).put((byte) methodLength)
                .putInt((int) payloadSize);
        return header.array();
    }

    @Test
    void runtimeListenChangesSurviveAReconnect() {
        server = RtmTestServer.builder().build().start();
        client = clientFor(server).serverPushMonitor(monitor).build();
        client.connect();
        client.addListen(Set.of(1L, 2L), null, null, null);
        client.removeListen(Set.of(1L), null, null, null);

        server.dropConnections();
        server.awaitCondition(WAIT, "reconnected with state",
                () -> client.isConnected() && server.connectionCount() == 1
                        && gatewayState(server).gids().equals(Set.of(2L)));
    }

    @Test
    void afterALostConnectionTheClientRetriesSteadilyWhateverItsBackOff() {
        server = RtmTestServer.builder().build().start();
        ReconnectPolicy slowBackOff = new ReconnectPolicy(true, Duration.ofHours(1), Duration.ofHours(1), 2.0, 0.2)
                .withFastRetry(Duration.ofMillis(50), Duration.ofSeconds(30));
        client = clientFor(server).reconnect(slowBackOff).serverPushMonitor(monitor).build();
        client.connect();
        client.addListen(Set.of(1001L), null, null, null);

        server.stop();
        server.awaitCondition(WAIT, "client noticed", () -> !client.isConnected());
        server.start();
        server.awaitCondition(WAIT, "back within the fast retry, not after an hour", () -> client.isConnected()
                && server.connectionCount() == 1 && gatewayState(server).gids().equals(Set.of(1001L)));
    }

    @Test
    void keepsTryingWhileTheGatewayIsDownAtStartup() throws Exception {
        int port;
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = probe.getLocalPort();
        }
        server = RtmTestServer.builder().port(port).build();
        client = clientFor(server).serverPushMonitor(monitor).build();
        var ready = client.connectAsync();
        await().atMost(WAIT).until(() -> monitor.calls("connected").size() >= 2);
        assertThat(monitor.calls("connected")).allSatisfy(call ->
                assertThat(((List<?>) call.argument()).get(1)).isEqualTo(false));
        assertThat(ready).isNotDone();

        server.start();
        ready.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertThat(client.isConnected()).isTrue();
    }

    @Test
    void closeNeverReconnectsAndLeavesNoThread() {
        Set<Thread> before = threadsNamed("rtm-");
        server = RtmTestServer.builder().build().start();
        client = clientFor(server).serverPushMonitor(monitor).build();
        client.connect();
        client.addListen(Set.of(1L), null, null, null);
        server.pushGroupMessage(7, 1L, 1, 51, "last", "");
        server.awaitCondition(WAIT, "push answered", () -> server.pushesAnswered() == 1);

        client.close();

        assertThat(monitor.messages()).as("received before close").hasSize(1);
        assertThat(client.isConnected()).isFalse();
        assertThat(monitor.calls("closed")).singleElement()
                .satisfies(call -> assertThat(call.argument()).isEqualTo(List.of(server.endpoint(), false, false)));
        server.awaitCondition(WAIT, "gateway saw the close", () -> server.connectionCount() == 0);
        // only this client's threads count: another test's application context may still run its own
        await().atMost(WAIT).until(() -> threadsNamed("rtm-io").stream().allMatch(before::contains)
                && threadsNamed("rtm-dispatch").stream().allMatch(before::contains));
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> server.connectionCount() == 0);
    }

    @Test
    void aRejectedListenStateIsRetriedWithBackOff() {
        server = RtmTestServer.builder().build().start();
        client = clientFor(server).serverPushMonitor(monitor).questTimeout(Duration.ofMillis(300)).build();
        client.connect();
        client.addListen(Set.of(5L), null, null, null);
        server.pauseAnswering(true);
        server.dropConnections();
        await().atMost(WAIT).until(() -> server.receivedQuests().stream()
                .filter(quest -> quest.method().equals("setlisten")).count() >= 1);
        assertThat(client.isConnected()).isFalse();

        server.pauseAnswering(false);
        server.awaitCondition(WAIT, "restored after the gateway answers again",
                () -> client.isConnected() && gatewayState(server).gids().equals(Set.of(5L)));
    }
}
