package io.rtm.test;

import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.Payload;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** The gateway's side of section 9 with hand-made quests: refusals are plain answers or a close. */
class GatewayEncryptionTest {

    private static ClientGroup clients;
    private static RtmTestKeys keys;
    private RtmTestServer server;
    private TestClient client;

    @BeforeAll
    static void start() {
        clients = new ClientGroup();
        keys = RtmTestKeys.generate("secp256r1");
    }

    @AfterAll
    static void stopClients() {
        clients.close();
    }

    @AfterEach
    void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aPublicKeyOffTheCurveIsRefusedInPlain() {
        connect();
        byte[] point = keys.publicKeyRaw();
        point[point.length - 1] ^= 1;
        Payload key = Payload.builder().put("publicKey", point).put("streamMode", false).put("bits", 128).build();
        assertThat(client.errorOf("*key", key)).isEqualTo(FpnnErrorCode.PROTO_INVALID_PACKAGE);
        assertThat(server.encryptedConnectionCount()).isZero();
    }

    @Test
    void otherKeySizesAreRefused() {
        connect();
        Payload key = Payload.builder().put("publicKey", keys.publicKeyRaw()).put("bits", 192).build();
        assertThat(client.errorOf("*key", key)).isEqualTo(FpnnErrorCode.PROTO_TYPE_CONVERT);
    }

    @Test
    void starKeyAfterAnotherQuestClosesTheConnection() {
        connect();
        client.unsigned("*ping", Payload.EMPTY);
        Payload key = Payload.builder().put("publicKey", keys.publicKeyRaw()).build();
        client.send("*key", key, Duration.ofSeconds(5));
        server.awaitCondition(Duration.ofSeconds(10), "closed", () -> !client.isActive());
        assertThat(server.encryptedConnectionCount()).isZero();
    }

    @Test
    void theKeyPairIsNeverPrinted() {
        server = RtmTestServer.builder().encryptionKey(keys).build();
        assertThat(server.toString()).doesNotContain(keys.privateKey().toString(16));
        assertThat(keys.toString()).isEqualTo("RtmTestKeys{secp256r1}");
        assertThat(server.encryptionKeys()).isSameAs(keys);
    }

    private void connect() {
        server = RtmTestServer.builder().encryptionKey(keys).build().start();
        client = TestClient.connect(clients.group, server);
    }
}
