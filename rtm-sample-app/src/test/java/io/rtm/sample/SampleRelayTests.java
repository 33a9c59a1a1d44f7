package io.rtm.sample;

import io.rtm.spring.boot.autoconfigure.cluster.RtmClusterLeadership;
import io.rtm.spring.boot.autoconfigure.relay.RtmRelayCodec;
import io.rtm.test.RtmTestServer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code cluster} and {@code relay} profiles together, on an embedded Kafka broker: the leader relays what
 * it receives through the topic, and the instances' listeners handle it from there.
 */
class SampleRelayTests {

    private static final Duration WAIT = Duration.ofSeconds(30);

    private static EmbeddedKafkaKraftBroker broker;

    private final RtmTestServer gateway = RtmTestServer.builder().build().start();

    private final String database = "jdbc:h2:mem:rtm-sample-relay-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";

    private final String topic = "rtm-sample-pushes-" + UUID.randomUUID();

    private final List<ConfigurableApplicationContext> instances = new ArrayList<>();

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 4);
        broker.afterPropertiesSet();
    }

    @AfterAll
    static void stopBroker() {
        broker.destroy();
    }

    @AfterEach
    void stop() {
        instances.forEach(ConfigurableApplicationContext::close);
        gateway.close();
    }

    @Test
    void theLeaderRelaysAndTheInstancesHandleTheConversations() {
        for (int i = 0; i < 2; i++) {
            // arguments: they outrank the system property the embedded broker sets
            instances.add(new SpringApplicationBuilder(SampleApplication.class).profiles("cluster", "relay")
                    .run("--rtm.endpoint=" + gateway.endpoint(), "--spring.datasource.url=" + database,
                            "--sample.driver.interval=200ms", "--spring.kafka.bootstrap-servers="
                                    + broker.getBrokersAsString(), "--rtm.relay.kafka.topic=" + topic));
        }
        await().atMost(WAIT).until(() -> instances.stream().filter(SampleRelayTests::leads).count() == 1);

        await().atMost(WAIT).until(() -> handled("group-chat") >= 4 && handled("order") >= 2
                && handled("room-file") >= 2 && handled("support-command") >= 2);
        try (Consumer<byte[], byte[]> consumer = topicReader()) {
            ConsumerRecords<byte[], byte[]> records = KafkaTestUtils.getRecords(consumer, WAIT);
            assertThat(records.count()).as("pushes relayed through the topic").isPositive();
            assertThat(RtmRelayCodec.decode(records.iterator().next().value())).isNotNull();
        }
    }

    private Consumer<byte[], byte[]> topicReader() {
        Map<String, Object> config = KafkaTestUtils.consumerProps(broker, "reader-" + topic, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        Consumer<byte[], byte[]> consumer = new DefaultKafkaConsumerFactory<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer()).createConsumer();
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    /** Pushes the named listener handled across the instances. */
    private int handled(String listener) {
        return instances.stream().mapToInt((instance) -> instance.getBean(SupportDesk.class).received(listener)).sum();
    }

    private static boolean leads(ConfigurableApplicationContext instance) {
        return instance.getBean(RtmClusterLeadership.class).isLeader();
    }
}
