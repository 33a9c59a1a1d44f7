package io.rtm.test;

import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.Payload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Quest methods served by a {@link GatewayExtension}, signed and routed like the gateway's own. */
class GatewayExtensionTest {

    @RegisterExtension
    static final ClientGroup clients = new ClientGroup();
    private static final TestExtension extension = new TestExtension();
    private static RtmTestServer server;
    private TestClient client;

    @BeforeAll
    static void start() {
        server = RtmTestServer.builder().extension(extension).build().start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @BeforeEach
    void connect() {
        client = TestClient.connect(clients.group, server);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void questAnsweredAtOnceSeesItsPayloadConnectionAndServer() {
        long count = server.questsReceived();
        assertThat(client.quest(TestExtension.ECHO, Payload.builder().put("text", "hi").build()).asMap())
                .containsOnly(Map.entry("text", "hi"));
        assertThat(server.questsReceived()).isEqualTo(count + 1);
        List<ReceivedQuest> received = server.receivedQuests();
        ReceivedQuest recorded = received.get(received.size() - 1);
        GatewayQuest quest = extension.lastQuest;
        assertThat(quest.method()).isEqualTo(recorded.method()).isEqualTo(TestExtension.ECHO);
        assertThat(quest.payload().asMap()).isEqualTo(recorded.payload().asMap())
                .containsKeys("text", "pid", "sign", "salt", "ts");
        assertThat(quest.server()).isSameAs(server);
        GatewayPushTarget caller = quest.connection();
        assertThat(caller.id()).isEqualTo(recorded.connectionId());
        assertThat(caller.isActive()).isTrue();
        assertThat(caller.isWritable()).isTrue();
        assertThat(caller.unansweredPushes()).isZero();
        assertThat(caller.eventLoop().inEventLoop()).isFalse();
        // an FpnnException the extension throws is the error answer (here the missing field's)
        assertThat(client.signedErrorOf(TestExtension.ECHO, Payload.EMPTY))
                .isEqualTo(FpnnErrorCode.PROTO_KEY_NOT_FOUND);
    }

    @Test
    void questAnsweredLater() {
        assertThat(client.quest(TestExtension.LATER, Payload.EMPTY).getBoolean("later")).isTrue();
        assertThat(client.signedErrorOf(TestExtension.LATER, Payload.builder().put("code", 200010).build()))
                .isEqualTo(200010);
        GatewayPushTarget caller = extension.lastQuest.connection();
        assertThatThrownBy(() -> caller.whenWritable(() -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("event loop");
    }

    @Test
    void pushesGoToTheListenersOnlyAndAreCounted() {
        try (TestClient listener = TestClient.connect(clients.group, server);
             TestClient bystander = TestClient.connect(clients.group, server)) {
            listener.quest("addlisten", Payload.builder().put("gids", List.of(8L)).put("events", List.of("login"))
                    .build());
            bystander.quest("addlisten", Payload.builder().put("gids", List.of(9L)).build());
            client.quest("setlisten", Payload.builder().put("group", true).build());
            long sent = server.pushesSent();
            long answered = server.pushesAnswered();

            assertThat(client.quest(TestExtension.PUSH, Payload.builder().put("gid", 8L).build()).getLong("pushed"))
                    .isEqualTo(2);
            assertThat(client.quest(TestExtension.PUSH, Payload.builder().put("event", "login").build())
                    .getLong("pushed")).isEqualTo(1);
            TestClient.Push group = listener.nextPush();
            assertThat(group.method()).isEqualTo("pushgroupmsg");
            assertThat(group.payload().getLong("gid")).isEqualTo(8L);
            assertThat(client.nextPush().method()).isEqualTo("pushgroupmsg");
            assertThat(listener.nextPush().method()).isEqualTo("pushevent");
            server.awaitCondition(TestClient.TIMEOUT, () -> server.pushesAnswered() == answered + 3);
            assertThat(server.pushesSent()).isEqualTo(sent + 3);
            assertThat(bystander.pendingPushes()).isZero();
            assertThat(client.pendingPushes()).isZero();
            assertThat(extension.lastQuest.connection().listenState().group()).isTrue();
        }
    }

    @Test
    void questsAreSignedLikeTheGatewaysOwn() {
        Payload fields = Payload.builder().put("text", "hi").build();
        assertThat(client.errorOf(TestExtension.ECHO, fields)).isEqualTo(GatewayErrors.INVALID_PID_OR_SIGN);
        try (TestClient forger = TestClient.connect(clients.group, server, server.projectId(), "another-secret")) {
            assertThat(forger.signedErrorOf(TestExtension.ECHO, fields)).isEqualTo(GatewayErrors.INVALID_PID_OR_SIGN);
        }
        Payload signed = client.signed(TestExtension.ECHO, fields);
        client.unsigned(TestExtension.ECHO, signed);
        assertThat(client.errorOf(TestExtension.ECHO, signed)).isEqualTo(GatewayErrors.SAME_SIGN);
    }

    @Test
    void unknownMethodsAreStillUnknown() {
        assertThat(client.signedErrorOf("test.unknown", Payload.EMPTY)).isEqualTo(FpnnErrorCode.CORE_UNKNOWN_METHOD);
        assertThat(client.errorOf("test.unknown", Payload.EMPTY)).isEqualTo(FpnnErrorCode.CORE_UNKNOWN_METHOD);
    }

    @Test
    void aMethodServedTwiceOrOneOfTheGatewaysOwnIsRefused() {
        RtmTestServer.Builder builder = RtmTestServer.builder().extension(new TestExtension());
        assertThatThrownBy(() -> builder.extension(new TestExtension()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("served by both");
        for (String own : List.of("addlisten", "sendroommsg", "*ping", "*key")) {
            assertThatThrownBy(() -> RtmTestServer.builder().extension(serving(own)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'" + own + "'");
        }
    }

    private static GatewayExtension serving(String method) {
        return new GatewayExtension() {
            @Override
            public Set<String> methods() {
                return Set.of(method);
            }

            @Override
            public Payload serve(GatewayQuest quest) {
                return Payload.EMPTY;
            }
        };
    }
}
