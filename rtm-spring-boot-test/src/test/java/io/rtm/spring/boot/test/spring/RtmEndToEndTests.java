package io.rtm.spring.boot.test.spring;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import io.rtm.client.RtmServerClient;
import io.rtm.spring.listener.RtmConnectedEvent;
import io.rtm.spring.listener.RtmDisconnectedEvent;
import io.rtm.test.EmbeddedRtmServer;
import io.rtm.test.GatewayConnection;
import io.rtm.test.GatewayListenState;
import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Bean;
import org.springframework.test.annotation.DirtiesContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The starter against the embedded gateway, over a real socket. */
@SpringBootTest(classes = RtmEndToEndTests.App.class,
        properties = { "rtm.listen.groups=1001,1003", "rtm.listen.rooms=2001", "rtm.listen.users=3001",
                "rtm.listen.events=login", "app.vip-group=1002", "app.support-uid=3002",
                "rtm.reconnect.initial-delay=50ms", "rtm.reconnect.max-delay=500ms" })
@EmbeddedRtmServer
// closed after the class: other tests in this module check that no client thread is left running
@DirtiesContext
class RtmEndToEndTests {

    static final Duration WAIT = Duration.ofSeconds(10);

    static final GatewayListenState DECLARED = new GatewayListenState(Set.of(1001L, 1002L, 1003L),
            Set.of(2001L, 2002L), Set.of(3001L, 3002L), Set.of("login", "logout"), false, false, false, false);

    @Autowired
    RtmTestServer server;

    @Autowired
    RtmServerClient client;

    @Autowired
    PushRecorder recorder;

    @BeforeEach
    void connectedWithTheDeclaredListenSet() {
        await().atMost(WAIT).until(() -> this.client.isConnected() && listenState().isPresent()
                && listenState().get().gids().containsAll(DECLARED.gids()));
        this.recorder.calls.clear();
    }

    @Test
    void anInjectedGatewayIsTheOneTheApplicationTalksTo(RtmTestServer injected) {
        assertThat(injected).isSameAs(this.server);
        assertThat(this.client.endpoint().port()).isEqualTo(injected.port());
    }

    @Test
    void theGatewayHoldsTheYamlAndListenerIds() {
        GatewayListenState state = listenState().orElseThrow();
        assertThat(state.gids()).containsAll(DECLARED.gids());
        assertThat(state.rids()).containsExactlyInAnyOrderElementsOf(DECLARED.rids());
        assertThat(state.uids()).containsExactlyInAnyOrderElementsOf(DECLARED.uids());
        assertThat(state.events()).containsExactlyInAnyOrderElementsOf(DECLARED.events());
        assertThat(state.p2p() || state.group() || state.room() || state.ev()).isFalse();
    }

    @Test
    void eachPushTypeReachesItsMethodAndIdFiltersHold() {
        this.server.pushP2PMessage(9, 3001, 101, 1, "m", "");
        this.server.pushGroupMessage(9, 1001, 102, 2, "m", "");
        this.server.pushRoomMessage(9, 2001, 103, 3, "m", "");
        this.server.pushP2PMessage(9, 3001, 104, 41, "{\"url\":\"https://f/a\",\"size\":1}", "");
        this.server.pushGroupMessage(9, 1001, 105, 42, "{\"url\":\"https://f/b\",\"size\":1}", "");
        this.server.pushRoomMessage(9, 2001, 106, 50, "{\"url\":\"https://f/c\",\"size\":1}", "");
        this.server.pushP2PMessage(9, 3001, 107, 30, "chat", "");
        this.server.pushGroupMessage(9, 1001, 108, 30, "chat", "");
        this.server.pushRoomMessage(9, 2001, 109, 30, "chat", "");
        this.server.pushP2PMessage(9, 3001, 110, 32, "cmd", "");
        this.server.pushGroupMessage(9, 1001, 111, 32, "cmd", "");
        this.server.pushRoomMessage(9, 2001, 112, 32, "cmd", "");
        this.server.pushEvent("login", 77, 1, "", "");
        // filtered methods
        this.server.pushGroupMessage(9, 1002, 113, 30, "for vips", "");
        this.server.pushP2PMessage(9, 3002, 114, 45, "{\"url\":\"https://f/d\",\"size\":1}", "");
        this.server.pushEvent("logout", 78, 1, "", "");

        await().atMost(WAIT).until(() -> this.recorder.calls.size() >= 19);
        assertThat(this.recorder.callsStartingWith("type:")).containsExactlyInAnyOrder("type:P2P_MESSAGE:3001:101",
                "type:GROUP_MESSAGE:1001:102", "type:ROOM_MESSAGE:2001:103", "type:P2P_FILE:3001:104",
                "type:GROUP_FILE:1001:105", "type:ROOM_FILE:2001:106", "type:P2P_CHAT:3001:107",
                "type:GROUP_CHAT:1001:108", "type:ROOM_CHAT:2001:109", "type:P2P_CMD:3001:110",
                "type:GROUP_CMD:1001:111", "type:ROOM_CMD:2001:112", "type:EVENT:login:77",
                "type:GROUP_CHAT:1002:113", "type:P2P_FILE:3002:114", "type:EVENT:logout:78");
        assertThat(this.recorder.callsStartingWith("vip:")).containsExactly("vip:1002:for vips");
        assertThat(this.recorder.callsStartingWith("support:")).containsExactly("support:P2P_FILE:3002:114");
        assertThat(this.recorder.callsStartingWith("logout:")).containsExactly("logout:78");
    }

