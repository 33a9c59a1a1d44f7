package io.rtm.spring.boot.autoconfigure;

import java.util.Map;
import java.util.concurrent.CompletionStage;

import io.rtm.spring.boot.autoconfigure.relay.RtmKafkaPushRelay;
import io.rtm.spring.boot.autoconfigure.relay.RtmKafkaRelayAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.relay.RtmRelayContainerCustomizer;
import io.rtm.spring.boot.autoconfigure.relay.RtmRelayMessageListener;
import io.rtm.client.RtmEvent;
import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushListener;
import io.rtm.spring.listener.RtmPushRelay;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.DefaultErrorHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code rtm.relay.kafka.*}: the relay's beans on Boot's Kafka auto-configuration, and settings that stop
 * startup. No broker is needed: nothing here connects to one ({@code RtmKafkaRelayTests} does).
 */
class RtmKafkaRelayAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(RtmAutoConfiguration.class, KafkaAutoConfiguration.class,
                RtmKafkaRelayAutoConfiguration.class))
        .withPropertyValues("rtm.endpoint=127.0.0.1:" + RtmAutoConfigurationTests.closedPort(),
                "rtm.project-id=11000001", "rtm.secret-key=" + RtmAutoConfigurationTests.SECRET,
                "rtm.reconnect.enabled=false", "spring.kafka.bootstrap-servers=127.0.0.1:1",
                "spring.kafka.producer.acks=1", "spring.kafka.consumer.group-id=the-applications-own",
                // no broker: the topic is not created at startup
                "spring.kafka.admin.auto-create=false");

    private final ApplicationContextRunner relay = this.runner.withPropertyValues("rtm.relay.kafka.enabled=true");

    @Test
    void offByDefault() {
        this.runner.run((context) -> assertThat(context).hasNotFailed()
            .doesNotHaveBean(RtmPushRelay.class)
            .doesNotHaveBean(RtmRelayMessageListener.class)
            .doesNotHaveBean(RtmKafkaRelayAutoConfiguration.CONTAINER_BEAN_NAME));
    }

    @Test
    void buildsOnBootsKafkaSettingsWithWhatTheRelayNeeds() {
        this.relay.withPropertyValues("rtm.relay.kafka.topic=pushes", "rtm.relay.kafka.partitions=24",
                "rtm.relay.kafka.group-id=workers", "rtm.listener.concurrency=3").run((context) -> {
                    assertThat(context).hasNotFailed().hasSingleBean(RtmKafkaPushRelay.class);
                    KafkaTemplate<?, ?> template = context.getBean("rtmRelayKafkaTemplate", KafkaTemplate.class);
                    Map<String, Object> producer = template.getProducerFactory().getConfigurationProperties();
                    assertThat(producer).containsEntry(ProducerConfig.ACKS_CONFIG, "all")
                        .containsEntry(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true)
                        .hasEntrySatisfying(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                                (servers) -> assertThat(servers.toString()).contains("127.0.0.1:1"));
                    ConcurrentMessageListenerContainer<?, ?> container = context.getBean(
                            RtmKafkaRelayAutoConfiguration.CONTAINER_BEAN_NAME,
                            ConcurrentMessageListenerContainer.class);
                    assertThat(container.getConcurrency()).as("rtm.listener.concurrency").isEqualTo(3);
                    assertThat(container.getContainerProperties().getTopics()).containsExactly("pushes");
                    assertThat(container.getContainerProperties().getGroupId()).isEqualTo("workers");
                    assertThat(container.getCommonErrorHandler()).isInstanceOf(DefaultErrorHandler.class);
                    assertThat(container.isAutoStartup()).isTrue();
                    NewTopic topic = context.getBean("rtmRelayTopic", NewTopic.class);
                    assertThat(topic.name()).isEqualTo("pushes");
                    assertThat(topic.numPartitions()).isEqualTo(24);
                });
    }

    @Test
    void theApplicationsOwnKafkaBeansAreLeftAlone() {
        this.relay.withUserConfiguration(OwnKafkaUse.class).run((context) -> {
            assertThat(context).hasNotFailed();
            // Boot's KafkaTemplate stays the one to inject, and Boot's listener containers get no error handler of ours
            assertThat(context.getBean(OwnKafkaUse.class).template)
                .isSameAs(context.getBean("kafkaTemplate", KafkaTemplate.class));
            assertThat(context.getBeanProvider(CommonErrorHandler.class).getIfAvailable()).isNull();
        });
    }

    /** An application's own Kafka code, injecting by type. */
    static class OwnKafkaUse {

        final KafkaTemplate<?, ?> template;

        OwnKafkaUse(KafkaTemplate<?, ?> template) {
            this.template = template;
        }
    }

    @Test
    void anApplicationsOwnRelayReplacesTheKafkaOne() {
        RtmPushRelay own = new RtmPushRelay() {
            @Override
            public CompletionStage<?> relay(RtmMessage message) {
                return RtmPushListener.DONE;
            }

            @Override
            public CompletionStage<?> relay(RtmEvent event) {
                return RtmPushListener.DONE;
            }
        };
        this.relay.withBean(RtmPushRelay.class, () -> own)
            .run((context) -> assertThat(context).hasNotFailed()
                .doesNotHaveBean(RtmKafkaPushRelay.class)
                .getBean(RtmPushRelay.class)
                .isSameAs(own));
    }

    @Test
    void customizersChangeTheContainerAfterTheDefaults() {
        DefaultErrorHandler own = new DefaultErrorHandler();
        this.relay.withBean(RtmRelayContainerCustomizer.class, () -> (container) -> container.setCommonErrorHandler(own))
            .run((context) -> assertThat(context.getBean(RtmKafkaRelayAutoConfiguration.CONTAINER_BEAN_NAME,
                    ConcurrentMessageListenerContainer.class).getCommonErrorHandler()).isSameAs(own));
    }

    @Test
    void anInstanceThatOnlyRelaysStartsNoConsumer() {
        this.relay.withPropertyValues("rtm.relay.kafka.consume=false", "rtm.relay.kafka.concurrency=5")
            .run((context) -> {
                ConcurrentMessageListenerContainer<?, ?> container = context.getBean(
                        RtmKafkaRelayAutoConfiguration.CONTAINER_BEAN_NAME, ConcurrentMessageListenerContainer.class);
                assertThat(container.isAutoStartup()).isFalse();
                assertThat(container.getConcurrency()).as("rtm.relay.kafka.concurrency").isEqualTo(5);
            });
    }

    @Test
    void withoutBootsKafkaSupportTheApplicationDoesNotStart() {
        new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(RtmAutoConfiguration.class, RtmKafkaRelayAutoConfiguration.class))
            .withPropertyValues("rtm.endpoint=127.0.0.1:" + RtmAutoConfigurationTests.closedPort(),
                    "rtm.project-id=11000001", "rtm.secret-key=" + RtmAutoConfigurationTests.SECRET,
                    "rtm.reconnect.enabled=false", "rtm.relay.kafka.enabled=true")
            .withClassLoader(new FilteredClassLoader(KafkaAutoConfiguration.class))
            .run((context) -> assertInvalid(context.getStartupFailure(), "rtm.relay.kafka.enabled",
                    "spring-boot-starter-kafka"));
    }

    @Test
    void invalidSettingsStopStartupNamingTheProperty() {
        this.relay.withPropertyValues("rtm.relay.kafka.partitions=0")
            .run((context) -> assertInvalid(context.getStartupFailure(), "rtm.relay.kafka.partitions",
                    "at least one partition"));
        this.relay.withPropertyValues("rtm.relay.kafka.topic= ")
            .run((context) -> assertInvalid(context.getStartupFailure(), "rtm.relay.kafka.topic", "must not be empty"));
        this.relay.withPropertyValues("rtm.relay.kafka.group-id=")
            .run((context) -> assertInvalid(context.getStartupFailure(), "rtm.relay.kafka.group-id",
                    "must not be empty"));
        this.relay.withPropertyValues("rtm.relay.kafka.concurrency=0")
            .run((context) -> assertInvalid(context.getStartupFailure(), "rtm.relay.kafka.concurrency",
                    "at least one"));
        this.relay.withPropertyValues("rtm.listener.retry.enabled=true", "rtm.listener.retry.max-attempts=0")
            .run((context) -> assertThat(context.getStartupFailure()).rootCause()
                .isInstanceOf(InvalidRtmPropertyException.class)
                .hasMessageContaining("rtm.listener.retry.max-attempts"));
    }

    private static void assertInvalid(Throwable failure, String property, String reason) {
        assertThat(failure).isNotNull().rootCause()
            .isInstanceOfSatisfying(InvalidConfigurationPropertyValueException.class, (invalid) -> {
                assertThat(invalid.getName()).isEqualTo(property);
                assertThat(invalid.getReason()).contains(reason);
            });
    }
}
