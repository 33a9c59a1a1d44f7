package io.rtm.spring.boot.test.spring.relay;

import java.io.IOException;
import java.lang.reflect.Method;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import java.util.stream.Stream;

import io.netty.util.ResourceLeakDetector;
import io.rtm.client.RtmClientObserver;
import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;
import io.rtm.client.RtmServerClient;
import io.rtm.spring.annotation.RtmListener;
import io.rtm.spring.boot.autoconfigure.RtmAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.cluster.RtmClusterAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.cluster.RtmClusterLeadership;
import io.rtm.spring.boot.autoconfigure.relay.RtmKafkaRelayAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.relay.RtmRelayCodec;
import io.rtm.test.RtmTestServer;
import io.rtm.spring.listener.RtmListenerRecoverer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The Kafka relay on a real broker in the test JVM (spring-kafka-test's embedded KRaft broker) and the embedded
 * gateway: the cluster's leader receives every push and relays it, every consuming instance takes its share
 * of the topic and calls its listener.
 */
class RtmKafkaRelayTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static final int CONVERSATIONS = 50;

    private static final long FIRST_GROUP = 1001;

    private static final int PARTITIONS = 12;

    private static final long FLAKY_GROUP = 9001;

    /** Orders the listener calls of all instances in this JVM. */
    private static final AtomicLong clock = new AtomicLong();

    private static EmbeddedKafkaKraftBroker broker;

    private static ResourceLeakDetector.Level leakDetection;

    private final RtmTestServer gateway = RtmTestServer.builder()
        // answers that come late, once the broker is back, still count: no re-send before 60 s
        .resendUnansweredAfter(Duration.ofSeconds(60))
        .build()
        .start();

    /** One topic and group per test: the broker is shared. */
    private final String topic = "rtm-pushes-" + UUID.randomUUID();

    private final String database = "jdbc:h2:mem:rtm-relay-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    private final List<Instance> instances = new ArrayList<>();

    /**
     * Paranoid leak detection, which the build sets for every test, slows pushes sixfold; their buffers take the
     * same paths in the end-to-end tests, which run paranoid.
     */
    @BeforeAll
    static void startBroker() {
        leakDetection = ResourceLeakDetector.getLevel();
        ResourceLeakDetector.setLevel(ResourceLeakDetector.Level.SIMPLE);
        broker = new EmbeddedKafkaKraftBroker(1, PARTITIONS);
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
        ResourceLeakDetector.setLevel(leakDetection);
    }

    @AfterEach
    void stopEverything() {
        this.instances.forEach((instance) -> instance.context.close());
        this.gateway.close();
        // the relay's producers and consumers go with their contexts
        await("no Kafka client thread left").atMost(WAIT).until(() -> Thread.getAllStackTraces()
            .keySet()
            .stream()
            .noneMatch((thread) -> thread.isAlive() && (thread.getName().startsWith("kafka-producer-network-thread")
                    || thread.getName().startsWith(RtmKafkaRelayAutoConfiguration.CONTAINER_BEAN_NAME))));
    }

    @Test
    void everyPushIsHandledOnceAcrossTheConsumersInItsConversationsOrder() {
        Instance receiver = startReceiver();
        List<Instance> consumers = startConsumers(3);
        awaitAssigned(consumers);
        int pushes = 20_000;
        pushStream(1, pushes);

        awaitHandled(pushes);
        assertThat(timesHandled()).as("times each mid was handled, across the instances").hasSize(pushes)
            .allSatisfy((mid, times) -> assertThat(times).as("mid %d", mid).isOne());
        assertThat(consumers).as("each consumer did a share").allSatisfy(
                (consumer) -> assertThat(consumer.recorder.calls.get()).isPositive());
        assertOrderKeptPerConversation();
        this.gateway.awaitCondition(WAIT, "every push answered, once the broker held it",
                () -> this.gateway.pushesAnswered() == pushes);

        // the same pushes once more, as a gateway that pushed them twice makes the receiver relay them: dropped
        KafkaTemplate<byte[], byte[]> kafka = receiver.relayTemplate();
        List<Handled> handledByOne = List.copyOf(consumers.get(0).recorder.handled);
        // the last ones handled, well within the consumer's memory of handled pushes (rtm.dedup-capacity)
        for (Handled handled : handledByOne.subList(handledByOne.size() - 100, handledByOne.size())) {
            RtmMessage message = handled.message();
            kafka.send(new ProducerRecord<>(this.topic, RtmRelayCodec.key(message), RtmRelayCodec.encode(message)));
        }
        kafka.flush();
        // one more push per conversation, after the copies in each partition: once handled, the copies were seen
        pushStream(pushes + 1, CONVERSATIONS);
        awaitHandled(pushes + CONVERSATIONS);
        assertThat(timesHandled()).as("no copy handled").allSatisfy((mid, times) -> assertThat(times).isOne());
        assertThat(receiver.recorder.calls).as("the receiver only relays").hasValue(0);
    }

    @Test
    void aConsumerThatStopsMidStreamHandsItsPartitionsOverAndNothingIsLost() throws InterruptedException {
        startReceiver();
        List<Instance> consumers = startConsumers(3);
        awaitAssigned(consumers);
        int pushes = 20_000;
        Thread stream = new Thread(() -> {
            for (int first = 1; first <= pushes; first += 100) {
                pushStream(first, 100);
                sleep(5);
            }
        }, "rtm-test-push-stream");
        stream.start();
        Instance leaving = consumers.get(1);
        this.gateway.awaitCondition(WAIT, "the consumer at work", () -> leaving.recorder.calls.get() > 1_000);
        leaving.context.close();
        int handledByTheLeaving = leaving.recorder.calls.get();
        stream.join();

        awaitHandled(pushes);
        assertThat(timesHandled()).as("every push handled, none twice").hasSize(pushes)
            .allSatisfy((mid, times) -> assertThat(times).as("mid %d", mid).isOne());
        assertThat(leaving.recorder.calls).as("nothing after it left").hasValue(handledByTheLeaving);
        assertThat(consumers.get(0).recorder.calls.get() + consumers.get(2).recorder.calls.get())
            .isEqualTo(pushes - handledByTheLeaving);
        assertOrderKeptPerConversation();
    }

    @Test
    void withoutTheBrokerPushesStayUnansweredAndTheClientStopsReadingUntilItIsBack() throws IOException {
        try (TcpForwarder broker = new TcpForwarder(RtmKafkaRelayTests.broker.getBrokersAsString())) {
            Instance instance = start("spring.kafka.bootstrap-servers=127.0.0.1:" + broker.port(),
                    "rtm.listener.queue-capacity=100", "rtm.listener.concurrency=2",
                    "spring.kafka.admin.operation-timeout=1s", "spring.kafka.admin.close-timeout=1s");
            int pushes = 5_000;
            pushStream(1, pushes);
            // the queue of 100 fills with pushes the relay cannot hand on, and the client stops reading
            RtmServerClient client = instance.context.getBean(RtmServerClient.class);
            this.gateway.awaitCondition(WAIT, "the client's queue full", () -> client.dispatchQueueDepth() >= 100);
            sleep(200); // the rest of the read that filled it is still decoded
            long received = instance.observer.received.get();
            assertThat(this.gateway.pushesAnswered()).as("answered without the broker").isZero();
            assertThat(received).as("pushes taken from the gateway while the broker is away")
                .isLessThan(pushes / 2);
            sleep(500);
            assertThat(instance.observer.received.get()).as("no more read: the queue is full").isEqualTo(received);

            broker.start();
            awaitHandled(pushes);
            assertThat(timesHandled()).as("every push handled once").hasSize(pushes)
                .allSatisfy((mid, times) -> assertThat(times).as("mid %d", mid).isOne());
            this.gateway.awaitCondition(WAIT, "every push answered", () -> this.gateway.pushesAnswered() == pushes);
        }
    }

    @Test
    void aFailedListenerIsCalledAgainAloneWithBackOffAndThenItsRecordGoesToTheDeadLetterTopic() {
        String deadLetters = this.topic + ".DLT";
        start("rtm.listener.retry.enabled=true", "rtm.listener.retry.max-attempts=3",
                "rtm.listener.retry.initial-interval=50ms", "rtm.relay.kafka.dead-letter-topic=" + deadLetters);
        Instance instance = this.instances.get(0);
        this.gateway.pushGroupMessage(7, FLAKY_GROUP, 1, 51, "fail always", "");
        this.gateway.pushGroupMessage(7, FLAKY_GROUP, 2, 51, "fail once", "");

        try (Consumer<byte[], byte[]> consumer = deadLetterConsumer(deadLetters)) {
            ConsumerRecord<byte[], byte[]> deadLetter = KafkaTestUtils.getSingleRecord(consumer, deadLetters, WAIT);
            assertThat(RtmRelayCodec.decode(deadLetter.value())).isInstanceOfSatisfying(RtmMessage.class,
                    (message) -> assertThat(message.messageId()).isOne());
        }
        this.gateway.awaitCondition(WAIT, "mid 2 handled on its second attempt",
                () -> instance.flaky().attempts.getOrDefault(2L, 0) == 2 && timesHandled().containsKey(2L));
        assertThat(instance.flaky().attempts).as("attempts per mid").containsEntry(1L, 3).containsEntry(2L, 2);
        assertThat(timesHandled()).as("the listener before the failing one, called once per push")
            .containsEntry(1L, 1).containsEntry(2L, 1);
        assertThat(instance.recoverer().recovered).as("the dead-letter topic took it").isEmpty();
    }

    @Test
    void withoutADeadLetterTopicTheRecovererBeanDecides() {
        Instance instance = start();
        this.gateway.pushGroupMessage(7, FLAKY_GROUP, 1, 51, "fail always", "");
        this.gateway.awaitCondition(WAIT, "recovered", () -> !instance.recoverer().recovered.isEmpty());
        assertThat(instance.recoverer().recovered).singleElement()
            .satisfies((push) -> assertThat(((RtmMessage) push).messageId()).isOne());
        assertThat(instance.flaky().attempts).as("retries are off: one attempt").containsEntry(1L, 1);
        this.gateway.awaitCondition(WAIT, "answered: the broker held it", () -> this.gateway.pushesAnswered() == 1);
    }

    private static Consumer<byte[], byte[]> deadLetterConsumer(String topic) {
        Map<String, Object> config = KafkaTestUtils.consumerProps(broker, "dead-letters-" + topic, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Consumer<byte[], byte[]> consumer = new DefaultKafkaConsumerFactory<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer()).createConsumer();
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    @Test
    void aSendThatFailsForGoodLeavesThePushUnansweredAndCountsIt() throws IOException {
        try (TcpForwarder nowhere = new TcpForwarder(broker.getBrokersAsString())) {
            Instance instance = start("spring.kafka.bootstrap-servers=127.0.0.1:" + nowhere.port(),
                    "spring.kafka.producer.properties.max.block.ms=200", "spring.kafka.admin.operation-timeout=1s", "spring.kafka.admin.close-timeout=1s");
            pushStream(1, 10);
            this.gateway.awaitCondition(WAIT, "every relay failed", () -> instance.observer.failed.get() == 10);
            assertThat(this.gateway.pushesAnswered()).isZero();
            assertThat(timesHandled()).isEmpty();
        }
    }

    /** The cluster's first instance, so its leader: it receives and relays, and consumes nothing. */
    private Instance startReceiver() {
        Instance receiver = start("rtm.cluster.enabled=true", "rtm.relay.kafka.consume=false");
        this.gateway.awaitCondition(WAIT, "the receiver leading",
                () -> receiver.context.getBean(RtmClusterLeadership.class).isLeader());
        return receiver;
    }

    /** Cluster standbys: they receive nothing, and consume the topic. */
    private List<Instance> startConsumers(int count) {
        List<Instance> consumers = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            consumers.add(start("rtm.cluster.enabled=true", "rtm.listener.concurrency=4"));
        }
        return consumers;
    }

    private Instance start(String... properties) {
        String groups = LongStream.range(FIRST_GROUP, FIRST_GROUP + CONVERSATIONS)
            .mapToObj(Long::toString)
            .collect(Collectors.joining(","));
        Stream<String> defaults = Stream.of("spring.main.banner-mode=off",
                "rtm.endpoint=" + this.gateway.endpoint(), "rtm.project-id=" + this.gateway.projectId(),
                "rtm.secret-key=" + this.gateway.secretKey(), "rtm.listen.groups=" + groups,
                "rtm.reconnect.initial-delay=50ms", "spring.datasource.url=" + this.database,
                "spring.kafka.bootstrap-servers=" + broker.getBrokersAsString(), "rtm.relay.kafka.enabled=true",
                "rtm.relay.kafka.topic=" + this.topic, "rtm.relay.kafka.partitions=" + PARTITIONS,
                "rtm.relay.kafka.group-id=" + this.topic);
        // a property given replaces its default
        Set<String> given = Stream.of(properties).map((p) -> p.substring(0, p.indexOf('='))).collect(Collectors.toSet());
        // as arguments: they outrank the system property the embedded broker sets (spring.kafka.bootstrap-servers)
        String[] arguments = Stream.concat(defaults.filter((p) -> !given.contains(p.substring(0, p.indexOf('=')))),
                Stream.of(properties)).map((p) -> "--" + p).toArray(String[]::new);
        ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
            .web(WebApplicationType.NONE)
            .logStartupInfo(false)
            .run(arguments);
        Instance instance = new Instance(context, context.getBean(Recorder.class),
                context.getBean(ReceivedCounter.class));
        this.instances.add(instance);
        return instance;
    }

    /** Waits until the consumers share all partitions: the group is stable before the pushes. */
    private void awaitAssigned(List<Instance> consumers) {
        this.gateway.awaitCondition(WAIT, "all partitions assigned, each consumer holding some",
                () -> consumers.stream().allMatch((c) -> c.assignedPartitions() > 0)
                        && consumers.stream().mapToInt(Instance::assignedPartitions).sum() == PARTITIONS);
    }

    /** Pushes mids {@code first} to {@code first + count - 1}, each to the group of its conversation. */
    private void pushStream(int first, int count) {
        for (int mid = first; mid < first + count; mid++) {
            this.gateway.pushGroupMessage(7, FIRST_GROUP + mid % CONVERSATIONS, mid, 51, Integer.toString(mid), "");
        }
    }

    private void awaitHandled(int pushes) {
        this.gateway.awaitCondition(WAIT, pushes + " pushes handled", () -> timesHandled().size() == pushes);
    }

    /** Within each conversation, the instances handled the mids in the order the gateway pushed them. */
    private void assertOrderKeptPerConversation() {
        Map<Long, List<Handled>> byGroup = this.instances.stream()
            .flatMap((instance) -> instance.recorder.handled.stream())
            .collect(Collectors.groupingBy((handled) -> handled.message().toId()));
        assertThat(byGroup).hasSize(CONVERSATIONS);
        byGroup.forEach((group, handled) -> assertThat(handled.stream()
            .sorted(Comparator.comparingLong(Handled::tick))
            .map((h) -> h.message().messageId())
            .toList()).as("mids of group %d in the order handled", group).isSorted());
    }

    private Map<Long, Integer> timesHandled() {
        Map<Long, Integer> times = new ConcurrentHashMap<>();
        for (Instance instance : this.instances) {
            instance.recorder.handled.forEach((handled) -> times.merge(handled.message().messageId(), 1, Integer::sum));
        }
        return times;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private record Instance(ConfigurableApplicationContext context, Recorder recorder, ReceivedCounter observer) {

        FlakyListener flaky() {
            return this.context.getBean(FlakyListener.class);
        }

        RecordingRecoverer recoverer() {
            return this.context.getBean(RecordingRecoverer.class);
        }

        int assignedPartitions() {
            ConcurrentMessageListenerContainer<?, ?> container = this.context.getBean(
                    RtmKafkaRelayAutoConfiguration.CONTAINER_BEAN_NAME, ConcurrentMessageListenerContainer.class);
            return container.getAssignedPartitions().size();
        }

        @SuppressWarnings("unchecked")
        KafkaTemplate<byte[], byte[]> relayTemplate() {
            return this.context.getBean("rtmRelayKafkaTemplate", KafkaTemplate.class);
        }
    }

    private record Handled(RtmMessage message, long tick) {
    }

    /** The parts at stake only, for quick starts: the client, the cluster, its database, Kafka and the relay. */
    @SpringBootConfiguration
    @ImportAutoConfiguration({ RtmAutoConfiguration.class, RtmClusterAutoConfiguration.class,
            DataSourceAutoConfiguration.class, KafkaAutoConfiguration.class, RtmKafkaRelayAutoConfiguration.class })
    static class App {

        @Bean
        Recorder recorder() {
            return new Recorder();
        }

        @Bean
        ReceivedCounter receivedCounter() {
            return new ReceivedCounter();
        }

        @Bean
        FlakyListener flakyListener() {
            return new FlakyListener();
        }

        @Bean
        RecordingRecoverer recordingRecoverer() {
            return new RecordingRecoverer();
        }
    }

    /** After the recorder (ids in order): fails on "fail always", and on the first call with "fail once". */
    static class FlakyListener {

        final Map<Long, Integer> attempts = new ConcurrentHashMap<>();

        @RtmListener(id = "b-flaky", value = RtmPushType.GROUP_MESSAGE, groups = "" + FLAKY_GROUP)
        void onGroupMessage(RtmMessage message) {
            int attempt = this.attempts.merge(message.messageId(), 1, Integer::sum);
            if (message.text().equals("fail always") || (message.text().equals("fail once") && attempt == 1)) {
                throw new IllegalStateException("failing on purpose, attempt " + attempt);
            }
        }
    }

    static class RecordingRecoverer implements RtmListenerRecoverer {

        final Queue<Object> recovered = new ConcurrentLinkedQueue<>();

        @Override
        public void recover(Exception exception, Object push, Method method) {
            this.recovered.add(push);
        }
    }

    /** Remembers the group messages it handles, in order. */
    static class Recorder {

        final Queue<Handled> handled = new ConcurrentLinkedQueue<>();

        final AtomicInteger calls = new AtomicInteger();

        @RtmListener(id = "a-recorder", value = RtmPushType.GROUP_MESSAGE)
        void onGroupMessage(RtmMessage message) {
            this.handled.add(new Handled(message, clock.incrementAndGet()));
            this.calls.incrementAndGet();
        }
    }

    /** Counts the pushes the client took from the gateway, and those whose handling (the relay) failed. */
    static class ReceivedCounter implements RtmClientObserver {

        final AtomicLong received = new AtomicLong();

        final AtomicLong failed = new AtomicLong();

        @Override
        public void pushReceived(RtmPushType type) {
            this.received.incrementAndGet();
        }

        @Override
        public void pushFailed(RtmPushType type) {
            this.failed.incrementAndGet();
        }
    }
}
