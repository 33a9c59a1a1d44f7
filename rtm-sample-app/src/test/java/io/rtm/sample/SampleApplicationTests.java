package io.rtm.sample;

import io.rtm.client.RtmServerClient;
import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import java.time.Duration;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@SpringBootTest(properties = "sample.driver.interval=1s")
// started before the context, so that it captures the context's startup
@ExtendWith(OutputCaptureExtension.class)
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
    void theTwoClientsConnectionsAreToldApartInTheLog(CapturedOutput output) {
        await().atMost(Duration.ofSeconds(10)).until(client::isConnected);
        // Spring Boot's console pattern shows the thread: the starter's client and the driver's have their own
        assertThat(output).containsPattern("\\[\\s*rtm-io-[\\d-]+\\] .* Connected to RTM gateway")
                .containsPattern("\\[\\s*driver-io-[\\d-]+\\] .* Connected to RTM gateway")
                .contains("Traffic driver connected with its own client");
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
