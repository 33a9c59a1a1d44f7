package io.rtm.spring.boot.test.spring;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntPredicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.zaxxer.hikari.HikariDataSource;
import io.netty.util.ResourceLeakDetector;
import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;
import io.rtm.client.RtmServerClient;
import io.rtm.spring.annotation.RtmListener;
import io.rtm.spring.boot.autoconfigure.RtmAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.cluster.RtmClusterAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.cluster.RtmClusterLeadership;
import io.rtm.spring.boot.autoconfigure.cluster.RtmClusterRole;
import io.rtm.spring.boot.autoconfigure.health.RtmHealthContributorAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.health.RtmHealthIndicator;
import io.rtm.test.GatewayConnection;
import io.rtm.test.GatewayListenState;
import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Several instances of one application on one gateway, sharing an in-memory H2 database through Spring
 * Integration's JDBC lock registry: exactly one listens, and when it goes another takes over.
 */
class RtmClusterTests {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private static final long GROUP = 1001;

    /** Short, so that a leader that dies without releasing the lock is replaced soon. */
    private static final Duration LOCK_TTL = Duration.ofSeconds(2);

    private final RtmTestServer gateway = RtmTestServer.builder().build().start();

    private final String database = "jdbc:h2:mem:rtm-cluster-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    private final List<Instance> instances = new ArrayList<>();

    private static ResourceLeakDetector.Level leakDetection;

    /**
     * Paranoid leak detection, which the build sets for every test, slows pushes sixfold here. What is under test
     * is which instance gets them, not their buffers: those take the same paths in the end-to-end tests, which run
     * paranoid.
     */
    @BeforeAll
    static void countPushesAtFullSpeed() {
        leakDetection = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
    }

    @AfterAll
    static void restoreLeakDetection() {
        ResourceLeakDetector.setLevel(leakDetection);
    }

    @AfterEach
    void stopEverything() {
        this.instances.forEach((instance) -> instance.context.close());
        this.gateway.close();
    }

