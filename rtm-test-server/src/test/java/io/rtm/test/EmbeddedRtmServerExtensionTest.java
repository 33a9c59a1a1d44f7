package io.rtm.test;

import io.rtm.fpnn.Payload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

@EmbeddedRtmServer(projectId = 42, secretKey = "extension-secret")
class EmbeddedRtmServerExtensionTest {

    private static RtmTestServer fromBeforeAll;
    private final RtmTestServer fromConstructor;

    EmbeddedRtmServerExtensionTest(RtmTestServer server) {
        this.fromConstructor = server;
    }

    @BeforeAll
    static void remember(RtmTestServer server) {
        assertThat(server.isRunning()).isTrue();
        fromBeforeAll = server;
    }

    @AfterAll
    static void stillRunningUntilTheClassIsDone(RtmTestServer server) {
        assertThat(server).isSameAs(fromBeforeAll);
        assertThat(server.isRunning()).isTrue();
    }

    @Test
    void injectsOneRunningServerWithTheAnnotatedSettings(RtmTestServer server) {
        assertThat(server).isSameAs(fromBeforeAll).isSameAs(fromConstructor);
        assertThat(server.isRunning()).isTrue();
        assertThat(server.port()).isPositive();
        assertThat(server.projectId()).isEqualTo(42);
        assertThat(server.secretKey()).isEqualTo("extension-secret");
        try (ClientGroup clients = new ClientGroup(); TestClient client = TestClient.connect(clients.group, server)) {
            assertThat(client.quest("addlisten", Payload.EMPTY).isEmpty()).isTrue();
        }
    }

    @Nested
    class NestedTests {

        @Test
        void shareTheEnclosingServer(RtmTestServer server) {
            assertThat(server).isSameAs(fromBeforeAll);
        }
    }
}
