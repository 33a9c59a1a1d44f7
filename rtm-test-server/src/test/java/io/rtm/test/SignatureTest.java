package io.rtm.test;

import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.FpnnException;
import io.rtm.fpnn.Payload;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Protocol section 8.1: every quest but *ping and *key is signed. */
@EmbeddedRtmServer
class SignatureTest {

    @RegisterExtension
    static final ClientGroup clients = new ClientGroup();
    private TestClient client;

    @BeforeEach
    void connect(RtmTestServer server) {
        client = TestClient.connect(clients.group, server);
    }

    @AfterEach
    void disconnect() {
        client.close();
    }

    @Test
    void validSignatureIsAccepted(RtmTestServer server) {
        long salt = 1234567890123L;
        long ts = nowSeconds();
        Payload answer = client.unsigned("addlisten", signature(server.projectId(), server.secretKey(), salt,
                "addlisten", ts).put("gids", List.of(5L)).build());
        assertThat(answer.asMap()).isEmpty();
    }

    @Test
    void wrongSignIsRefused(RtmTestServer server) {
        Payload payload = signature(server.projectId(), "another-secret", 1L, "addlisten", nowSeconds()).build();
        assertThat(client.errorOf("addlisten", payload)).isEqualTo(GatewayErrors.INVALID_PID_OR_SIGN);
    }

    @Test
    void signOfAnotherMethodIsRefused(RtmTestServer server) {
        Payload payload = signature(server.projectId(), server.secretKey(), 2L, "removelisten", nowSeconds()).build();
        assertThat(client.errorOf("addlisten", payload)).isEqualTo(GatewayErrors.INVALID_PID_OR_SIGN);
    }

    @Test
    void lowerCaseSignIsRefused(RtmTestServer server) {
        long ts = nowSeconds();
        String sign = Signatures.sign(server.projectId(), server.secretKey(), 3L, "addlisten", ts);
        Payload payload = Payload.builder().put("pid", server.projectId()).put("sign", sign.toLowerCase(Locale.ROOT))
                .put("salt", 3L).put("ts", ts).build();
        assertThat(client.errorOf("addlisten", payload)).isEqualTo(GatewayErrors.INVALID_PID_OR_SIGN);
    }

    @Test
    void unknownProjectIsRefused(RtmTestServer server) {
        try (TestClient stranger = TestClient.connect(clients.group, server, 99L, server.secretKey())) {
            assertThat(stranger.signedErrorOf("addlisten", Payload.EMPTY)).isEqualTo(GatewayErrors.INVALID_PID_OR_SIGN);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"pid", "sign", "salt", "ts"})
    void missingSignatureFieldIsRefused(String field, RtmTestServer server) {
        Map<String, Object> fields = new LinkedHashMap<>(
                signature(server.projectId(), server.secretKey(), 4L, "addlisten", nowSeconds()).build().asMap());
        fields.remove(field);
        assertThat(client.errorOf("addlisten", Payload.of(fields))).isEqualTo(GatewayErrors.INVALID_PID_OR_SIGN);
    }

    @Test
    void signatureFieldOfTheWrongTypeIsRefused(RtmTestServer server) {
        Map<String, Object> fields = new LinkedHashMap<>(
                signature(server.projectId(), server.secretKey(), 5L, "addlisten", nowSeconds()).build().asMap());
        fields.put("salt", "5");
        assertThat(client.errorOf("addlisten", Payload.of(fields))).isEqualTo(GatewayErrors.INVALID_PID_OR_SIGN);
    }

    /** 302, not 301: the test reads the clock a moment before the gateway does, possibly in the second before. */
    @ParameterizedTest
    @ValueSource(longs = {-302, 302, -100_000, Long.MAX_VALUE / 2})
    void tsOffTheClockIsRefused(long offset, RtmTestServer server) {
        long ts = offset == Long.MAX_VALUE / 2 ? offset : nowSeconds() + offset;
        Payload payload = signature(server.projectId(), server.secretKey(), 6L, "addlisten", ts).build();
        assertThat(client.errorOf("addlisten", payload)).isEqualTo(GatewayErrors.INVALID_SERVER_TIME);
    }

    @Test
    void tsWithinTheSkewIsAccepted(RtmTestServer server) {
        Payload payload = signature(server.projectId(), server.secretKey(), 7L, "addlisten", nowSeconds() - 290)
                .build();
        assertThat(client.unsigned("addlisten", payload).asMap()).isEmpty();
    }

    @Test
    void replayedSaltIsRefusedOnTheSameConnectionOnly(RtmTestServer server) {
        long ts = nowSeconds();
        Payload first = signature(server.projectId(), server.secretKey(), 8L, "addlisten", ts).build();
        client.unsigned("addlisten", first);
        assertThat(client.errorOf("addlisten", first)).isEqualTo(GatewayErrors.SAME_SIGN);
        // the same salt with another method has another sign, and is still a replay
        Payload other = signature(server.projectId(), server.secretKey(), 8L, "removelisten", ts).build();
        assertThat(client.errorOf("removelisten", other)).isEqualTo(GatewayErrors.SAME_SIGN);
        try (TestClient second = TestClient.connect(clients.group, server)) {
            assertThat(second.unsigned("addlisten", first).asMap()).isEmpty();
        }
    }

    @Test
    void forgedQuestDoesNotBurnItsSalt(RtmTestServer server) {
        long ts = nowSeconds();
        Payload forged = signature(server.projectId(), "wrong", 9L, "addlisten", ts).build();
        assertThat(client.errorOf("addlisten", forged)).isEqualTo(GatewayErrors.INVALID_PID_OR_SIGN);
        Payload genuine = signature(server.projectId(), server.secretKey(), 9L, "addlisten", ts).build();
        assertThat(client.unsigned("addlisten", genuine).asMap()).isEmpty();
    }

