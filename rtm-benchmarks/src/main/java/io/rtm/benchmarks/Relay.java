package io.rtm.benchmarks;

import io.netty.channel.EventLoopGroup;
import io.rtm.benchmarks.relay.ProducerStamps;
import io.rtm.benchmarks.relay.RelayApp;
import io.rtm.client.MessageSource;
import io.rtm.client.RtmMessage;
import io.rtm.fpnn.Payload;
import io.rtm.spring.boot.autoconfigure.cluster.RtmClusterLeadership;
import io.rtm.spring.boot.autoconfigure.relay.RtmKafkaRelayAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.relay.RtmRelayCodec;
import org.apache.kafka.common.utils.Utils;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

/**
 * {@code relay}: the Kafka relay ({@code rtm.relay.kafka.*}) from the gateway to the listeners. One embedded
 * KRaft broker (spring-kafka-test's {@link EmbeddedKafkaKraftBroker}) runs in this JVM for the scenario;
 * instances of one Spring Boot application ({@link RelayApp}), contexts in this JVM, form a cluster on an
 * in-memory H2 database: the first, the leader, receives every push and relays it
 * ({@code rtm.relay.kafka.consume=false}), the others are standbys that consume the topic with
 * {@value #CONCURRENCY} threads each and spend {@value #LISTENER_NANOS} ns (parked) on every push. The driver
 * connection sends {@code sendgroupmsg} quests over {@value #CONVERSATIONS} groups, push {@code i} to the
 * {@code i % CONVERSATIONS}-th; the groups are picked so that each of the topic's {@value #PARTITIONS}
 * partitions carries the same number of them, so that the work is shared evenly. With 1 consumer and then 3,
 * each on a topic and consumer group of its own:
 *
 * <ul>
 * <li>throughput: {@value #PUSHES} pushes sent as fast as the gateway answers (at most {@value #WINDOW}
 * unanswered), from the first send until the listeners took the last push, per run;
 * <li>latency: {@value #LATENCY_PUSHES} pushes paced at {@value #LATENCY_RATE} a second, about half of what one
 * consumer handles, from each push's send until a listener took it; also until the receiver handed its record
 * to the Kafka producer ({@link ProducerStamps}).
 * </ul>
 */
final class Relay {

    /** Partitions of the topic: as many as the consumer threads of 3 consumers. */
    static final int PARTITIONS = 12;

    /** Consumer threads per consuming instance ({@code rtm.relay.kafka.concurrency}). */
    static final int CONCURRENCY = 4;

    /** Groups the pushes go to: each partition carries {@code CONVERSATIONS / PARTITIONS} of them. */
    static final int CONVERSATIONS = 48;

    /** What one push costs the listener. */
    static final long LISTENER_NANOS = 1_000_000;

    /** Pushes per throughput run. */
    static final int PUSHES = 20_000;

    /** Pushes before the measured runs, once the consumers hold their partitions. */
    static final int WARMUP = 10_000;

    static final int LATENCY_PUSHES = 10_000;

    /** Pushes per second of the latency run, for 1 and 3 consumers alike. */
    static final int LATENCY_RATE = 1_500;

    /** Unanswered {@code sendgroupmsg} quests at most in a throughput run. */
    static final int WINDOW = 1_000;

    /** The consuming instances of each measurement. */
    static final List<Integer> CONSUMERS = List.of(1, 3);

    private static final long FIRST_GROUP = 1001;

    private static final Duration WAIT = Duration.ofSeconds(60);

