package io.rtm.test;

import io.rtm.fpnn.Payload;
import org.junit.jupiter.api.Test;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LifecycleTest {

    @Test
    void stopAndStartAgainOnTheSamePort() {
        try (ClientGroup clients = new ClientGroup(); RtmTestServer server = RtmTestServer.builder().build()) {
            assertThat(server.isRunning()).isFalse();
            server.start();
            int port = server.port();
            assertThat(port).isPositive();
            assertThat(server.endpoint()).isEqualTo("127.0.0.1:" + port);
            TestClient first = TestClient.connect(clients.group, server);
            first.quest("addlisten", Payload.builder().put("gids", List.of(1L)).build());

            server.stop();
            assertThat(server.isRunning()).isFalse();
            assertThat(server.connectionCount()).isZero();
            first.channel().closeFuture().awaitUninterruptibly();
            assertThatThrownBy(() -> TestClient.connect(clients.group, server))
                    .hasRootCauseInstanceOf(ConnectException.class);

            server.start();
            assertThat(server.isRunning()).isTrue();
            assertThat(server.port()).isEqualTo(port);
            try (TestClient second = TestClient.connect(clients.group, server)) {
                // a new connection starts with nothing
                server.awaitCondition(Duration.ofSeconds(5), () -> server.connectionCount() == 1);
                assertThat(server.connections().get(0).listenState()).isEqualTo(GatewayListenState.EMPTY);
                assertThat(second.quest("addlisten", Payload.builder().put("gids", List.of(1L)).build()).isEmpty())
                        .isTrue();
            }
        }
    }

    @Test
    void freePortsAreTakenBelowTheEphemeralRange() {
        for (int i = 0; i < 5; i++) {
            try (RtmTestServer server = RtmTestServer.builder().build().start()) {
                // an ephemeral port could be handed to a reconnecting client as its own, while the gateway is down
                assertThat(server.port()).isBetween(20_000, 31_999);
            }
        }
    }

    @Test
    void givenPortIsBound() {
        int port;
        try (RtmTestServer probe = RtmTestServer.builder().build().start()) {
            port = probe.port();
        }
        try (RtmTestServer server = RtmTestServer.builder().port(port).build().start()) {
            assertThat(server.port()).isEqualTo(port);
        }
    }

    @Test
    void dropConnectionsKeepsThePortOpen() {
        try (ClientGroup clients = new ClientGroup(); RtmTestServer server = RtmTestServer.builder().build().start()) {
            TestClient client = TestClient.connect(clients.group, server);
            server.awaitCondition(Duration.ofSeconds(5), () -> server.connectionCount() == 1);
            server.dropConnections();
            assertThat(server.connectionCount()).isZero();
            client.channel().closeFuture().awaitUninterruptibly();
            try (TestClient again = TestClient.connect(clients.group, server)) {
                assertThat(again.unsigned("*ping", Payload.EMPTY).contains("ts")).isTrue();
            }
        }
    }

    @Test
    void dropConnectionClosesThatOneOnly() {
        try (ClientGroup clients = new ClientGroup(); RtmTestServer server = RtmTestServer.builder().build().start()) {
            TestClient first = TestClient.connect(clients.group, server);
            TestClient second = TestClient.connect(clients.group, server);
            server.awaitCondition(Duration.ofSeconds(5), () -> server.connectionCount() == 2);
            first.quest("addlisten", Payload.builder().put("gids", List.of(1L)).build());
            long listening = server.connections().stream().filter(c -> !c.listenState().gids().isEmpty())
                    .findFirst().orElseThrow().id();

            assertThat(server.dropConnection(listening)).isTrue();
            assertThat(server.dropConnection(listening)).isFalse();
            first.channel().closeFuture().awaitUninterruptibly();
            assertThat(server.connections()).singleElement()
                    .satisfies(left -> assertThat(left.id()).isNotEqualTo(listening));
            assertThat(second.unsigned("*ping", Payload.EMPTY).contains("ts")).isTrue();
        }
    }

    @Test
    void closeEndsEveryThread() {
        RtmTestServer server = RtmTestServer.builder().build().start();
        server.close();
        assertThat(server.isRunning()).isFalse();
        server.awaitCondition(Duration.ofSeconds(5), "gateway threads ended", () -> Thread.getAllStackTraces().keySet()
                .stream().noneMatch(thread -> thread.getName().startsWith("rtm-test-gateway")));
        assertThatThrownBy(server::start).isInstanceOf(IllegalStateException.class);
        server.close(); // twice is fine
    }

    @Test
    void configurationIsExposedButNotTheSecret() {
        try (RtmTestServer server = RtmTestServer.builder().projectId(42).secretKey("top-secret").build()) {
            assertThat(server.projectId()).isEqualTo(42);
            assertThat(server.secretKey()).isEqualTo("top-secret");
            assertThat(server.host()).isEqualTo("127.0.0.1");
            assertThat(server.toString()).doesNotContain("top-secret").contains("42");
        }
        try (RtmTestServer server = RtmTestServer.builder().build()) {
            assertThat(server.projectId()).isEqualTo(RtmTestServer.DEFAULT_PROJECT_ID).isEqualTo(11000001L);
            assertThat(server.secretKey()).isEqualTo(RtmTestServer.DEFAULT_SECRET_KEY).isEqualTo("rtm-test-secret");
        }
    }

    @Test
    void awaitConditionFailsWithItsDescription() {
        try (RtmTestServer server = RtmTestServer.builder().build()) {
            assertThatThrownBy(() -> server.awaitCondition(Duration.ofMillis(50), "never", () -> false))
                    .isInstanceOf(AssertionError.class).hasMessageContaining("never");
        }
    }
}
