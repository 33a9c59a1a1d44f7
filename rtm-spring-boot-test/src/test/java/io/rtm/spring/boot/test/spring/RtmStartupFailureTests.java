package io.rtm.spring.boot.test.spring;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.io.IOException;
import java.io.UncheckedIOException;

import io.rtm.client.RtmServerClient;
import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assumptions.assumeThat;

/** Startup stops with a report naming the properties when the gateway refuses the credentials, or is required. */
@ExtendWith(OutputCaptureExtension.class)
class RtmStartupFailureTests {

    private static final String WRONG_SECRET = "not-the-gateways-secret";

    private static SpringApplicationBuilder app(String endpoint, long projectId, String secret, String... more) {
        return new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
            .properties("rtm.endpoint=" + endpoint, "rtm.project-id=" + projectId, "rtm.secret-key=" + secret,
                    "rtm.startup.timeout=2s")
            .properties(more);
    }

    @Test
    void refusedCredentialsStopStartupNamingTheProperties(CapturedOutput output) {
        try (RtmTestServer server = RtmTestServer.builder().build().start()) {
            assertThatException().isThrownBy(() -> app(server.endpoint(), server.projectId(), WRONG_SECRET).run());
            assertThat(output).contains("APPLICATION FAILED TO START")
                .contains("The RTM gateway " + server.endpoint() + " refused the credentials: 200002")
                .contains("Check rtm.project-id and rtm.secret-key")
                .doesNotContain(WRONG_SECRET);
            server.awaitCondition(RtmRestartTests.WAIT, "the failed application let go of its connection",
                    () -> server.connectionCount() == 0);
        }
    }

    @Test
    void aGatewayThatCannotBeReachedStopsStartupOnlyWhenAskedTo(CapturedOutput output) {
        String closed = "127.0.0.1:" + closedPort();
        assertThatException().isThrownBy(() -> app(closed, RtmTestServer.DEFAULT_PROJECT_ID, "secret",
                "rtm.startup.timeout=300ms", "rtm.startup.fail-if-unreachable=true").run());
        assertThat(output).contains("APPLICATION FAILED TO START")
            .contains("Not connected to the RTM gateway " + closed + " at startup")
            .contains("Check rtm.endpoint (" + closed + ")")
            .contains("rtm.startup.fail-if-unreachable=false");

        try (ConfigurableApplicationContext started = app(closed, RtmTestServer.DEFAULT_PROJECT_ID, "secret",
                "rtm.startup.timeout=300ms").run()) {
            assertThat(started.getBean(RtmServerClient.class).isConnected()).isFalse();
        }
    }

    @Test
    void everyMissingRequiredPropertyIsReportedAtOnce(CapturedOutput output) {
        assertThatException().isThrownBy(() -> new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
            .run());
        assertThat(output).containsOnlyOnce("APPLICATION FAILED TO START")
            .contains("Property 'rtm.endpoint' is not set")
            .contains("Property 'rtm.project-id' is not set")
            .contains("Property 'rtm.secret-key' is not set")
            .contains("Set rtm.endpoint to")
            .contains("Set rtm.project-id to")
            .contains("Set rtm.secret-key to");
    }

    @Test
    void theReadmesSecretPlaceholderWithoutItsVariableStopsStartupNamingIt(CapturedOutput output) {
        assumeThat(System.getenv("RTM_SECRET_KEY")).as("RTM_SECRET_KEY is not set").isNull();
        assertThatException().isThrownBy(() -> app("127.0.0.1:" + closedPort(), RtmTestServer.DEFAULT_PROJECT_ID,
                "${RTM_SECRET_KEY}").run());
        assertThat(output).containsOnlyOnce("APPLICATION FAILED TO START")
            .contains("Property 'rtm.secret-key' is the unresolved placeholder ${RTM_SECRET_KEY}")
            .contains("RTM_SECRET_KEY");
    }

    @Test
    void unknownRtmKeysAreNamedInAWarningWithTheClosestKnownProperty(CapturedOutput output) {
        assertThatException().isThrownBy(() -> new SpringApplicationBuilder(App.class).web(WebApplicationType.NONE)
            .properties("rtm.endpiont=127.0.0.1:13315", "rtm.listen.group=1001", "other.endpiont=1")
            .run());
        assertThat(output).containsPattern("WARN .*Unknown property 'rtm.endpiont'.*did you mean 'rtm.endpoint'\\?")
            .containsPattern("WARN .*Unknown property 'rtm.listen.group'.*did you mean 'rtm.listen.groups'\\?")
            .doesNotContain("other.endpiont")
            .contains("Property 'rtm.endpoint' is not set");
    }

    /** A loopback port picked at run time that nothing listens on. */
    static int closedPort() {
        try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return probe.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }

    @SpringBootConfiguration
    @EnableAutoConfiguration
    static class App {
    }
}