    /**
     * The figures of one number of consumers.
     *
     * @param pushesPerSecond  median of the throughput runs
     * @param runs             pushes/s of each throughput run
     * @param relayedPerSecond median of the runs' receiving side: from the first send until the gateway had the
     *                         last push answered, which the receiver does once the broker has its record
     * @param busyShare        the share of the consumer threads' time spent in the listener, in the throughput
     *                         runs: how close the figure is to the threads' ceiling
     * @param listenerMillis   the mean time of a listener call in the throughput runs, parking included
     * @param shares           per consumer, the pushes it handled in the throughput runs
     * @param latencyMillis    p50, p99 and p99.9 of the latency run, from the send until a listener took it
     * @param toKafkaMillis    p50 and p99 of the part of it until the receiver handed the record to the producer
     * @param duplicates       pushes handled more than once, in all runs
     */
    record Sample(int consumers, double pushesPerSecond, double[] runs, double relayedPerSecond, double busyShare,
                  double listenerMillis, long[] shares, double[] latencyMillis, double[] toKafkaMillis,
                  int duplicates) {
    }

    /** The relay figures of a run of the benchmark. */
    record Results(List<Sample> samples) {

        /** Throughput of the most consumers over that of one. */
        double ratio() {
            return samples.get(samples.size() - 1).pushesPerSecond() / samples.get(0).pushesPerSecond();
        }
    }

    private Relay() {
    }

    static Results measure(int port, EventLoopGroup driverGroup, long projectId, String secretKey, int runs)
            throws Exception {
        @Nullable String bootstrapServers = System.getProperty("spring.kafka.bootstrap-servers");
        @Nullable String embeddedBrokers = System.getProperty(EmbeddedKafkaKraftBroker.SPRING_EMBEDDED_KAFKA_BROKERS);
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        try {
            broker.afterPropertiesSet();
            long[] groups = evenGroups();
            List<Sample> samples = new ArrayList<>();
            for (int consumers : CONSUMERS) {
                samples.add(once(port, driverGroup, projectId, secretKey, broker.getBrokersAsString(), groups,
                        consumers, runs));
            }
            return new Results(samples);
        } finally {
            broker.destroy();
            // the broker points these at itself and leaves them: later contexts in this JVM must not see them
            restore("spring.kafka.bootstrap-servers", bootstrapServers);
            restore(EmbeddedKafkaKraftBroker.SPRING_EMBEDDED_KAFKA_BROKERS, embeddedBrokers);
        }
    }

