package io.rtm.client;

import io.rtm.test.GatewayListenState;
import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static io.rtm.client.ClientTestSupport.WAIT;
import static io.rtm.client.ClientTestSupport.clientFor;
import static io.rtm.client.ClientTestSupport.gatewayState;
import static org.assertj.core.api.Assertions.assertThat;

/** A client that keeps its listen set while the gateway holds nothing for it, as a cluster's standby does. */
class SuspendedListeningTest {

    private static final GatewayListenState NOTHING = new GatewayListenState(Set.of(), Set.of(), Set.of(), Set.of(),
            false, false, false, false);

    private RtmTestServer server;
    private RtmServerClient client;
    private final RecordingMonitor monitor = new RecordingMonitor();

    @BeforeEach
    void start() {
        server = RtmTestServer.builder().build().start();
    }

    @AfterEach
    void stop() throws Exception {
        ClientTestSupport.closeAll(client, server);
    }

    @Test
    void suspendedTheGatewayHoldsNothingAndResumedItHoldsTheSetWithChangesMadeMeanwhile() {
        client = clientFor(server).serverPushMonitor(monitor).build();
        client.connect();
        client.addListen(Set.of(1001L), null, null, Set.of("login"));
        client.setListen(ListenFlags.of().allRooms(true));

        client.suspendListening().join();
        assertThat(client.isListeningSuspended()).isTrue();
        assertThat(gatewayState(server)).isEqualTo(NOTHING);
        assertThat(client.listenState()).isEqualTo(ListenState.EMPTY);
        assertThat(server.pushGroupMessage(7, 1001, 1, 51, "to nobody", "")).isZero();

        client.addListen(Set.of(1002L), null, null, null); // kept, not sent
        assertThat(gatewayState(server)).isEqualTo(NOTHING);
        assertThat(client.desiredListenState().groups()).containsExactlyInAnyOrder(1001L, 1002L);

        client.resumeListening().join();
        assertThat(gatewayState(server)).isEqualTo(new GatewayListenState(Set.of(1001L, 1002L), Set.of(), Set.of(),
                Set.of("login"), false, false, true, false));
        assertThat(client.listenState()).isEqualTo(client.desiredListenState());
        server.pushGroupMessage(7, 1002, 2, 51, "to the resumed client", "");
        server.awaitCondition(WAIT, "received after resuming", () -> monitor.messages().size() == 1);
    }

    @Test
    void aClientThatStartsSuspendedConnectsWithNothingListenedAndKeepsItSoAcrossReconnects() {
        client = clientFor(server).listeningSuspended(true).serverPushMonitor(monitor).build();
        client.addListenAsync(Set.of(1001L), null, null, null);
        client.connect();
        assertThat(gatewayState(server)).isEqualTo(NOTHING);

        server.dropConnections();
        server.awaitCondition(WAIT, "reconnected", () -> client.isConnected() && server.connectionCount() == 1);
        assertThat(gatewayState(server)).isEqualTo(NOTHING);

        client.resumeListening().join();
        assertThat(gatewayState(server).gids()).containsExactly(1001L);
    }
}
