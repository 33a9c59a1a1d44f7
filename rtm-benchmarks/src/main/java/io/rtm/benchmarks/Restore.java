package io.rtm.benchmarks;

import io.netty.channel.EventLoopGroup;
import io.rtm.client.ReconnectPolicy;
import io.rtm.client.RtmClientObserver;
import io.rtm.client.RtmServerClient;
import io.rtm.client.RtmServerPushMonitor;
import io.rtm.fpnn.Payload;

import org.jspecify.annotations.Nullable;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code restore.millis}: a client listening to a large set loses its gateway
 * (the gateway closes its port and every connection and listens again on the
 * same port a given pause later, in the same warm JVM; or the gateway process
 * is stopped and a new one started on the same port); the figure runs from the
 * moment the new gateway accepts connections until the client reports it is
 * connected again, which it does only once its whole listen state was re-sent
 * and confirmed. The gateway's {@code bench.stats} then must show the full
 * listen set.
 */
final class Restore {

    static final int GIDS = 1000;
    static final int RIDS = 100;
    static final int UIDS = 100;
    static final Set<String> EVENTS = Set.of("login", "logout");
    /** How long an in-place restart keeps the port closed. */
    static final long PAUSE_MILLIS = 200;
    /** The outages of the {@code outage} scenario: a gateway that is down 1 to 3 s. */
    static final long[] OUTAGE_MILLIS = {1000, 2000, 3000};

    /** One restart. */
    record Sample(double millis, double gatewayStartMillis, int reconnectAttempts) {

        /** Attempts per second while the gateway was down. */
        double attemptsPerSecond() {
            return reconnectAttempts * 1000.0 / gatewayStartMillis;
        }
    }

    /** The restore figures of a run of the benchmark; a scenario not run is {@code null}. */
    record Results(Sample @Nullable [] inPlace, Sample @Nullable [] fastBackOff, Sample @Nullable [] newProcess,
                   Sample @Nullable [] outage) {
    }

    private Restore() {
    }

    /**
     * Restarts the gateway once per pause (a new process instead, keeping the port, when {@code newProcess}).
     */
    static Sample[] measure(GatewayProcess gateway, EventLoopGroup driverGroup, long projectId,
                            String secretKey, ReconnectPolicy policy, boolean newProcess, long[] pausesMillis)
            throws Exception {
        int runs = pausesMillis.length;
        AtomicLong reconnectedNanos = new AtomicLong();
        AtomicInteger attempts = new AtomicInteger();
        CountDownLatch[] reconnected = {new CountDownLatch(1)};
        RtmServerClient client = RtmServerClient.builder()
                .endpoint("127.0.0.1", gateway.port())
                .projectId(projectId)
                .secretKey(secretKey)
                .reconnect(policy)
                .observer(new RtmClientObserver() {
                    @Override
                    public void reconnectAttempt(int attempt) {
                        attempts.incrementAndGet();
                    }
                })
                .serverPushMonitor(new RtmServerPushMonitor() {
                    @Override
                    public void connected(String endpoint, boolean connected, boolean isReconnect) {
                        if (connected && isReconnect) {
                            reconnectedNanos.set(System.nanoTime());
                            reconnected[0].countDown();
                        }
                    }
                })
                .build();
        Sample[] samples = new Sample[runs];
        try {
            client.connect();
            client.setListen(ids(GIDS), ids(RIDS), ids(UIDS), EVENTS);
            for (int run = 0; run < runs; run++) {
                reconnected[0] = new CountDownLatch(1);
                attempts.set(0);
                long stopped = System.nanoTime();
                if (newProcess) {
                    gateway.stop();
                    gateway.start();
                } else {
                    gateway.restartInPlace(pausesMillis[run]);
                }
                if (!reconnected[0].await(60, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("client not reconnected within 60 s of the gateway restart");
                }
                long up = gateway.upNanos();
                samples[run] = new Sample((reconnectedNanos.get() - up) / 1e6, (up - stopped) / 1e6, attempts.get());
                checkListenSet(gateway, driverGroup, projectId, secretKey);
            }
        } finally {
            client.close();
        }
        return samples;
    }

    private static void checkListenSet(GatewayProcess gateway, EventLoopGroup group, long projectId,
                                       String secretKey) {
        try (Driver driver = new Driver(group, gateway.port(), projectId, secretKey, quest -> Payload.EMPTY)) {
            Payload stats = driver.questSync(BenchQuests.STATS, Payload.EMPTY);
            if (stats.getLong("listenGids") != GIDS || stats.getLong("listenRids") != RIDS
                    || stats.getLong("listenUids") != UIDS || stats.getLong("listenEvents") != EVENTS.size()) {
                throw new IllegalStateException("gateway does not hold the full listen set after the restore: "
                        + stats);
            }
        }
    }

    /** The same pause, {@code runs} times. */
    static long[] pauses(long millis, int runs) {
        long[] pauses = new long[runs];
        Arrays.fill(pauses, millis);
        return pauses;
    }

    /** Each outage of {@link #OUTAGE_MILLIS}, {@code runs} times. */
    static long[] outages(int runs) {
        long[] pauses = new long[OUTAGE_MILLIS.length * runs];
        for (int i = 0; i < pauses.length; i++) {
            pauses[i] = OUTAGE_MILLIS[i % OUTAGE_MILLIS.length];
        }
        return pauses;
    }

    private static Set<Long> ids(int count) {
        Set<Long> ids = new LinkedHashSet<>();
        for (long id = 1; id <= count; id++) {
            ids.add(id);
        }
        return ids;
    }
}