    @Test
    void convertsJsonContent() {
        this.server.pushRoomMessage(9, 2002, 201, 32, "{\"item\":\"shield\",\"quantity\":3}", "");
        await().atMost(WAIT).until(() -> !this.recorder.orders.isEmpty());
        assertThat(this.recorder.orders).containsExactly(new PushRecorder.Order("shield", 3));
    }

    @Test
    void aFailingListenerGoesToTheErrorHandlerAndTheOthersKeepWorking() {
        this.server.pushGroupMessage(9, 1003, 301, 1, "boom", "");
        this.server.pushGroupMessage(9, 1003, 302, 1, "again", "");
        await().atMost(WAIT).until(() -> this.recorder.failures.size() == 2
                && this.recorder.callsStartingWith("type:GROUP_MESSAGE:1003").size() == 2);
        assertThat(this.recorder.failures).containsExactly("failing:failing on 301", "failing:failing on 302");
        assertThat(this.client.isConnected()).isTrue();
    }

    @Test
    void aRuntimeListenSurvivesAReconnect() {
        this.client.addListen(Set.of(4004L), Set.of(), Set.of(), Set.of());
        this.server.dropConnections();
        await().atMost(WAIT).until(() -> this.client.isConnected()
                && listenState().map((state) -> state.gids().contains(4004L)).orElse(false));
        assertThat(listenState().orElseThrow().gids()).containsAll(DECLARED.gids());
        this.server.pushGroupMessage(9, 4004, 401, 30, "after reconnect", "");
        await().atMost(WAIT).until(() -> this.recorder.calls.contains("type:GROUP_CHAT:4004:401"));
    }

    @Test
    void aRestartedGatewayGetsTheListenSetAgainAndConnectionEventsArePublished() {
        this.recorder.connectionEvents.clear();
        this.server.stop();
        await().atMost(WAIT).until(() -> this.recorder.connectionEvents.stream()
            .anyMatch((event) -> event instanceof RtmDisconnectedEvent disconnected && disconnected.isCausedByError()
                    && disconnected.isWillReconnect()));
        this.server.start();
        await().atMost(WAIT).until(() -> this.recorder.connectionEvents.stream()
            .anyMatch((event) -> event instanceof RtmConnectedEvent connected && connected.isReconnect()));
        await().atMost(WAIT).until(() -> listenState().map((state) -> state.gids().containsAll(DECLARED.gids())
                && state.events().containsAll(DECLARED.events())).orElse(false));
        this.server.pushRoomMessage(9, 2001, 501, 30, "back", "");
        await().atMost(WAIT).until(() -> this.recorder.calls.contains("type:ROOM_CHAT:2001:501"));
        assertThat(((RtmConnectedEvent) this.recorder.connectionEvents.stream()
            .filter(RtmConnectedEvent.class::isInstance)
            .findFirst()
            .orElseThrow()).getEndpoint()).isEqualTo(this.server.endpoint());
    }

    /** The listen state of this application's connection, once the gateway has one. */
    private Optional<GatewayListenState> listenState() {
        List<GatewayConnection> connections = this.server.connections();
        return connections.isEmpty() ? Optional.empty()
                : Optional.of(connections.get(connections.size() - 1).listenState());
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {

        @Bean
        PushRecorder pushRecorder() {
            return new PushRecorder();
        }
    }
}
