package io.rtm.test;

import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.Payload;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench.flood and bench.stats quests. */
@EmbeddedRtmServer
class BenchFloodTest {

    private static final Pattern SENT_NANOS = Pattern.compile("\\{\"sentNanos\":-?\\d+}");
    @RegisterExtension
    static final ClientGroup clients = new ClientGroup();

    @Test
    void floodDeliversExactlyCountPushesToEveryListener(RtmTestServer server) {
        int count = 5_000;
        try (TestClient driver = TestClient.connect(clients.group, server);
             TestClient first = TestClient.connect(clients.group, server);
             TestClient second = TestClient.connect(clients.group, server)) {
            first.quest("addlisten", Payload.builder().put("gids", List.of(9L)).build());
            second.quest("setlisten", Payload.builder().put("group", true).build());
            long answered = server.pushesAnswered();
            Payload result = driver.quest("bench.flood", Payload.builder().put("kind", "group").put("to", 9L)
                    .put("count", count).put("size", 200).put("mtype", 51).build());
            assertThat(result.getLong("sent")).isEqualTo(2L * count);
            assertThat(result.getLong("elapsedMs")).isNotNegative();
            server.awaitCondition(TestClient.TIMEOUT, () -> server.pushesAnswered() == answered + 2L * count);
            for (TestClient listener : List.of(first, second)) {
                List<TestClient.Push> pushes = listener.drainPushes();
                assertThat(pushes).hasSize(count);
                Set<Long> mids = new HashSet<>();
                for (TestClient.Push push : pushes) {
                    Payload payload = push.payload();
                    mids.add(payload.getLong("mid"));
                    assertThat(push.method()).isEqualTo("pushgroupmsg");
                    assertThat(payload.getLong("gid")).isEqualTo(9L);
                    assertThat(payload.getLong("mtype")).isEqualTo(51L);
                    assertThat(payload.getString("msg")).hasSize(200);
                    assertThat(payload.getString("attrs")).matches(SENT_NANOS);
                }
                assertThat(mids).hasSize(count);
            }
            assertThat(driver.pendingPushes()).isZero();

            Payload stats = driver.quest("bench.stats", Payload.EMPTY);
            assertThat(stats.asMap()).containsKeys("connections", "pushesSent", "pushesAnswered",
                    "pushErrorAnswers", "pushesResent", "questsReceived");
            assertThat(stats.getLong("connections")).isEqualTo(3);
            assertThat(stats.getLong("pushesAnswered")).isGreaterThanOrEqualTo(2L * count);
        }
    }

    @Test
    void pacedFloodSendsEveryPushWithIncreasingSendTimes(RtmTestServer server) {
        int count = 200;
        try (TestClient listener = TestClient.connect(clients.group, server)) {
            listener.quest("addlisten", Payload.builder().put("gids", List.of(21L)).build());
            Payload result = listener.quest("bench.flood", Payload.builder().put("kind", "group").put("to", 21L)
                    .put("count", count).put("size", 10).put("mtype", 51).put("rate", 2_000).build());
            assertThat(result.getLong("sent")).isEqualTo(count);
            server.awaitCondition(TestClient.TIMEOUT, () -> listener.pendingPushes() == count);
            List<TestClient.Push> pushes = listener.drainPushes();
            assertThat(pushes).hasSize(count);
            // paced pushes are built one tick after another: their send times never go back
            // (no assertion on the elapsed time: the machine may be slow)
            Long previous = null;
            for (TestClient.Push push : pushes) {
                String attrs = push.payload().getString("attrs");
                assertThat(attrs).matches(SENT_NANOS);
                long sentNanos = Long.parseLong(attrs.replaceAll("\\D*(-?\\d+)\\D*", "$1"));
                if (previous != null) {
                    assertThat(sentNanos - previous).isNotNegative();
                }
                previous = sentNanos;
            }

            Payload stats = listener.quest("bench.stats", Payload.EMPTY);
            assertThat(stats.getLong("listenGids")).isGreaterThanOrEqualTo(1);
            assertThat(stats.asMap()).containsKeys("listenRids", "listenUids", "listenEvents");
        }
    }