    private static Sample once(int port, EventLoopGroup driverGroup, long projectId, String secretKey,
                               String brokers, long[] groups, int consumerCount, int runs) throws Exception {
        String label = consumerCount + (consumerCount == 1 ? " consumer" : " consumers");
        // a topic and group of its own: nothing of the previous measurement is left to consume
        String topic = "rtm-bench-relay-" + consumerCount + "-" + UUID.randomUUID();
        String database = "jdbc:h2:mem:rtm-bench-relay-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
        int maxMid = WARMUP + runs * PUSHES + LATENCY_PUSHES;
        List<String> common = List.of(
                "spring.main.banner-mode=off",
                "rtm.endpoint=127.0.0.1:" + port,
                "rtm.project-id=" + projectId,
                "rtm.secret-key=" + secretKey,
                "rtm.listen.groups=" + LongStream.of(groups).mapToObj(Long::toString)
                        .collect(Collectors.joining(",")),
                "rtm.cluster.enabled=true",
                "spring.datasource.url=" + database,
                "spring.kafka.bootstrap-servers=" + brokers,
                "rtm.relay.kafka.enabled=true",
                "rtm.relay.kafka.topic=" + topic,
                "rtm.relay.kafka.group-id=" + topic,
                "rtm.relay.kafka.partitions=" + PARTITIONS,
                "rtm.relay.kafka.concurrency=" + CONCURRENCY,
                "bench.listener-nanos=" + LISTENER_NANOS,
                "bench.max-mid=" + maxMid);
        List<ConfigurableApplicationContext> instances = new ArrayList<>();
        try (Driver driver = new Driver(driverGroup, port, projectId, secretKey, quest -> Payload.EMPTY)) {
            ProducerStamps.reset(maxMid);
            ConfigurableApplicationContext receiver = start(common, "rtm.relay.kafka.consume=false",
                    "spring.kafka.producer.properties.interceptor.classes=" + ProducerStamps.class.getName());
            instances.add(receiver);
            // the first instance leads, so it is the one that receives
            await("the receiver leading", () -> receiver.getBean(RtmClusterLeadership.class).isLeader());
            List<RelayApp.Work> consumers = new ArrayList<>();
            List<ConfigurableApplicationContext> consuming = new ArrayList<>();
            for (int i = 0; i < consumerCount; i++) {
                ConfigurableApplicationContext consumer = start(common);
                instances.add(consumer);
                consuming.add(consumer);
                consumers.add(consumer.getBean(RelayApp.Work.class));
            }
            // the group is stable before the first push: no rebalance inside a measurement
            await("all " + PARTITIONS + " partitions assigned, each consumer holding some",
                    () -> consuming.stream().allMatch(c -> assigned(c) > 0)
                            && consuming.stream().mapToInt(Relay::assigned).sum() == PARTITIONS);

            Sender sender = new Sender(driver, groups, maxMid);
            System.out.printf("relay, %s: warm-up, %,d pushes%n", label, WARMUP);
            int warmup = sender.send(WARMUP, 0);
            awaitHandled(consumers, warmup, sender.last(), sender);

            double[] pps = new double[runs];
            double[] relayed = new double[runs];
            long[] shares = new long[consumerCount];
            long busyNanos = 0;
            long calls = 0;
            long runNanos = 0;
            for (int run = 0; run < runs; run++) {
                long[] callsBefore = consumers.stream().mapToLong(RelayApp.Work::calls).toArray();
                long busyBefore = consumers.stream().mapToLong(RelayApp.Work::busyNanos).sum();
                long answeredBefore = answered(driver);
                int first = sender.send(PUSHES, 0);
                int last = sender.last();
                long relayedAt = awaitHandled(consumers, first, last, sender, driver, answeredBefore + PUSHES);
                long firstSent = sender.sentNanos[first];
                long nanos = lastTaken(consumers, first, last) - firstSent;
                pps[run] = PUSHES * 1e9 / nanos;
                relayed[run] = PUSHES * 1e9 / (relayedAt - firstSent);
                runNanos += nanos;
                busyNanos += consumers.stream().mapToLong(RelayApp.Work::busyNanos).sum() - busyBefore;
                long[] share = new long[consumerCount];
                for (int i = 0; i < consumerCount; i++) {
                    share[i] = consumers.get(i).calls() - callsBefore[i];
                    shares[i] += share[i];
                    calls += share[i];
                }
                System.out.printf(Locale.ROOT, "relay, %s, run %d: %,.0f pushes/s handled, %,.0f/s relayed; pushes"
                        + " per consumer %s%n", label, run + 1, pps[run], relayed[run], Arrays.toString(share));
            }
            double busyShare = (double) busyNanos / ((double) runNanos * consumerCount * CONCURRENCY);
            double listenerMillis = busyNanos / 1e6 / calls;

            int first = sender.send(LATENCY_PUSHES, LATENCY_RATE);
            int last = sender.last();
            awaitHandled(consumers, first, last, sender);
            Latency latency = new Latency(LATENCY_PUSHES);
            Latency toKafka = new Latency(LATENCY_PUSHES);
            for (int mid = first; mid <= last; mid++) {
                latency.recordNanos(firstTaken(consumers, mid) - sender.sentNanos[mid]);
                long handedOver = ProducerStamps.at(mid);
                if (handedOver == 0) {
                    throw new IllegalStateException("push " + mid + " handled, but never handed to the producer");
                }
                toKafka.recordNanos(handedOver - sender.sentNanos[mid]);
            }
            double[] percentiles = latency.percentilesMillis();
            double[] toKafkaPercentiles = Arrays.copyOf(toKafka.percentilesMillis(), 2);
            int duplicates = duplicates(consumers, sender.last());
            System.out.printf(Locale.ROOT, "relay, %s: listener threads busy %.0f %% of the throughput runs, %.3f ms"
                            + " a call; latency at %,d/s p50 %.1f p99 %.1f p99.9 %.1f ms, until handed to Kafka p50"
                            + " %.1f p99 %.1f ms; %d pushes handled twice%n", label, 100 * busyShare,
                    listenerMillis, LATENCY_RATE, percentiles[0], percentiles[1], percentiles[2],
                    toKafkaPercentiles[0], toKafkaPercentiles[1], duplicates);
            return new Sample(consumerCount, BenchMain.median(pps), pps, BenchMain.median(relayed), busyShare,
                    listenerMillis, shares, percentiles, toKafkaPercentiles, duplicates);
        } finally {
            // consumers first: the receiver's leaving would otherwise hand the lead, and the pushes, to one of them
            List<ConfigurableApplicationContext> closing = new ArrayList<>(instances);
            Collections.reverse(closing);
            closing.forEach(ConfigurableApplicationContext::close);
        }
    }

