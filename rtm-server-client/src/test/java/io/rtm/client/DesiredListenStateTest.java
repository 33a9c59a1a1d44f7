package io.rtm.client;

import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.Payload;
import io.rtm.test.GatewayListenState;
import io.rtm.test.ReceivedQuest;
import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static io.rtm.client.ClientTestSupport.WAIT;
import static io.rtm.client.ClientTestSupport.clientFor;
import static io.rtm.client.ClientTestSupport.gatewayState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** The client keeps the listen state it wants and gives all of it to every new connection. */
class DesiredListenStateTest {

    private RtmTestServer server;
    private RtmServerClient client;

    @BeforeEach
    void start() {
        server = RtmTestServer.builder().build().start();
        client = clientFor(server).build();
    }

    @AfterEach
    void stop() throws Exception {
        ClientTestSupport.closeAll(client, server);
    }

    private List<ReceivedQuest> quests(String method) {
        return server.receivedQuests().stream().filter(quest -> quest.method().equals(method)).toList();
    }

    @Test
    void aNewConnectionGetsIdsAndFlagsInOneSetlisten() {
        client.connect();
        client.addListen(Set.of(1001L), Set.of(2001L), Set.of(3001L), Set.of("login"));
        client.setListen(ListenFlags.of().allRooms(true).allEvents(true));
        server.clearReceivedQuests();

        server.dropConnections();
        server.awaitCondition(WAIT, "reconnected", () -> client.isConnected() && server.connectionCount() == 1);

        assertThat(server.receivedQuests()).singleElement().satisfies(quest -> {
            assertThat(quest.method()).isEqualTo("setlisten");
            Payload payload = quest.payload();
            assertThat(payload.getLongSet("gids")).containsExactly(1001L);
            assertThat(payload.getLongSet("rids")).containsExactly(2001L);
            assertThat(payload.getLongSet("uids")).containsExactly(3001L);
            assertThat(payload.getStringSet("events")).containsExactly("login");
            assertThat(payload.getBoolean("p2p")).isFalse();
            assertThat(payload.getBoolean("group")).isFalse();
            assertThat(payload.getBoolean("room")).isTrue();
            assertThat(payload.getBoolean("ev")).isTrue();
        });
        assertThat(gatewayState(server)).isEqualTo(new GatewayListenState(Set.of(1001L), Set.of(2001L),
                Set.of(3001L), Set.of("login"), false, false, true, true));
    }

    @Test
    void aChangeMadeWhileDisconnectedIsAppliedOnTheNextConnection() {
        client.connect();
        client.addListen(Set.of(1L), null, null, null);
        server.stop();
        server.awaitCondition(WAIT, "client noticed", () -> !client.isConnected());

        CompletableFuture<Void> added = client.addListenAsync(Set.of(2L), null, null, null, WAIT);
        assertThat(client.desiredListenState().groups()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(client.listenState()).isEqualTo(ListenState.EMPTY);
        assertThat(added).isNotDone();

        server.start();
        added.join();
        assertThat(client.listenState().groups()).containsExactlyInAnyOrder(1L, 2L);
        assertThat(gatewayState(server).gids()).containsExactlyInAnyOrder(1L, 2L);
    }

    @Test
    void aBlockingChangeThatTimesOutWhileDisconnectedSaysItIsKept() {
        client.connect();
        server.stop();
        server.awaitCondition(WAIT, "client noticed", () -> !client.isConnected());

        RtmException error = catchThrowableOfType(RtmException.class,
                () -> client.addListen(Set.of(7L), null, null, null, Duration.ofMillis(100)));
        assertThat(error.code()).isEqualTo(FpnnErrorCode.CORE_INVALID_CONNECTION);
        assertThat(error.getMessage()).contains("not connected").contains("kept").contains("applied once connected");

        server.start();
        server.awaitCondition(WAIT, "applied after the reconnect", () -> client.isConnected()
                && server.connectionCount() == 1 && gatewayState(server).gids().equals(Set.of(7L)));
        assertThat(quests("addlisten")).isEmpty();
    }

    @Test
    void aChangeBeforeConnectFailsAtOnceButIsTheFirstConnectionsListenState() {
        RtmException error = catchThrowableOfType(RtmException.class,
                () -> client.addListen(Set.of(5L), null, null, Set.of("logout")));
        assertThat(error.code()).isEqualTo(FpnnErrorCode.CORE_INVALID_CONNECTION);
        assertThat(error.getMessage()).contains("kept");

        client.connect();
        assertThat(client.listenState().groups()).containsExactly(5L);
        assertThat(gatewayState(server).gids()).containsExactly(5L);
        assertThat(gatewayState(server).events()).containsExactly("logout");
    }

    @Test
    void aChangeTheGatewayDidNotConfirmStaysDesiredAndIsAppliedOnTheNextConnection() {
        client.connect();
        server.pauseAnswering(true);
        RtmException error = catchThrowableOfType(RtmException.class,
                () -> client.addListen(Set.of(9L), null, null, null, Duration.ofMillis(200)));
        assertThat(error.code()).isEqualTo(FpnnErrorCode.CORE_TIMEOUT);
        assertThat(client.listenState()).isEqualTo(ListenState.EMPTY);
        assertThat(client.desiredListenState().groups()).containsExactly(9L);

        server.pauseAnswering(false);
        server.dropConnections();
        server.awaitCondition(WAIT, "applied on the new connection", () -> client.isConnected()
                && server.connectionCount() == 1 && gatewayState(server).gids().equals(Set.of(9L)));
    }
}
