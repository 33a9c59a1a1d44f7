package io.rtm.test;

import io.rtm.fpnn.Payload;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RtmGatewayMainTest {

    @Test
    void parsesOptions() {
        try (RtmTestServer server = RtmGatewayMain.parse(new String[] {"--port", "0", "--pid", "7", "--secret", "xyz"})
                .build()) {
            assertThat(server.projectId()).isEqualTo(7);
            assertThat(server.secretKey()).isEqualTo("xyz");
            server.start();
            assertThat(server.port()).isPositive();
        }
    }

    @Test
    void defaultsToTheRtmPortAndTestCredentials() {
        try (RtmTestServer server = RtmGatewayMain.parse(new String[0]).build()) {
            assertThat(server.port()).isEqualTo(RtmGatewayMain.DEFAULT_PORT);
            assertThat(server.projectId()).isEqualTo(RtmTestServer.DEFAULT_PROJECT_ID);
            assertThat(server.secretKey()).isEqualTo(RtmTestServer.DEFAULT_SECRET_KEY);
        }
    }

    @Test
    void restartsOnTheSamePortWhenToldOnStdin() throws Exception {
        String[] args = {"--port", "0", "--control", "stdin"};
        assertThat(RtmGatewayMain.controlledByStdin(args)).isTrue();
        assertThat(RtmGatewayMain.controlledByStdin(new String[] {"--port", "0"})).isFalse();
        try (RtmTestServer server = RtmGatewayMain.parse(args).build()) {
            server.start();
            int port = server.port();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            RtmGatewayMain.obey(server, new java.io.BufferedReader(new java.io.StringReader("restart 10\nbogus\n")),
                    new PrintStream(out, true, StandardCharsets.UTF_8));
            assertThat(server.isRunning()).isTrue();
            assertThat(server.port()).isEqualTo(port);
            assertThat(out.toString(StandardCharsets.UTF_8))
                    .contains("RTM gateway running on 127.0.0.1:" + port + " ")
                    .contains("unknown command 'bogus'");
        }
        assertThatThrownBy(() -> RtmGatewayMain.parse(new String[] {"--control", "tcp"}))
                .hasMessageContaining("stdin");
    }

    @Test
    void servesTheExtensionsOnTheClassPath() {
        try (ClientGroup clients = new ClientGroup();
             RtmTestServer server = RtmGatewayMain.parse(new String[] {"--port", "0"}).build().start();
             TestClient client = TestClient.connect(clients.group, server)) {
            // TestExtension is listed in this module's test META-INF/services
            assertThat(client.quest(TestExtension.ECHO, Payload.builder().put("text", "found").build())
                    .getString("text")).isEqualTo("found");
        }
    }

    @Test
    void encryptionWithAKeyPairMadeAtStartup() {
        try (RtmTestServer server = RtmGatewayMain.parse(new String[] {"--port", "0", "--encrypt", "secp224r1"})
                .build()) {
            assertThat(server.encryptionKeys().curve()).isEqualTo("secp224r1");
            assertThat(server.encryptionKeys().publicKeyPem()).startsWith("-----BEGIN PUBLIC KEY-----");
        }
        assertThatThrownBy(() -> RtmGatewayMain.parse(new String[] {"--encrypt", "secp384r1"}))
                .hasMessageContaining("unsupported curve");
    }

    @Test
    void helpAndBadOptions() {
        assertThat(RtmGatewayMain.parse(new String[] {"--help"})).isNull();
        assertThatThrownBy(() -> RtmGatewayMain.parse(new String[] {"--bogus", "1"}))
                .hasMessageContaining("--bogus");
        assertThatThrownBy(() -> RtmGatewayMain.parse(new String[] {"--port"})).hasMessageContaining("missing");
        assertThatThrownBy(() -> RtmGatewayMain.parse(new String[] {"--pid", "x"})).hasMessageContaining("number");
        assertThatThrownBy(() -> RtmGatewayMain.parse(new String[] {"--port", "70000"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
