package io.rtm.test;

import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.Payload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Protocol section 8.2: listen state per connection. */
@EmbeddedRtmServer
class ListenTest {

    @RegisterExtension
    static final ClientGroup clients = new ClientGroup();
    private TestClient client;
    private RtmTestServer server;

    @BeforeEach
    void connect(RtmTestServer server) {
        this.server = server;
        server.dropConnections();
        client = TestClient.connect(clients.group, server);
        server.awaitCondition(TestClient.TIMEOUT, () -> server.connectionCount() == 1);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void newConnectionListensToNothing() {
        assertThat(state()).isEqualTo(GatewayListenState.EMPTY);
    }

    @Test
    void addListenUnites() {
        client.quest("addlisten", ids(List.of(1L, 2L), List.of(10L), List.of(100L), List.of("login")));
        client.quest("addlisten", ids(List.of(2L, 3L), null, List.of(101L), List.of("logout")));
        assertThat(state()).isEqualTo(new GatewayListenState(Set.of(1L, 2L, 3L), Set.of(10L), Set.of(100L, 101L),
                Set.of("login", "logout"), false, false, false, false));
    }

    @Test
    void removeListenRemoves() {
        client.quest("addlisten", ids(List.of(1L, 2L), List.of(10L, 11L), List.of(100L), List.of("login", "logout")));
        client.quest("removelisten", ids(List.of(1L, 9L), List.of(11L), null, List.of("login")));
        assertThat(state()).isEqualTo(new GatewayListenState(Set.of(2L), Set.of(10L), Set.of(100L),
                Set.of("logout"), false, false, false, false));
    }

    @Test
    void setListenIdsReplaceAllFourSets() {
        client.quest("addlisten", ids(List.of(1L), List.of(10L), List.of(100L), List.of("login")));
        client.quest("setlisten", Payload.builder().put("p2p", true).build());
        client.quest("setlisten", ids(List.of(5L), null, null, null));
        assertThat(state()).isEqualTo(new GatewayListenState(Set.of(5L), Set.of(), Set.of(), Set.of(),
                true, false, false, false));
        client.quest("setlisten", ids(null, null, null, List.of()));
        assertThat(state()).isEqualTo(new GatewayListenState(Set.of(), Set.of(), Set.of(), Set.of(),
                true, false, false, false));
    }

    @Test
    void setListenFlagsLeaveIdsAlone() {
        client.quest("addlisten", ids(List.of(1L), List.of(10L), List.of(100L), List.of("login")));
        client.quest("setlisten", Payload.builder().put("group", true).put("ev", true).build());
        client.quest("setlisten", Payload.builder().put("room", true).put("ev", false).build());
        assertThat(state()).isEqualTo(new GatewayListenState(Set.of(1L), Set.of(10L), Set.of(100L), Set.of("login"),
                false, true, true, false));
    }

    @Test
    void setListenMayCarryBothForms() {
        client.quest("addlisten", ids(List.of(1L), List.of(10L), List.of(100L), List.of("login")));
        client.quest("setlisten", Payload.builder().put("p2p", true).build());
        client.quest("setlisten", Payload.builder().put("rids", List.of(20L, 21L)).put("group", true).build());
        assertThat(state()).isEqualTo(new GatewayListenState(Set.of(), Set.of(20L, 21L), Set.of(), Set.of(),
                true, true, false, false));
    }

    @Test
    void badFieldChangesNothing() {
        client.quest("addlisten", ids(List.of(1L), null, null, null));
        Payload bad = Payload.builder().put("gids", List.of(2L)).put("room", "yes").build();
        assertThat(client.signedErrorOf("setlisten", bad)).isEqualTo(FpnnErrorCode.PROTO_TYPE_CONVERT);
        Payload badAdd = Payload.builder().put("gids", List.of(3L)).put("events", List.of(4L)).build();
        assertThat(client.signedErrorOf("addlisten", badAdd)).isEqualTo(FpnnErrorCode.PROTO_TYPE_CONVERT);
        assertThat(state().gids()).containsExactly(1L);
        assertThat(state().room()).isFalse();
    }

    @Test
    void listenStateIsPerConnection() {
        client.quest("addlisten", ids(List.of(1L), null, null, null));
        try (TestClient other = TestClient.connect(clients.group, server)) {
            server.awaitCondition(TestClient.TIMEOUT, () -> server.connectionCount() == 2);
            other.quest("setlisten", Payload.builder().put("p2p", true).build());
            List<GatewayConnection> connections = server.connections();
            assertThat(connections.get(0).listenState().gids()).containsExactly(1L);
            assertThat(connections.get(0).listenState().p2p()).isFalse();
            assertThat(connections.get(1).listenState()).isEqualTo(new GatewayListenState(Set.of(), Set.of(),
                    Set.of(), Set.of(), true, false, false, false));
            assertThat(connections.get(1).remoteAddress()).isEqualTo(other.channel().localAddress());
        }
    }

    private GatewayListenState state() {
        List<GatewayConnection> connections = server.connections();
        assertThat(connections).hasSize(1);
        return connections.get(0).listenState();
    }

    static Payload ids(List<Long> gids, List<Long> rids, List<Long> uids, List<String> events) {
        Payload.Builder builder = Payload.builder();
        if (gids != null) {
            builder.put("gids", gids);
        }
        if (rids != null) {
            builder.put("rids", rids);
        }
        if (uids != null) {
            builder.put("uids", uids);
        }
        if (events != null) {
            builder.put("events", events);
        }
        return builder.build();
    }
}
