package io.rtm.sample;

import io.rtm.client.RtmServerClient;
import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(properties = "sample.driver.interval=1s")
class SampleApplicationTests {

    @Autowired
    private SupportDesk supportDesk;

    @Autowired
    private RtmTestServer localGateway;

    @Autowired
    private RtmServerClient client;

    @Test
    void everyListenerReceivesItsScriptedPushes() {
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
            assertThat(supportDesk.received("group-chat")).isPositive();
            assertThat(supportDesk.received("support-command")).isPositive();
            assertThat(supportDesk.received("room-file")).isPositive();
            assertThat(supportDesk.received("room-data")).isPositive();
            assertThat(supportDesk.received("order")).isPositive();
            assertThat(supportDesk.received("login")).isPositive();
            assertThat(supportDesk.received("logout")).isPositive();
        });
    }

    @Test
    void listensToTheYamlSetAndTheListenerIds() {
        await().atMost(Duration.ofSeconds(10)).until(client::isConnected);
        assertThat(client.listenState().groups()).containsExactly(1001L);
        assertThat(client.listenState().rooms()).containsExactly(2001L);
        assertThat(client.listenState().users()).containsExactly(3001L);
        assertThat(client.listenState().events()).containsExactlyInAnyOrder("login", "logout");
        assertThat(localGateway.connections()).anySatisfy(connection ->
                assertThat(connection.listenState().uids()).isEqualTo(Set.of(3001L)));
    }
}