    @Test
    void floodWaitsForAnswersOnceMaxUnansweredArePending(RtmTestServer server) throws Exception {
        int count = BenchFlood.MAX_UNANSWERED + 5_000;
        try (TestClient driver = TestClient.connect(clients.group, server);
             TestClient silent = TestClient.connect(clients.group, server)) {
            silent.quest("addlisten", Payload.builder().put("gids", List.of(31L)).build());
            silent.answering(false);
            long before = server.pushesSent();
            java.util.concurrent.CompletableFuture<Payload> flood = java.util.concurrent.CompletableFuture.supplyAsync(
                    () -> driver.quest("bench.flood", Payload.builder().put("kind", "group").put("to", 31L)
                            .put("count", count).put("size", 10).put("mtype", 51).build()));
            server.awaitCondition(TestClient.TIMEOUT,
                    () -> server.pushesSent() - before >= BenchFlood.MAX_UNANSWERED);
            Thread.sleep(200); // a chance to overshoot; the bound below holds whatever the timing
            // checked every 64 pushes of a batch
            assertThat(server.pushesSent() - before).isLessThan(BenchFlood.MAX_UNANSWERED + 64L);
            silent.close();
            assertThat(flood.get(30, java.util.concurrent.TimeUnit.SECONDS).getLong("sent")).isLessThan(count);
        }
    }

    @Test
    void badRateIsRefused(RtmTestServer server) {
        try (TestClient driver = TestClient.connect(clients.group, server)) {
            assertThat(driver.signedErrorOf("bench.flood", Payload.builder().put("kind", "p2p").put("to", 1L)
                    .put("count", 1).put("size", 1).put("rate", -5).build()))
                    .isEqualTo(FpnnErrorCode.PROTO_TYPE_CONVERT);
        }
    }

    @Test
    void floodToNobodySendsNothing(RtmTestServer server) {
        try (TestClient driver = TestClient.connect(clients.group, server)) {
            Payload result = driver.quest("bench.flood", Payload.builder().put("kind", "p2p").put("to", 404L)
                    .put("count", 10).put("size", 1).put("mtype", 30).build());
            assertThat(result.getLong("sent")).isZero();
        }
    }

    @Test
    void floodOfP2PAndRoomMessages(RtmTestServer server) {
        try (TestClient listener = TestClient.connect(clients.group, server)) {
            listener.quest("addlisten", Payload.builder().put("uids", List.of(3L)).put("rids", List.of(4L)).build());
            assertThat(listener.quest("bench.flood", Payload.builder().put("kind", "p2p").put("to", 3L)
                    .put("count", 5).put("size", 0).put("mtype", 30).build()).getLong("sent")).isEqualTo(5);
            assertThat(listener.quest("bench.flood", Payload.builder().put("kind", "room").put("to", 4L)
                    .put("count", 5).put("size", 0).put("mtype", 30).build()).getLong("sent")).isEqualTo(5);
            server.awaitCondition(TestClient.TIMEOUT, () -> listener.pendingPushes() == 10);
            assertThat(listener.drainPushes()).extracting(TestClient.Push::method)
                    .containsExactly("pushmsg", "pushmsg", "pushmsg", "pushmsg", "pushmsg",
                            "pushroommsg", "pushroommsg", "pushroommsg", "pushroommsg", "pushroommsg");
        }
    }

    @Test
    void badFloodParametersAreRefused(RtmTestServer server) {
        try (TestClient driver = TestClient.connect(clients.group, server)) {
            Payload.Builder base = Payload.builder().put("to", 1L).put("size", 1).put("mtype", 30);
            assertThat(driver.signedErrorOf("bench.flood", base.put("kind", "broadcast").put("count", 1).build()))
                    .isEqualTo(FpnnErrorCode.PROTO_TYPE_CONVERT);
            assertThat(driver.signedErrorOf("bench.flood", base.put("kind", "p2p").put("count", -1).build()))
                    .isEqualTo(FpnnErrorCode.PROTO_TYPE_CONVERT);
            assertThat(driver.signedErrorOf("bench.flood", Payload.builder().put("kind", "p2p").build()))
                    .isEqualTo(FpnnErrorCode.PROTO_KEY_NOT_FOUND);
            assertThat(driver.errorOf("bench.flood", Payload.EMPTY)).isEqualTo(GatewayErrors.INVALID_PID_OR_SIGN);
        }
    }
}
