package io.rtm.client;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import io.rtm.test.GatewayListenState;
import io.rtm.test.ReceivedQuest;
import io.rtm.test.RtmTestKeys;
import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static io.rtm.client.ClientTestSupport.WAIT;
import static io.rtm.client.ClientTestSupport.clientFor;
import static io.rtm.client.ClientTestSupport.gatewayState;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** Protocol section 9 over real sockets: the client's *key handshake against the embedded gateway. */
class EncryptionTest {

    private static final List<String> CURVES = List.of("secp256k1", "secp256r1", "secp224r1", "secp192r1");

    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();

    private Level savedLevel;

    // the client's WARN lines are captured here, whatever the console's level, and kept off the console
    @BeforeEach
    void captureLogs() {
        logs.start();
        savedLevel = rtmLogger().getLevel();
        rtmLogger().setLevel(Level.WARN);
        rtmLogger().setAdditive(false);
        rtmLogger().addAppender(logs);
    }

    @AfterEach
    void stop() throws Exception {
        rtmLogger().detachAppender(logs);
        rtmLogger().setAdditive(true);
        rtmLogger().setLevel(savedLevel);
        for (int i = closeables.size() - 1; i >= 0; i--) {
            closeables.get(i).close();
        }
    }

    static Stream<Arguments> curvesModesAndKeySizes() {
        List<Arguments> cases = new ArrayList<>();
        int n = 0;
        for (String curve : CURVES) {
            for (RtmEncryption.Mode mode : RtmEncryption.Mode.values()) {
                for (int bits : new int[] {128, 256}) {
                    cases.add(Arguments.of(curve, mode, bits, List.of("pem", "der", "raw").get(n++ % 3)));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} bits, key as {3}")
    @MethodSource("curvesModesAndKeySizes")
    void handshakeListenAndPush(String curve, RtmEncryption.Mode mode, int bits, String keyForm) {
        RtmTestKeys keys = RtmTestKeys.generate(curve);
        RtmTestServer server = server(keys);
        RecordingMonitor monitor = new RecordingMonitor();
        RtmEncryption encryption = switch (keyForm) {
            case "pem" -> RtmEncryption.fromPem(keys.publicKeyPem());
            case "der" -> RtmEncryption.fromDer(keys.publicKeyDer());
            default -> RtmEncryption.fromRawPoint(curve, keys.publicKeyRaw());
        };
        RtmServerClient client = client(clientFor(server).serverPushMonitor(monitor)
                .encryption(encryption.withMode(mode).withKeySize(bits)));
        client.connect();
        client.setListen(Set.of(1001L), null, null, null);
        client.addListen(null, null, Set.of(3001L), null);

        assertThat(server.encryptedConnectionCount()).isEqualTo(1);
        // *key first, then the connection's listen state (one setlisten, empty here), then the calls
        assertThat(server.receivedQuests()).extracting(ReceivedQuest::method)
                .containsExactly("*key", "setlisten", "setlisten", "addlisten");
        ReceivedQuest key = server.receivedQuests().get(0);
        assertThat(key.payload().getBoolean("streamMode")).isEqualTo(mode == RtmEncryption.Mode.STREAM);
        assertThat(key.payload().getInt("bits")).isEqualTo(bits);
        assertThat(key.payload().getBytes("publicKey")).hasSize(keys.publicKeyRaw().length);

        server.pushGroupMessage(7, 1001, 1, 30, "hello " + curve, "");
        server.pushP2PMessage(7, 3001, 2, 51, new byte[] {1, 2, 3}, "");
        server.awaitCondition(WAIT, "both pushes", () -> monitor.messages().size() == 2);
        assertThat(monitor.calls("pushGroupChat")).singleElement()
                .satisfies(call -> assertThat(((RtmMessage) call.argument()).messageId()).isEqualTo(1));
        server.awaitCondition(WAIT, "pushes answered", () -> server.pushesAnswered() == 2);
    }

    @Test
    void plainAndEncryptedClientsShareOneGateway() {
        RtmTestKeys keys = RtmTestKeys.generate("secp256r1");
        RtmTestServer server = server(keys);
        RecordingMonitor plainMonitor = new RecordingMonitor();
        RecordingMonitor encryptedMonitor = new RecordingMonitor();
        RtmServerClient plain = client(clientFor(server).serverPushMonitor(plainMonitor));
        RtmServerClient encrypted = client(clientFor(server).serverPushMonitor(encryptedMonitor)
                .encryption(RtmEncryption.fromPem(keys.publicKeyPem()).withMode(RtmEncryption.Mode.STREAM)));
        plain.connect();
        encrypted.connect();
        plain.addListen(Set.of(5L), null, null, null);
        encrypted.addListen(Set.of(5L), null, null, null);

        assertThat(server.connectionCount()).isEqualTo(2);
        assertThat(server.encryptedConnectionCount()).isEqualTo(1);
        server.ping();
        assertThat(server.pushGroupMessage(7, 5, 1, 30, "to both", "")).isEqualTo(2);
        server.awaitCondition(WAIT, "both received", () -> plainMonitor.messages().size() == 1
                && encryptedMonitor.messages().size() == 1);
        server.awaitCondition(WAIT, "both pinged", () -> plainMonitor.calls("ping").size() == 1
                && encryptedMonitor.calls("ping").size() == 1);
    }

    @Test
    void aWrongGatewayKeyClosesWithAClearCauseAndTheClientKeepsTrying() {
        RtmTestKeys gatewayKeys = RtmTestKeys.generate("secp256k1");
        RtmTestKeys otherKeys = RtmTestKeys.generate("secp256k1");
        RtmTestServer server = server(gatewayKeys);
        RecordingMonitor monitor = new RecordingMonitor();
        RtmServerClient client = client(clientFor(server).serverPushMonitor(monitor)
                .encryption(RtmEncryption.fromDer(otherKeys.publicKeyDer())));
        var ready = client.connectAsync();

        await().atMost(WAIT).until(() -> monitor.calls("connected").size() >= 3);
        assertThat(monitor.calls("connected")).allSatisfy(call ->
                assertThat(((List<?>) call.argument()).get(1)).isEqualTo(false));
        assertThat(ready).isNotDone();
        assertThat(messages()).anySatisfy(line -> assertThat(line).contains("cannot decrypt the input")
                .contains("wrong public key or curve"));
        assertThat(messages()).anySatisfy(line -> assertThat(line)
                .contains("RTM gateway " + server.endpoint() + " closed before it was ready"));
        assertNoKeyMaterialLogged(gatewayKeys, otherKeys);

        // the gateway comes back with the key the client knows: the next attempt succeeds
        int port = server.port();
        server.close();
        RtmTestServer fixed = server(RtmTestServer.builder().port(port).encryptionKey(otherKeys));
        ready.join();
        assertThat(client.isConnected()).isTrue();
        assertThat(fixed.encryptedConnectionCount()).isEqualTo(1);
    }

    @Test
    void aGatewayWithoutEncryptionRefusesTheHandshakeInPlain() {
        RtmTestServer server = server(RtmTestServer.builder());
        RecordingMonitor monitor = new RecordingMonitor();
        RtmServerClient client = client(clientFor(server).serverPushMonitor(monitor)
                .encryption(RtmEncryption.fromPem(RtmTestKeys.generate("secp192r1").publicKeyPem())));
        client.connectAsync();

        await().atMost(WAIT).until(() -> monitor.calls("connected").size() >= 2);
        assertThat(client.isConnected()).isFalse();
        assertThat(messages()).anySatisfy(line -> assertThat(line)
                .contains("RTM gateway " + server.endpoint() + " closed before it was ready")
                .contains("the encryption handshake failed: the gateway refused the encryption handshake")
                .contains("20004"));
    }

    @Test
    void reconnectsRedoTheHandshakeAndReapplyTheListenSet() {
        RtmTestKeys keys = RtmTestKeys.generate("secp224r1");
        RtmTestServer server = server(keys);
        RecordingMonitor monitor = new RecordingMonitor();
        RtmServerClient client = client(clientFor(server).serverPushMonitor(monitor)
                .encryption(RtmEncryption.fromRawPoint("secp224r1", keys.publicKeyRaw()).withKeySize(256)));
        client.connect();
        client.addListen(Set.of(1001L), null, Set.of(3001L), Set.of("login"));
        GatewayListenState expected = new GatewayListenState(Set.of(1001L), Set.of(), Set.of(3001L),
                Set.of("login"), false, false, false, false);

        for (int restart = 1; restart <= 2; restart++) {
            server.clearReceivedQuests();
            if (restart == 1) {
                server.stop();
                server.awaitCondition(WAIT, "client noticed", () -> !client.isConnected());
                server.start();
            } else {
                server.dropConnections();
            }
            server.awaitCondition(WAIT, "client reconnected",
                    () -> client.isConnected() && server.encryptedConnectionCount() == 1);
            assertThat(gatewayState(server)).isEqualTo(expected);
            assertThat(server.receivedQuests()).extracting(ReceivedQuest::method).startsWith("*key", "setlisten");
            int mid = restart;
            server.pushGroupMessage(7, 1001, mid, 51, "after restart " + restart, "");
            server.awaitCondition(WAIT, "push after restart",
                    () -> monitor.messages().stream().anyMatch(m -> m.messageId() == mid));
        }
    }

    // ---- helpers -----------------------------------------------------------------

    private RtmTestServer server(RtmTestKeys keys) {
        return server(RtmTestServer.builder().encryptionKey(keys));
    }

    private RtmTestServer server(RtmTestServer.Builder builder) {
        RtmTestServer server = builder.build().start();
        closeables.add(server);
        return server;
    }

    private RtmServerClient client(RtmServerClient.Builder builder) {
        RtmServerClient client = builder.build();
        closeables.add(client);
        return client;
    }

    private List<String> messages() {
        // the appender adds under its own lock, on network threads, while the test reads
        synchronized (logs) {
            return logs.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    private void assertNoKeyMaterialLogged(RtmTestKeys... keys) {
        HexFormat hex = HexFormat.of();
        for (RtmTestKeys key : keys) {
            String publicHex = hex.formatHex(key.publicKeyRaw()).substring(0, 16);
            String privateText = key.privateKey().toString(16);
            assertThat(messages()).noneSatisfy(line -> assertThat(line.toLowerCase())
                    .containsAnyOf(publicHex, privateText, key.privateKey().toString()));
        }
        assertThat(messages()).noneSatisfy(line -> assertThat(line).contains(RtmTestServer.DEFAULT_SECRET_KEY));
    }

    private static Logger rtmLogger() {
        return (Logger) LoggerFactory.getLogger("io.rtm");
    }
}
