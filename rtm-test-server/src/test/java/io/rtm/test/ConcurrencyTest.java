package io.rtm.test;

import io.rtm.fpnn.Payload;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

/** Many connections, each with its own listen set, each getting exactly its pushes. */
class ConcurrencyTest {

    private static final int CONNECTIONS = 200;

    @Test
    void everyConnectionGetsExactlyItsPushes() {
        List<TestClient> connected = new ArrayList<>();
        try (ClientGroup clients = new ClientGroup(); RtmTestServer server = RtmTestServer.builder().build().start()) {
            try {
                for (int i = 0; i < CONNECTIONS; i++) {
                    connected.add(TestClient.connect(clients.group, server));
                }
                // listen concurrently: user 1000+i and group 5000+i for client i
                List<CompletableFuture<Payload>> listens = new ArrayList<>();
                for (int i = 0; i < CONNECTIONS; i++) {
                    TestClient client = connected.get(i);
                    Payload fields = Payload.builder().put("uids", List.of(1000L + i)).put("gids", List.of(5000L + i))
                            .build();
                    listens.add(client.send("addlisten", client.signed("addlisten", fields),
                            TestClient.TIMEOUT));
                }
                listens.forEach(TestClient::await);
                assertThat(server.connectionCount()).isEqualTo(CONNECTIONS);
                assertThat(server.connections()).allSatisfy(connection ->
                        assertThat(connection.listenState().uids()).hasSize(1));

                long answered = server.pushesAnswered();
                for (int i = 0; i < CONNECTIONS; i++) {
                    assertThat(server.pushP2PMessage(1, 1000L + i, i, 30, "to " + i, "")).isEqualTo(1);
                    assertThat(server.pushGroupMessage(1, 5000L + i, CONNECTIONS + i, 30, "group " + i, "")).isEqualTo(1);
                }
                server.awaitCondition(TestClient.TIMEOUT, () -> server.pushesAnswered() == answered + 2L * CONNECTIONS);
                for (int i = 0; i < CONNECTIONS; i++) {
                    List<TestClient.Push> pushes = connected.get(i).drainPushes();
                    assertThat(pushes).extracting(push -> push.payload().getString("msg"))
                            .containsExactly("to " + i, "group " + i);
                    assertThat(Set.of(pushes.get(0).payload().getLong("to"), pushes.get(1).payload().getLong("gid")))
                            .containsExactlyInAnyOrder(1000L + i, 5000L + i);
                }
            } finally {
                connected.forEach(TestClient::close);
            }
            server.awaitCondition(TestClient.TIMEOUT, () -> server.connectionCount() == 0);
        }
    }
}