    @Test
    void pingNeedsNoSignature() {
        long before = System.currentTimeMillis();
        Payload answer = client.unsigned("*ping", Payload.EMPTY);
        assertThat(answer.getLong("ts")).isBetween(before - 1000, System.currentTimeMillis() + 1000);
    }

    @Test
    void unknownMethodIsRefused() {
        assertThat(client.signedErrorOf("nosuchmethod", Payload.EMPTY)).isEqualTo(FpnnErrorCode.CORE_UNKNOWN_METHOD);
        assertThat(client.errorOf("*key", Payload.EMPTY)).isEqualTo(FpnnErrorCode.CORE_UNKNOWN_METHOD);
    }

    @Test
    void missingFieldIsRefused() {
        Payload noTo = Payload.builder().put("from", 1L).put("mid", 1L).put("mtype", 30).put("msg", "hi")
                .put("attrs", "").build();
        assertThat(client.signedErrorOf("sendmsg", noTo)).isEqualTo(FpnnErrorCode.PROTO_KEY_NOT_FOUND);
        Payload noMsg = Payload.builder().put("from", 1L).put("gid", 1L).put("mid", 1L).put("mtype", 30).build();
        assertThat(client.signedErrorOf("sendgroupmsg", noMsg)).isEqualTo(FpnnErrorCode.PROTO_KEY_NOT_FOUND);
        Payload noTos = Payload.builder().put("from", 1L).put("mid", 1L).put("mtype", 30).put("msg", "hi").build();
        assertThat(client.signedErrorOf("sendmsgs", noTos)).isEqualTo(FpnnErrorCode.PROTO_KEY_NOT_FOUND);
    }

    @Test
    void fieldOfTheWrongTypeIsRefused() {
        assertThat(client.signedErrorOf("addlisten", Payload.builder().put("gids", "1,2").build()))
                .isEqualTo(FpnnErrorCode.PROTO_TYPE_CONVERT);
        assertThat(client.signedErrorOf("addlisten", Payload.builder().put("uids", List.of("a")).build()))
                .isEqualTo(FpnnErrorCode.PROTO_TYPE_CONVERT);
        assertThat(client.signedErrorOf("setlisten", Payload.builder().put("p2p", 1).build()))
                .isEqualTo(FpnnErrorCode.PROTO_TYPE_CONVERT);
        Payload msgAsNumber = Payload.builder().put("from", 1L).put("rid", 1L).put("mid", 1L).put("mtype", 30)
                .put("msg", 42).build();
        assertThat(client.signedErrorOf("sendroommsg", msgAsNumber)).isEqualTo(FpnnErrorCode.PROTO_TYPE_CONVERT);
    }

    @ParameterizedTest
    @ValueSource(ints = {-1, 128, 255, 100_000})
    void mtypeOutOfRangeIsRefused(int mtype) {
        Payload message = Payload.builder().put("from", 1L).put("to", 2L).put("mid", 1L).put("mtype", mtype)
                .put("msg", "hi").put("attrs", "").build();
        assertThat(client.signedErrorOf("sendmsg", message)).isEqualTo(FpnnErrorCode.PROTO_TYPE_CONVERT);
    }

    @Test
    void everyMtypeInRangeIsAccepted() {
        for (int mtype : new int[] {0, 30, 32, 40, 50, 51, 127}) {
            Payload message = Payload.builder().put("from", 1L).put("to", 2L).put("mid", (long) mtype)
                    .put("mtype", mtype).put("msg", "hi").put("attrs", "").build();
            assertThat(client.quest("sendmsg", message).getLong("mtime")).isPositive();
        }
    }

    @Test
    void pausedGatewayLeavesQuestsUnanswered(RtmTestServer server) {
        server.pauseAnswering(true);
        try {
            assertThat(client.send("*ping", Payload.EMPTY, Duration.ofMillis(200)))
                    .failsWithin(Duration.ofSeconds(5))
                    .withThrowableThat()
                    .havingRootCause()
                    .satisfies(e -> assertThat(((FpnnException) e).code())
                            .isEqualTo(FpnnErrorCode.CORE_TIMEOUT));
        } finally {
            server.pauseAnswering(false);
        }
        assertThat(client.unsigned("*ping", Payload.EMPTY).contains("ts")).isTrue();
    }

    @Test
    void receivedQuestsHoldTheFullPayload(RtmTestServer server) {
        server.clearReceivedQuests();
        client.quest("addlisten", Payload.builder().put("rids", List.of(77L)).build());
        List<ReceivedQuest> quests = server.receivedQuests();
        assertThat(quests).hasSize(1);
        ReceivedQuest quest = quests.get(0);
        assertThat(quest.method()).isEqualTo("addlisten");
        assertThat(quest.payload().asMap()).containsOnlyKeys("rids", "pid", "sign", "salt", "ts");
        assertThat(quest.payload().getLongSet("rids")).containsExactly(77L);
        assertThat(server.connections()).extracting(GatewayConnection::id).contains(quest.connectionId());
    }

    static Payload.Builder signature(long pid, String secret, long salt, String method, long ts) {
        return Payload.builder()
                .put("pid", pid)
                .put("sign", Signatures.sign(pid, secret, salt, method, ts))
                .put("salt", salt)
                .put("ts", ts);
    }

    static long nowSeconds() {
        return System.currentTimeMillis() / 1000;
    }
}
