package io.rtm.client;

import io.rtm.test.ReceivedQuest;
import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import static io.rtm.client.ClientTestSupport.WAIT;
import static io.rtm.client.ClientTestSupport.clientFor;
import static io.rtm.client.ClientTestSupport.gatewayState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/** Credentials the gateway refuses: at once on connect, and later (a rotated secret) on the same connection. */
class RefusedCredentialsTest {

    private RtmTestServer server;
    private RtmServerClient client;
    private final List<RtmException> refusals = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() throws Exception {
        ClientTestSupport.closeAll(client, server);
    }

    private RtmServerClient.Builder observed(RtmServerClient.Builder builder) {
        return builder.observer(new RtmClientObserver() {
            @Override
            public void listenRefused(RtmException refusal) {
                refusals.add(refusal);
            }
        });
    }

    @Test
    void connectFailsWhenTheGatewayRefusesTheCredentialsAndTheClientKeepsAsking() {
        server = RtmTestServer.builder().build().start();
        client = observed(clientFor(server).secretKey("not-the-secret")).build();

        RtmException error = catchThrowableOfType(RtmException.class, client::connect);
        assertThat(error.code()).isEqualTo(RtmException.INVALID_PID_OR_SIGN);
        assertThat(error.isCredentialsRejected()).isTrue();
        assertThat(error.getMessage()).doesNotContain("not-the-secret");

        server.awaitCondition(WAIT, "asked again", () -> refusals.size() >= 3);
        assertThat(client.isConnected()).isFalse();
        // on the one connection, which stays up: the credentials are what is wrong, not the connection
        assertThat(server.connectionCount()).isEqualTo(1);
        assertThat(server.receivedQuests()).extracting(ReceivedQuest::connectionId).containsOnly(
                server.connections().get(0).id());
    }

    @Test
    void aRotatedSecretIsAskedAgainWithBackOffOnTheSameConnectionUntilTheGatewayTakesIt() {
        server = RtmTestServer.builder().build().start();
        client = observed(clientFor(server)).build();
        client.connect();
        client.addListen(Set.of(1001L), null, null, null);
        int port = server.port();

        // the gateway comes back with a secret the client does not have
        server.close();
        server = RtmTestServer.builder().port(port).secretKey("rotated").build().start();
        server.awaitCondition(WAIT, "refused on the new connection", () -> refusals.size() >= 3);
        assertThat(client.isConnected()).isFalse();
        assertThat(refusals).allSatisfy(refusal -> assertThat(refusal.isCredentialsRejected()).isTrue());
        assertThat(server.connectionCount()).isEqualTo(1);
        long sessionId = server.connections().get(0).id();
        assertThat(server.receivedQuests()).filteredOn(quest -> quest.method().equals("setlisten"))
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(quest -> assertThat(quest.connectionId()).isEqualTo(sessionId));

        // and with the client's secret again: connected, with its listen set
        server.close();
        server = RtmTestServer.builder().port(port).build().start();
        server.awaitCondition(WAIT, "connected with its listen set", () -> client.isConnected()
                && server.connectionCount() == 1 && gatewayState(server).gids().equals(Set.of(1001L)));
    }
}
