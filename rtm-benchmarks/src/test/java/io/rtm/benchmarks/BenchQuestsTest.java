package io.rtm.benchmarks;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.rtm.fpnn.FpnnErrorCode;
import io.rtm.fpnn.Payload;
import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The bench.flood and bench.stats quests, served by the embedded gateway through {@link BenchQuests}. */
class BenchQuestsTest {

    private static final Pattern SENT_NANOS = Pattern.compile("\\{\"sentNanos\":-?\\d+}");
    /** RTM's "invalid pid or sign". */
    private static final int INVALID_PID_OR_SIGN = 200002;
    private static EventLoopGroup group;
    private RtmTestServer server;

    @BeforeAll
    static void startClients() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopClients() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly();
    }

    @BeforeEach
    void startGateway() {
        server = RtmTestServer.builder().extension(new BenchQuests()).build().start();
    }

    @AfterEach
    void stopGateway() {
        server.close();
    }

    @Test
    void floodDeliversExactlyCountPushesToEveryListener() throws Exception {
        int count = 5_000;
        try (FloodClient driver = new FloodClient(group, server);
             FloodClient first = new FloodClient(group, server);
             FloodClient second = new FloodClient(group, server)) {
            first.quest("addlisten", Payload.builder().put("gids", List.of(9L)).build());
            second.quest("setlisten", Payload.builder().put("group", true).build());
            long answered = server.pushesAnswered();
            Payload result = driver.quest("bench.flood", Payload.builder().put("kind", "group").put("to", 9L)
                    .put("count", count).put("size", 200).put("mtype", 51).build());
            assertThat(result.getLong("sent")).isEqualTo(2L * count);
            assertThat(result.getLong("elapsedMs")).isNotNegative();
            server.awaitCondition(FloodClient.TIMEOUT, () -> server.pushesAnswered() == answered + 2L * count);
            for (FloodClient listener : List.of(first, second)) {
                List<FloodClient.Push> pushes = List.copyOf(listener.pushes);
                assertThat(pushes).hasSize(count);
                Set<Long> mids = new HashSet<>();
                for (FloodClient.Push push : pushes) {
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
            assertThat(driver.pushes.size()).isZero();

            Payload stats = driver.quest("bench.stats", Payload.EMPTY);
            assertThat(stats.asMap()).containsKeys("connections", "pushesSent", "pushesAnswered",
                    "pushErrorAnswers", "pushesResent", "questsReceived");
            assertThat(stats.getLong("connections")).isEqualTo(3);
            assertThat(stats.getLong("pushesAnswered")).isGreaterThanOrEqualTo(2L * count);
        }
    }

    @Test
    void pacedFloodSendsEveryPushWithIncreasingSendTimes() throws Exception {
        int count = 200;
        try (FloodClient listener = new FloodClient(group, server)) {
            listener.quest("addlisten", Payload.builder().put("gids", List.of(21L)).build());
            Payload result = listener.quest("bench.flood", Payload.builder().put("kind", "group").put("to", 21L)
                    .put("count", count).put("size", 10).put("mtype", 51).put("rate", 2_000).build());
            assertThat(result.getLong("sent")).isEqualTo(count);
            server.awaitCondition(FloodClient.TIMEOUT, () -> listener.pushes.size() == count);
            List<FloodClient.Push> pushes = List.copyOf(listener.pushes);
            assertThat(pushes).hasSize(count);
            // paced pushes are built one tick after another: their send times never go back
            // (no assertion on the elapsed time: the machine may be slow)
            Long previous = null;
            for (FloodClient.Push push : pushes) {
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
    void floodWaitsForAnswersOnceMaxUnansweredArePending() throws Exception {
        // a bound lower than the gateway process's, reached long before the gateway gives up on a push
        int maxUnanswered = 1_000;
        BenchQuests bounded = new BenchQuests(maxUnanswered);
        int count = maxUnanswered + 5_000;
        try (RtmTestServer gateway = RtmTestServer.builder().extension(bounded).build().start();
             FloodClient driver = new FloodClient(group, gateway);
             FloodClient silent = new FloodClient(group, gateway)) {
            silent.quest("addlisten", Payload.builder().put("gids", List.of(31L)).build());
            silent.answering(false);
            long before = gateway.pushesSent();
            CompletableFuture<Payload> flood = driver.questAsync("bench.flood", Payload.builder().put("kind", "group")
                    .put("to", 31L).put("count", count).put("size", 10).put("mtype", 51).build());
            // once the run waited for answers it sends nothing more until some arrive: no overshoot can follow
            gateway.awaitCondition(FloodClient.TIMEOUT, () -> bounded.answerWaits() > 0);
            // checked every 64 pushes of a batch
            assertThat(gateway.pushesSent() - before).isGreaterThanOrEqualTo(maxUnanswered)
                    .isLessThan(maxUnanswered + 64L);
            silent.close();
            assertThat(FloodClient.await(flood).getLong("sent")).isLessThan(count);
        }
    }

    @Test
    void atMostEightFloodsRunAtOnce() throws Exception {
        try (FloodClient driver = new FloodClient(group, server);
             FloodClient listener = new FloodClient(group, server)) {
            listener.quest("addlisten", Payload.builder().put("uids", List.of(5L)).build());
            // one push a second: these floods run until their listener goes
            Payload slow = Payload.builder().put("kind", "p2p").put("to", 5L).put("count", 1_000).put("size", 1)
                    .put("rate", 1).build();
            List<CompletableFuture<Payload>> running = new ArrayList<>();
            for (int i = 0; i < BenchQuests.MAX_CONCURRENT_FLOODS; i++) {
                running.add(driver.questAsync("bench.flood", slow));
            }
            // served after the eight on the same connection, so while they run
            assertThat(driver.signedErrorOf("bench.flood", slow)).isEqualTo(BenchQuests.FREQUENCY_LIMITED);
            listener.close();
            for (CompletableFuture<Payload> flood : running) {
                assertThat(FloodClient.await(flood).getLong("sent")).isLessThan(1_000);
            }
            // the eight ended, so their places are free again
            Payload none = Payload.builder().putAll(slow).put("count", 0).build();
            assertThat(driver.quest("bench.flood", none).getLong("sent")).isZero();
        }
    }

    @Test
    void badRateIsRefused() {
        try (FloodClient driver = new FloodClient(group, server)) {
            assertThat(driver.signedErrorOf("bench.flood", Payload.builder().put("kind", "p2p").put("to", 1L)
                    .put("count", 1).put("size", 1).put("rate", -5).build()))
                    .isEqualTo(FpnnErrorCode.PROTO_TYPE_CONVERT);
        }
    }

    @Test
    void floodToNobodySendsNothing() throws Exception {
        try (FloodClient driver = new FloodClient(group, server)) {
            Payload result = driver.quest("bench.flood", Payload.builder().put("kind", "p2p").put("to", 404L)
                    .put("count", 10).put("size", 1).put("mtype", 30).build());
            assertThat(result.getLong("sent")).isZero();
        }
    }

    @Test
    void floodOfP2PAndRoomMessages() throws Exception {
        try (FloodClient listener = new FloodClient(group, server)) {
            listener.quest("addlisten", Payload.builder().put("uids", List.of(3L)).put("rids", List.of(4L)).build());
            assertThat(listener.quest("bench.flood", Payload.builder().put("kind", "p2p").put("to", 3L)
                    .put("count", 5).put("size", 0).put("mtype", 30).build()).getLong("sent")).isEqualTo(5);
            assertThat(listener.quest("bench.flood", Payload.builder().put("kind", "room").put("to", 4L)
                    .put("count", 5).put("size", 0).put("mtype", 30).build()).getLong("sent")).isEqualTo(5);
            server.awaitCondition(FloodClient.TIMEOUT, () -> listener.pushes.size() == 10);
            assertThat(List.copyOf(listener.pushes)).extracting(FloodClient.Push::method)
                    .containsExactly("pushmsg", "pushmsg", "pushmsg", "pushmsg", "pushmsg",
                            "pushroommsg", "pushroommsg", "pushroommsg", "pushroommsg", "pushroommsg");
        }
    }

    @Test
    void badFloodParametersAreRefused() {
        try (FloodClient driver = new FloodClient(group, server)) {
            Payload.Builder base = Payload.builder().put("to", 1L).put("size", 1).put("mtype", 30);
            assertThat(driver.signedErrorOf("bench.flood", base.put("kind", "broadcast").put("count", 1).build()))
                    .isEqualTo(FpnnErrorCode.PROTO_TYPE_CONVERT);
            assertThat(driver.signedErrorOf("bench.flood", base.put("kind", "p2p").put("count", -1).build()))
                    .isEqualTo(FpnnErrorCode.PROTO_TYPE_CONVERT);
            assertThat(driver.signedErrorOf("bench.flood", Payload.builder().put("kind", "p2p").build()))
                    .isEqualTo(FpnnErrorCode.PROTO_KEY_NOT_FOUND);
            assertThat(driver.unsignedErrorOf("bench.flood", Payload.EMPTY)).isEqualTo(INVALID_PID_OR_SIGN);
        }
    }
}