    @Test
    void everyPushReachesExactlyOneInstance() {
        startInstances(3);
        Instance leader = awaitOneListening();
        int pushes = 10_000;
        int delivered = 0;
        for (long mid = 1; mid <= pushes; mid++) {
            delivered += this.gateway.pushGroupMessage(7, GROUP, mid, 51, "push " + mid, "");
        }
        assertThat(delivered).as("connections pushed to").isEqualTo(pushes);
        this.gateway.awaitCondition(WAIT, "every push handled", () -> handledInTotal() == pushes);
        assertThat(timesHandled()).as("times each mid was handled, across the instances").hasSize(pushes)
            .allSatisfy((mid, times) -> assertThat(times).as("mid %d", mid).isEqualTo(1));
        assertThat(leader.recorder.calls).hasValue(pushes);
        this.gateway.awaitCondition(WAIT, "every push answered", () -> this.gateway.pushesAnswered() == pushes);
        for (Instance instance : this.instances) {
            Map<String, Object> health = instance.context.getBean(RtmHealthIndicator.class).health().getDetails();
            assertThat(health).containsEntry("role", (instance == leader) ? "leader" : "standby")
                .containsKey("roleSince");
        }
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void eachInstanceSaysItStartedWithListeningSuspendedAndTheLeaderThatItResumed(CapturedOutput output) {
        startPair("logging.level.io.rtm.spring.listener.RtmConnectionLifecycle=INFO",
                "logging.level.io.rtm.spring.boot.autoconfigure.cluster=INFO");
        String suspended = "Connected to RTM gateway " + this.gateway.endpoint()
                + " with listening suspended; once resumed it listens to groups=[" + GROUP + "]";
        // the leader is seen once its role is set; it says so just after, on the election thread
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(output.getOut().split(Pattern.quote(suspended), -1)).as("lines saying so")
                .hasSize(3);
            assertThat(output).containsOnlyOnce("RTM cluster 'rtm': leader, listening resumed")
                .doesNotContain("to groups=[], rooms=[]");
        });
    }

    @Test
    void aStandbyReceivesNothingWhileTheLeaderIsHealthyAndKeepsItsRuntimeListensForItsTurn() {
        Pair pair = startPair();
        Instance leader = pair.leader();
        Instance standby = pair.standby();
        // a runtime change on the standby completes at once: it is kept, not sent
        standby.client().addListen(Set.of(2002L), Set.of(), Set.of(), Set.of());
        assertThat(standby.client().desiredListenState().groups()).containsExactlyInAnyOrder(GROUP, 2002L);
        for (long mid = 1; mid <= 2_000; mid++) {
            assertThat(this.gateway.pushGroupMessage(7, GROUP, mid, 51, "push " + mid, "")).isOne();
            assertThat(this.gateway.pushGroupMessage(7, 2002, mid, 51, "push " + mid, ""))
                .as("group 2002 is listened to by nobody yet").isZero();
        }
        this.gateway.awaitCondition(WAIT, "every push handled", () -> leader.recorder.calls.get() == 2_000);
        assertThat(standby.recorder.calls).hasValue(0);
        assertThat(standbyConnections()).hasSize(1);

        leader.context.close();

        this.gateway.awaitCondition(WAIT, "the standby listening to the declared and the runtime groups",
                () -> listeningConnections().size() == 1
                        && listeningConnections().get(0).listenState().gids().equals(Set.of(GROUP, 2002L)));
        assertThat(this.gateway.pushGroupMessage(7, 2002, 9_999, 51, "for the new leader", "")).isOne();
        this.gateway.awaitCondition(WAIT, "the push to group 2002 handled", () -> standby.recorder.calls.get() == 1);
    }

    @Test
    void aLeaderThatStopsHandsOverWithinASecondAndLosesNothingItAnswered() {
        Pair pair = startPair();
        Instance leader = pair.leader();
        Instance standby = pair.standby();
        PushStream stream = new PushStream();
        try (stream) {
            stream.awaitSentBeyond(500);

            CompletableFuture<Void> closing = CompletableFuture.runAsync(leader.context::close);
            this.gateway.awaitCondition(Duration.ofSeconds(1), "the standby listening within 1 s",
                    () -> listensToTheGroup(pair.standbyConnection()));
            closing.join();
            stream.awaitSentBeyond(stream.sent() + 500);
        }
        awaitHandled(standby, stream.sent());
        this.gateway.awaitCondition(WAIT, "the answers counted",
                () -> this.gateway.pushesAnswered() == handledInTotal());
        Map<Long, Integer> handled = timesHandled();
        assertThat(handled.values()).as("no push handled twice").allMatch((times) -> times == 1);
        assertThat(handled.keySet()).as("every push the gateway sent was handled, and answered")
            .containsExactlyInAnyOrderElementsOf(stream.delivered());
        assertThat(this.gateway.pushesAnswered()).isEqualTo(handled.size());
        assertThat(leader.recorder.calls.get()).isPositive();
        assertThat(standby.recorder.calls.get()).as("the stream went on on the new leader").isGreaterThan(500);
        assertThat(standby.leadership().role()).isEqualTo(RtmClusterRole.LEADER);
    }

    @Test
    void aLeaderThatDiesIsReplacedWithinTheLockTimeToLive() {
        Pair pair = startPair("rtm.cluster.lock-ttl=" + LOCK_TTL.toMillis() + "ms", "rtm.cluster.retry-interval=200ms");
        Instance leader = pair.leader();
        Instance standby = pair.standby();
        PushStream stream = new PushStream();
        try (stream) {
            stream.awaitSentBeyond(500);

            // the leader can no longer renew its lock nor reach the gateway, and says no goodbye
            leader.context.getBean(HikariDataSource.class).close();
            this.gateway.dropConnection(listeningConnections().get(0).id());
            this.gateway.awaitCondition(LOCK_TTL.plusSeconds(1), "the standby listening within the lock's TTL + 1 s",
                    () -> listensToTheGroup(pair.standbyConnection()));
            stream.awaitSentBeyond(stream.sent() + 500);
        }
        awaitHandled(standby, stream.sent());
        assertThat(leader.leadership().role()).as("the old leader, cut from the lock store").isEqualTo(
                RtmClusterRole.STANDBY);
        Map<Long, Integer> handled = timesHandled();
        assertThat(handled.values()).as("no push handled twice").allMatch((times) -> times == 1);
        assertThat(stream.undelivered()).as("pushes sent while nobody listened, counted as not delivered")
            .isNotEmpty()
            .noneMatch(handled::containsKey);
        assertThat(standby.recorder.calls.get()).isGreaterThan(500);
        assertThat(listeningConnections()).as("only the new leader listens")
            .singleElement()
            .satisfies((connection) -> assertThat(connection.id()).isEqualTo(pair.standbyConnection()));
    }

    private void startInstances(int count, String... properties) {
        for (int i = 0; i < count; i++) {
            String[] all = Stream.concat(Stream.of("spring.main.banner-mode=off",
                    "rtm.endpoint=" + this.gateway.endpoint(), "rtm.project-id=" + this.gateway.projectId(),
                    "rtm.secret-key=" + this.gateway.secretKey(), "rtm.listen.groups=" + GROUP,
                    "rtm.reconnect.initial-delay=50ms", "rtm.cluster.enabled=true",
                    "spring.datasource.url=" + this.database), Stream.of(properties))
                .toArray(String[]::new);
            ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .properties(all)
                .run();
            this.instances.add(new Instance(context, context.getBean(MidRecorder.class)));
        }
    }

    /** Waits until one instance leads and its connection, alone, holds the listen set. */
    private Instance awaitOneListening() {
        this.gateway.awaitCondition(WAIT, "one connection listening, the others connected with nothing",
                () -> this.gateway.connectionCount() == this.instances.size() && listeningConnections().size() == 1
                        && this.instances.stream().filter((i) -> i.leadership().isLeader()).count() == 1);
        return this.instances.stream().filter((i) -> i.leadership().isLeader()).findFirst().orElseThrow();
    }

    /** Two instances, once one leads and the other's connection holds nothing. */
    private Pair startPair(String... properties) {
        startInstances(2, properties);
        Instance leader = awaitOneListening();
        Instance standby = this.instances.get((this.instances.get(0) == leader) ? 1 : 0);
        return new Pair(leader, standby, standbyConnections().get(0).id());
    }

    private record Pair(Instance leader, Instance standby, long standbyConnection) {
    }

    private List<GatewayConnection> listeningConnections() {
        return this.gateway.connections().stream().filter((c) -> c.listenState().gids().contains(GROUP)).toList();
    }

    private List<GatewayConnection> standbyConnections() {
        return this.gateway.connections()
            .stream()
            .filter((c) -> c.listenState().equals(GatewayListenState.EMPTY))
            .toList();
    }

    private boolean listensToTheGroup(long connection) {
        return listeningConnections().stream().anyMatch((c) -> c.id() == connection);
    }

    /** Waits until the instance handled the push of that mid, and so every push before it: one conversation. */
    private void awaitHandled(Instance instance, long mid) {
        this.gateway.awaitCondition(WAIT, "mid " + mid + " handled", () -> instance.recorder.times.containsKey(mid));
    }

    private long handledInTotal() {
        return this.instances.stream().mapToLong((i) -> i.recorder.calls.get()).sum();
    }

    /** How many times each mid was handled, over all instances. */
    private Map<Long, Integer> timesHandled() {
        Map<Long, Integer> times = new ConcurrentHashMap<>();
        for (Instance instance : this.instances) {
            instance.recorder.times.forEach((mid, count) -> times.merge(mid, count, Integer::sum));
        }
        return times;
    }

    private record Instance(ConfigurableApplicationContext context, MidRecorder recorder) {

        RtmClusterLeadership leadership() {
            return this.context.getBean(RtmClusterLeadership.class);
        }

        RtmServerClient client() {
            return this.context.getBean(RtmServerClient.class);
        }
    }

    /**
     * Pushes mids 1, 2, 3… to the group, about one a millisecond, from a thread of its own, remembering how many
     * connections each reached; closing it pushes one more, the last.
     */
    private final class PushStream implements AutoCloseable {

        private static final int CAPACITY = 100_000;

        private final AtomicIntegerArray connections = new AtomicIntegerArray(CAPACITY);

        private final AtomicInteger sent = new AtomicInteger();

        private volatile boolean running = true;

        private final Thread thread = new Thread(this::run, "rtm-test-push-stream");

        PushStream() {
            this.thread.start();
        }

        private void run() {
            while (this.running && this.sent.get() < CAPACITY - 2) {
                push();
                // well below what the client handles: no backlog delays the hand-over (see the README)
                LockSupport.parkNanos(1_000_000);
            }
        }

        private void push() {
            int mid = this.sent.get() + 1;
            this.connections.set(mid, RtmClusterTests.this.gateway.pushGroupMessage(7, GROUP, mid, 51, "push " + mid,
                    ""));
            this.sent.set(mid);
        }

        int sent() {
            return this.sent.get();
        }

        void awaitSentBeyond(int mid) {
            RtmClusterTests.this.gateway.awaitCondition(WAIT, "pushes sent beyond mid " + mid,
                    () -> this.sent.get() > mid);
        }

        /** The mids that reached a connection. */
        List<Long> delivered() {
            return mids((count) -> count > 0);
        }

        /** The mids that reached no connection: nobody was listening. */
        List<Long> undelivered() {
            return mids((count) -> count == 0);
        }

        private List<Long> mids(IntPredicate connectionCount) {
            List<Long> mids = new ArrayList<>();
            for (int mid = 1; mid <= this.sent.get(); mid++) {
                if (connectionCount.test(this.connections.get(mid))) {
                    mids.add((long) mid);
                }
            }
            return mids;
        }

        @Override
        public void close() {
            this.running = false;
            try {
                this.thread.join();
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
            }
            push();
        }
    }

    /** The parts at stake only, for quick starts: the client, the cluster, the database, health. */
    @SpringBootConfiguration
    @ImportAutoConfiguration({ RtmAutoConfiguration.class, RtmClusterAutoConfiguration.class,
            RtmHealthContributorAutoConfiguration.class, DataSourceAutoConfiguration.class })
    static class App {

        @Bean
        MidRecorder midRecorder() {
            return new MidRecorder();
        }
    }

    /** Counts the group messages it handles, by mid. */
    static class MidRecorder {

        final Map<Long, Integer> times = new ConcurrentHashMap<>();

        final AtomicLong calls = new AtomicLong();

        @RtmListener(RtmPushType.GROUP_MESSAGE)
        void onGroupMessage(RtmMessage message) {
            this.times.merge(message.messageId(), 1, Integer::sum);
            this.calls.incrementAndGet();
        }
    }
}