    /**
     * {@code CONVERSATIONS} group ids from {@code FIRST_GROUP} on, {@code CONVERSATIONS / PARTITIONS} per
     * partition: the partition of a record is the murmur2 hash of its key modulo the partitions (Kafka's
     * built-in partitioner, which the relay's producer uses), and 48 consecutive ids would leave some
     * partitions, and so some consumer threads, with twice the work of others.
     */
    static long[] evenGroups() {
        long[] groups = new long[CONVERSATIONS];
        int[] perPartition = new int[PARTITIONS];
        int found = 0;
        for (long gid = FIRST_GROUP; found < CONVERSATIONS; gid++) {
            if (gid > FIRST_GROUP + 100_000) {
                throw new IllegalStateException("no even spread of groups over the partitions");
            }
            byte[] key = RtmRelayCodec.key(RtmMessage.builder(MessageSource.GROUP).toId(gid).text("").build());
            int partition = Utils.toPositive(Utils.murmur2(key)) % PARTITIONS;
            if (perPartition[partition] < CONVERSATIONS / PARTITIONS) {
                perPartition[partition]++;
                groups[found++] = gid;
            }
        }
        return groups;
    }

    private static ConfigurableApplicationContext start(List<String> common, String... more) {
        // as arguments: they outrank the system property the embedded broker sets (spring.kafka.bootstrap-servers)
        String[] arguments = Stream.concat(common.stream(), Arrays.stream(more))
                .map(p -> "--" + p).toArray(String[]::new);
        return new SpringApplicationBuilder(RelayApp.class)
                .web(WebApplicationType.NONE)
                .logStartupInfo(false)
                .run(arguments);
    }

    private static int assigned(ConfigurableApplicationContext instance) {
        return instance.getBean(RtmKafkaRelayAutoConfiguration.CONTAINER_BEAN_NAME,
                ConcurrentMessageListenerContainer.class).getAssignedPartitions().size();
    }

    /** The pushes the gateway had answered, since it started. */
    private static long answered(Driver driver) {
        return driver.questSync(BenchQuests.STATS, Payload.EMPTY).getLong("pushesAnswered");
    }

    /** Waits until every push of mids {@code first} to {@code last} was handled by a consumer. */
    private static void awaitHandled(List<RelayApp.Work> consumers, int first, int last, Sender sender)
            throws InterruptedException {
        await((last - first + 1) + " pushes handled", () -> {
            sender.check();
            return handled(consumers, first, last);
        });
    }

    /**
     * Waits until every push of mids {@code first} to {@code last} was handled by a consumer; returns when the
     * gateway had {@code answered} pushes answered (polled while waiting).
     */
    private static long awaitHandled(List<RelayApp.Work> consumers, int first, int last, Sender sender,
                                     Driver driver, long answered) throws InterruptedException {
        long[] answeredAt = {0};
        await((last - first + 1) + " pushes relayed and handled", () -> {
            sender.check();
            if (answeredAt[0] == 0 && answered(driver) >= answered) {
                answeredAt[0] = System.nanoTime();
            }
            return answeredAt[0] != 0 && handled(consumers, first, last);
        });
        return answeredAt[0];
    }

