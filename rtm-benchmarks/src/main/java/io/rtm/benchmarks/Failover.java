package io.rtm.benchmarks;

import io.netty.channel.EventLoopGroup;
import io.rtm.benchmarks.failover.FailoverApp;
import io.rtm.client.RtmServerClient;
import io.rtm.fpnn.Payload;
import io.rtm.spring.boot.autoconfigure.cluster.RtmClusterLeadership;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

import com.zaxxer.hikari.HikariDataSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * {@code failover}: two instances of a Spring Boot application with {@code rtm.cluster.enabled}, contexts in
 * this JVM, elect their leader on one in-memory H2 database through Spring Integration's JDBC lock registry;
 * the driver connection sends {@code sendgroupmsg} quests to their group at {@value #RATE} a second, mids
 * 1, 2, 3…; then the leader goes. Gracefully: its context is closed. In a crash: its {@code DataSource}'s
 * pool is closed, so that it can neither renew nor release the lock, and its client disconnected, so that
 * the gateway holds nothing for it (the pushes it had read are still handled, unlike in a real crash; the
 * gap does not depend on them). The gap is the time with no instance listening: from the send of the last
 * push the old leader handled to the send of the first one the new leader handled.
 */
final class Failover {

    /** Pushes per second. */
    static final int RATE = 1_000;

    /** The lock's time to live in the crash runs: the gap is about that long. */
    static final Duration CRASH_LOCK_TTL = Duration.ofSeconds(2);

    static final Duration CRASH_RETRY_INTERVAL = Duration.ofMillis(200);

    /** Pushes sent before the leader goes, and handled by the new leader before the run ends. */
    private static final int STREAM_BEFORE = 2 * RATE;

    private static final int STREAM_AFTER = 2 * RATE;

    private static final Duration WAIT = Duration.ofSeconds(60);

    /** One fail-over. */
    record Sample(double gapMillis, int lost, int duplicates, int unhandled, int sent) {
    }

    /** The fail-over figures of a run of the benchmark; a scenario not run is {@code null}. */
    record Results(Sample @Nullable [] graceful, Sample @Nullable [] crash) {
    }

    private Failover() {
    }

    static Sample[] measure(int port, EventLoopGroup driverGroup, long projectId, String secretKey, boolean crash,
                            int runs) throws Exception {
        Sample[] samples = new Sample[runs];
        for (int run = 0; run < runs; run++) {
            samples[run] = once(port, driverGroup, projectId, secretKey, crash);
            System.out.printf("failover %s run %d: gap %.0f ms, %d pushes to nobody, %d handled twice, %d of %d"
                            + " unhandled%n", crash ? "crash" : "graceful", run + 1, samples[run].gapMillis(),
                    samples[run].lost(), samples[run].duplicates(), samples[run].unhandled(), samples[run].sent());
        }
        return samples;
    }

    private static Sample once(int port, EventLoopGroup driverGroup, long projectId, String secretKey,
                               boolean crash) throws Exception {
        String database = "jdbc:h2:mem:rtm-bench-failover-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        List<ConfigurableApplicationContext> instances = new ArrayList<>();
        try (Driver driver = new Driver(driverGroup, port, projectId, secretKey, quest -> Payload.EMPTY)) {
            for (int i = 0; i < 2; i++) {
                instances.add(start(port, projectId, secretKey, database, crash));
            }
            await("one leader", () -> instances.stream().filter(Failover::leads).count() == 1);
            ConfigurableApplicationContext leader = instances.stream().filter(Failover::leads).findFirst()
                    .orElseThrow();
            ConfigurableApplicationContext standby = instances.get(instances.get(0) == leader ? 1 : 0);
            FailoverApp.HandledPushes before = leader.getBean(FailoverApp.HandledPushes.class);
            FailoverApp.HandledPushes after = standby.getBean(FailoverApp.HandledPushes.class);

            Stream stream = new Stream(driver);
            stream.await(() -> stream.sent() >= STREAM_BEFORE);
            int goneAt = stream.sent();
            if (crash) {
                leader.getBean(HikariDataSource.class).close();
                leader.getBean(RtmServerClient.class).disconnect();
            } else {
                leader.close();
            }
            stream.await(() -> handledSince(after, goneAt, stream.sent()) >= STREAM_AFTER);
            int sent = stream.stop();
            await("the last push handled", () -> after.times(sent) > 0);
            return sample(stream, before, after, sent);
        } finally {
            instances.forEach(ConfigurableApplicationContext::close);
        }
    }

    private static Sample sample(Stream stream, FailoverApp.HandledPushes before, FailoverApp.HandledPushes after,
                                 int sent) {
        int lastBefore = 0;
        int firstAfter = 0;
        int duplicates = 0;
        int unhandled = 0;
        for (int mid = 1; mid <= sent; mid++) {
            long byOld = before.times(mid);
            long byNew = after.times(mid);
            if (byOld > 0) {
                lastBefore = mid;
            }
            if (byNew > 0 && firstAfter == 0) {
                firstAfter = mid;
            }
            if (byOld + byNew > 1) {
                duplicates++;
            }
            if (byOld + byNew == 0) {
                unhandled++;
            }
        }
        if (lastBefore == 0 || firstAfter <= lastBefore) {
            throw new IllegalStateException("no clean hand-over: the old leader's last push is " + lastBefore
                    + ", the new leader's first " + firstAfter);
        }
        double gap = (stream.sentNanos[firstAfter] - stream.sentNanos[lastBefore]) / 1e6;
        return new Sample(gap, firstAfter - lastBefore - 1, duplicates, unhandled, sent);
    }

    private static long handledSince(FailoverApp.HandledPushes handled, int from, int to) {
        long count = 0;
        for (int mid = from; mid <= to; mid++) {
            count += handled.times(mid) > 0 ? 1 : 0;
        }
        return count;
    }

    private static ConfigurableApplicationContext start(int port, long projectId, String secretKey,
                                                        String database, boolean crash) {
        List<String> properties = new ArrayList<>(List.of(
                "spring.main.banner-mode=off",
                "rtm.endpoint=127.0.0.1:" + port,
                "rtm.project-id=" + projectId,
                "rtm.secret-key=" + secretKey,
                "bench.gid=" + BenchMain.GID,
                "rtm.cluster.enabled=true",
                "spring.datasource.url=" + database));
        if (crash) {
            properties.add("rtm.cluster.lock-ttl=" + CRASH_LOCK_TTL.toMillis() + "ms");
            properties.add("rtm.cluster.retry-interval=" + CRASH_RETRY_INTERVAL.toMillis() + "ms");
        }
        return new SpringApplicationBuilder(FailoverApp.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .properties(properties.toArray(String[]::new))
                .run();
    }

    private static boolean leads(ConfigurableApplicationContext instance) {
        return instance.getBean(RtmClusterLeadership.class).isLeader();
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Waits.await(what, WAIT, condition);
    }

    /** Sends mid 1, 2, 3… to the group at {@link #RATE}, each at its due time, from a thread of its own. */
    private static final class Stream {

        private static final long PERIOD_NANOS = TimeUnit.SECONDS.toNanos(1) / RATE;

        private final long[] sentNanos = new long[FailoverApp.HandledPushes.CAPACITY];

        private final AtomicInteger sent = new AtomicInteger();

        private final Driver driver;

        private final Thread thread = new Thread(this::run, "bench-failover-stream");

        private volatile boolean running = true;

        Stream(Driver driver) {
            this.driver = driver;
            thread.setDaemon(true);
            thread.start();
        }

        private void run() {
            long start = System.nanoTime();
            for (int mid = 1; running && mid < sentNanos.length; mid++) {
                long wait;
                while ((wait = start + mid * PERIOD_NANOS - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                sentNanos[mid] = System.nanoTime();
                driver.quest("sendgroupmsg", Payload.builder().put("from", 7).put("gid", BenchMain.GID)
                        .put("mid", mid).put("mtype", 51).put("msg", "push " + mid).put("attrs", "").build());
                sent.set(mid);
            }
        }

        int sent() {
            return sent.get();
        }

        /** Waits for the condition while the stream goes on; fails if it ends first. */
        void await(BooleanSupplier condition) throws InterruptedException {
            Failover.await("the stream's condition", () -> {
                if (!thread.isAlive()) {
                    throw new IllegalStateException("the stream ended");
                }
                return condition.getAsBoolean();
            });
        }

        /** Stops sending; returns the last mid sent (its send time and every one before are then visible). */
        int stop() throws InterruptedException {
            running = false;
            thread.join();
            return sent.get();
        }
    }
}
