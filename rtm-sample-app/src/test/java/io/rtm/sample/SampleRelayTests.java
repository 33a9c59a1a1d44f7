package io.rtm.sample;

import io.rtm.client.MessageSource;
import io.rtm.client.RtmEvent;
import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;
import io.rtm.spring.boot.autoconfigure.cluster.RtmClusterLeadership;
import io.rtm.spring.boot.autoconfigure.relay.RtmRelayCodec;
import io.rtm.test.RtmTestServer;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

import java.nio.charset.StandardCharsets;
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

    /** The sample's shop group ({@code sample.shop-group}), support desk ({@code sample.support-uid}) and room. */
    private static final long SHOP_GROUP = 1001;

    private static final long SUPPORT_UID = 3001;

    private static final long ROOM = 2001;

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
        List<ConsumerRecord<byte[], byte[]>> relayed = new ArrayList<>();
        try (Consumer<byte[], byte[]> consumer = topicReader()) {
            // the conversations have partitions of their own: read until the driver's every target shows up
            await().atMost(WAIT).pollInSameThread().untilAsserted(() -> {
                consumer.poll(Duration.ofMillis(500)).forEach(relayed::add);
                assertThat(relayed.stream().map((record) -> RtmRelayCodec.decode(record.value()))
                    .filter(RtmMessage.class::isInstance).map(RtmMessage.class::cast))
                    .as("the messages relayed through the topic")
                    .anySatisfy((message) -> assertThat(message.source()).isEqualTo(MessageSource.GROUP))
                    .anySatisfy((message) -> assertThat(message.source()).isEqualTo(MessageSource.ROOM))
                    .anySatisfy((message) -> assertThat(message.source()).isEqualTo(MessageSource.P2P));
            });
        }
        for (ConsumerRecord<byte[], byte[]> record : relayed) {
            Object push = RtmRelayCodec.decode(record.value());
            assertThat(push).as("a relayed push").isInstanceOfAny(RtmMessage.class, RtmEvent.class);
            String pushType = (push instanceof RtmMessage message) ? message.pushType().name()
                    : RtmPushType.EVENT.name();
            assertThat(header(record, RtmRelayCodec.PUSH_TYPE_HEADER)).as("the push type header of %s", push)
                .isEqualTo(pushType);
            if (push instanceof RtmMessage message) {
                assertThat(header(record, RtmRelayCodec.MESSAGE_ID_HEADER)).as("the mid header of %s", message)
                    .isEqualTo(Long.toString(message.messageId()));
            }
        }
        List<RtmMessage> messages = relayed.stream().map((record) -> RtmRelayCodec.decode(record.value()))
            .filter(RtmMessage.class::isInstance).map(RtmMessage.class::cast).toList();
        // TrafficDriver: chat and orders to the shop group, a command to the support desk, a file and bytes to
        // the room
        assertThat(messages).filteredOn((message) -> message.source() == MessageSource.GROUP)
            .as("the relayed group messages").isNotEmpty()
            .allSatisfy((message) -> assertThat(message.toId()).as("their group").isEqualTo(SHOP_GROUP))
            .extracting(RtmMessage::pushType).contains(RtmPushType.GROUP_CHAT, RtmPushType.GROUP_MESSAGE);
        assertThat(messages).filteredOn((message) -> message.source() == MessageSource.P2P)
            .allSatisfy((message) -> assertThat(message.toId()).as("their user").isEqualTo(SUPPORT_UID))
            .extracting(RtmMessage::pushType).contains(RtmPushType.P2P_CMD);
        assertThat(messages).filteredOn((message) -> message.source() == MessageSource.ROOM)
            .allSatisfy((message) -> assertThat(message.toId()).as("their room").isEqualTo(ROOM))
            .extracting(RtmMessage::pushType).contains(RtmPushType.ROOM_FILE);
    }

    private static @Nullable String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return (header != null) ? new String(header.value(), StandardCharsets.US_ASCII) : null;
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