    /** Every push of those mids taken, and every call returned: the shares per consumer are complete. */
    private static boolean handled(List<RelayApp.Work> consumers, int first, int last) {
        if (consumers.stream().mapToLong(RelayApp.Work::calls).sum() < last) {
            return false;
        }
        for (int mid = last; mid >= first; mid--) { // the last ones are the likeliest to be missing
            if (firstTaken(consumers, mid) == 0) {
                return false;
            }
        }
        return true;
    }

    /** When a consumer first took that push, or 0. */
    private static long firstTaken(List<RelayApp.Work> consumers, int mid) {
        long first = 0;
        for (RelayApp.Work consumer : consumers) {
            long taken = consumer.takenAt(mid);
            if (taken != 0 && (first == 0 || taken - first < 0)) {
                first = taken;
            }
        }
        return first;
    }

    private static long lastTaken(List<RelayApp.Work> consumers, int first, int last) {
        long latest = firstTaken(consumers, first);
        for (int mid = first + 1; mid <= last; mid++) {
            long taken = firstTaken(consumers, mid);
            if (taken - latest > 0) {
                latest = taken;
            }
        }
        return latest;
    }

    private static int duplicates(List<RelayApp.Work> consumers, int last) {
        int duplicates = 0;
        for (int mid = 1; mid <= last; mid++) {
            long times = 0;
            for (RelayApp.Work consumer : consumers) {
                times += consumer.times(mid);
            }
            duplicates += times > 1 ? 1 : 0;
        }
        return duplicates;
    }

    private static void await(String what, BooleanSupplier condition) throws InterruptedException {
        Waits.await(what, WAIT, condition);
    }

    private static void restore(String property, @Nullable String value) {
        if (value == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, value);
        }
    }

    /** Sends mid 1, 2, 3… to the groups in turn, noting each one's send time. */
    private static final class Sender {

        private final Driver driver;

        private final long[] groups;

        private final long[] sentNanos;

        /** Bounds the unanswered quests: the gateway's pace, not an ever longer queue in the driver. */
        private final Semaphore window = new Semaphore(WINDOW);

        private final AtomicReference<@Nullable Throwable> failure = new AtomicReference<>();

        private int last;

        Sender(Driver driver, long[] groups, int maxMid) {
            this.driver = driver;
            this.groups = groups;
            this.sentNanos = new long[maxMid + 1];
        }

        /**
         * Sends {@code count} pushes, at {@code rate} a second or, with 0, as fast as the gateway answers;
         * returns the first one's mid.
         */
        int send(int count, int rate) throws InterruptedException {
            int first = last + 1;
            if (first + count - 1 >= sentNanos.length) {
                throw new IllegalStateException("mids up to " + (sentNanos.length - 1) + " only");
            }
            long start = System.nanoTime();
            long period = rate > 0 ? TimeUnit.SECONDS.toNanos(1) / rate : 0;
            for (int i = 0; i < count; i++) {
                int mid = first + i;
                long wait;
                while ((wait = start + i * period - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (!window.tryAcquire(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw new IllegalStateException(WINDOW + " quests unanswered for " + WAIT.toSeconds() + " s");
                }
                check();
                sentNanos[mid] = System.nanoTime();
                driver.quest("sendgroupmsg", Payload.builder().put("from", 7).put("gid", groups[mid % groups.length])
                                .put("mid", mid).put("mtype", 51).put("msg", "push " + mid).put("attrs", "").build())
                        .whenComplete((answer, error) -> {
                            window.release();
                            if (error != null) {
                                failure.compareAndSet(null, error);
                            }
                        });
                last = mid;
            }
            return first;
        }

        int last() {
            return last;
        }

        /** Fails once the gateway refused a quest. */
        void check() {
            Throwable error = failure.get();
            if (error != null) {
                throw new IllegalStateException("sendgroupmsg failed: " + error, error);
            }
        }
    }
}
