package io.rtm.spring.boot.autoconfigure.relay;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import io.rtm.client.RtmServerClient;
import io.rtm.spring.boot.autoconfigure.RtmAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.RtmProperties;
import io.rtm.spring.config.RtmListenerConfigUtils;
import io.rtm.spring.listener.RtmConnectionLifecycle;
import io.rtm.spring.listener.LoggingRtmListenerRecoverer;
import io.rtm.spring.listener.RtmListenerFailedException;
import io.rtm.spring.listener.RtmListenerRecoverer;
import io.rtm.spring.listener.RtmPushDispatcher;
import io.rtm.spring.listener.RtmPushRelay;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingClass;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.core.ProducerFactory;
import org.springframework.kafka.listener.CommonErrorHandler;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ConsumerRecordRecoverer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.DeadLetterPublishingRecoverer;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.util.StringUtils;
import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.FixedBackOff;

/**
 * Listener work shared by all instances through Kafka ({@code rtm.relay.kafka.enabled=true}), on Spring Boot's
 * Kafka auto-configuration: the producer and consumer take the settings of Boot's factories
 * ({@code spring.kafka.*}), with what the relay needs on top (bytes in and out; {@code acks=all} and
 * idempotence; the relay's consumer group, reading a new group's topic from its beginning).
 *
 * <ul>
 * <li>{@link RtmKafkaPushRelay}: the instance that receives pushes (the cluster's leader, or the only one)
 * publishes each one instead of calling its listeners.
 * <li>{@code rtmRelayListenerContainer}: every instance consumes the topic in the consumer group, calling its
 * listeners through {@link RtmRelayMessageListener} (unless {@code rtm.relay.kafka.consume=false}); it starts
 * after the RTM connection and stops before it.
 * <li>Failures go through spring-kafka's {@link DefaultErrorHandler}: attempts and back-off from
 * {@code rtm.listener.retry.*} (one attempt when retries are off), then the dead-letter topic when
 * {@code rtm.relay.kafka.dead-letter-topic} is set, the {@link RtmListenerRecoverer} bean otherwise. An
 * {@link RtmRelayContainerCustomizer} bean may set another.
 * <li>The topic, with {@code rtm.relay.kafka.partitions}, through Boot's {@code KafkaAdmin} when it does not
 * exist.
 * </ul>
 */
@AutoConfiguration(after = RtmAutoConfiguration.class,
        afterName = RtmKafkaRelayAutoConfiguration.BOOT_KAFKA_AUTO_CONFIGURATION)
@ConditionalOnBooleanProperty("rtm.relay.kafka.enabled")
@ConditionalOnBean(RtmServerClient.class)
public final class RtmKafkaRelayAutoConfiguration {

    static final String BOOT_KAFKA_AUTO_CONFIGURATION =
            "org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration";

    /** The name of the relay's {@code KafkaTemplate<byte[], byte[]>} bean. */
    public static final String TEMPLATE_BEAN_NAME = "rtmRelayKafkaTemplate";

    /** The name of the relay consumer's container bean. */
    public static final String CONTAINER_BEAN_NAME = "rtmRelayListenerContainer";

    /** spring-kafka and Boot's Kafka auto-configuration are there. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(name = BOOT_KAFKA_AUTO_CONFIGURATION)
    @ConditionalOnBean({ ProducerFactory.class, ConsumerFactory.class })
    static class KafkaRelayConfiguration {

        private static final Log logger = LogFactory.getLog(RtmKafkaRelayAutoConfiguration.class);

        // no candidate for injection by type: the application's KafkaTemplate, Boot's, stays the one it gets
        @Bean(name = TEMPLATE_BEAN_NAME, autowireCandidate = false)
        @ConditionalOnMissingBean(name = TEMPLATE_BEAN_NAME)
        KafkaTemplate<byte[], byte[]> rtmRelayKafkaTemplate(ProducerFactory<?, ?> bootProducerFactory) {
            Map<String, Object> config = new HashMap<>(bootProducerFactory.getConfigurationProperties());
            config.remove(ProducerConfig.TRANSACTIONAL_ID_CONFIG);
            config.remove(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG);
            config.remove(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);
            // a push is answered once its record is stored on every in-sync replica, and stored once; given as
            // overrides, they make the template own its producer factory and close it when it is destroyed
            Map<String, Object> relay = Map.of(ProducerConfig.ACKS_CONFIG, "all",
                    ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            return new KafkaTemplate<>(
                    new DefaultKafkaProducerFactory<>(config, new ByteArraySerializer(), new ByteArraySerializer()),
                    relay);
        }

        @Bean
        @ConditionalOnMissingBean(RtmPushRelay.class)
        RtmKafkaPushRelay rtmKafkaPushRelay(BeanFactory beanFactory, RtmProperties properties) {
            return new RtmKafkaPushRelay(template(beanFactory), topic(properties.getRelay().getKafka()));
        }

        @Bean
        @ConditionalOnMissingBean(name = "rtmRelayTopic")
        NewTopic rtmRelayTopic(RtmProperties properties) {
            RtmProperties.Kafka kafka = properties.getRelay().getKafka();
            if (kafka.getPartitions() < 1) {
                throw new InvalidConfigurationPropertyValueException("rtm.relay.kafka.partitions",
                        kafka.getPartitions(), "a topic needs at least one partition");
            }
            return new NewTopic(topic(kafka), Optional.of(kafka.getPartitions()), Optional.empty());
        }

        @Bean
        @ConditionalOnMissingBean
        RtmRelayMessageListener rtmRelayMessageListener(BeanFactory beanFactory, RtmProperties properties) {
            return new RtmRelayMessageListener(beanFactory.getBean(
                    RtmListenerConfigUtils.RTM_PUSH_DISPATCHER_BEAN_NAME, RtmPushDispatcher.class),
                    properties.getDedupCapacity());
        }

        /**
         * {@code rtm.listener.retry.*}, then the dead-letter topic or the recoverer bean. No bean: Spring Boot
         * gives a unique {@code CommonErrorHandler} bean to the application's own listener containers.
         */
        private static CommonErrorHandler errorHandler(RtmProperties properties, BeanFactory beanFactory,
                RtmListenerRecoverer recoverer) {
            @Nullable RetryPolicy retry = properties.getListener().getRetry().toRetryPolicy();
            BackOff backOff = (retry != null) ? retry.getBackOff() : new FixedBackOff(0, 0);
            @Nullable String deadLetterTopic = properties.getRelay().getKafka().getDeadLetterTopic();
            ConsumerRecordRecoverer recovery = StringUtils.hasText(deadLetterTopic)
                    ? new DeadLetterPublishingRecoverer(template(beanFactory),
                            (record, ex) -> new TopicPartition(deadLetterTopic, -1))
                    : recoverWith(recoverer);
            DefaultErrorHandler handler = new DefaultErrorHandler(recovery, backOff);
            handler.addNotRetryableExceptions(RtmRelayFormatException.class);
            return handler;
        }

        /** The listener's failure to the recoverer bean; a record that holds no push is logged. */
        private static ConsumerRecordRecoverer recoverWith(RtmListenerRecoverer recoverer) {
            return (record, failure) -> {
                @Nullable RtmListenerFailedException listenerFailure = listenerFailure(failure);
                if (listenerFailure != null) {
                    recoverer.recover(listenerFailure.getCause(), listenerFailure.getPush(),
                            listenerFailure.getMethod());
                } else {
                    logger.error("Skipped the relayed record " + describe(record), failure);
                }
            };
        }

        private static @Nullable RtmListenerFailedException listenerFailure(@Nullable Throwable failure) {
            for (@Nullable Throwable cause = failure; cause != null; cause = cause.getCause()) {
                if (cause instanceof RtmListenerFailedException listenerFailure) {
                    return listenerFailure;
                }
            }
            return null;
        }

        private static String describe(ConsumerRecord<?, ?> record) {
            return record.topic() + "-" + record.partition() + "@" + record.offset();
        }

        @Bean(CONTAINER_BEAN_NAME)
        @ConditionalOnMissingBean(name = CONTAINER_BEAN_NAME)
        ConcurrentMessageListenerContainer<byte[], byte[]> rtmRelayListenerContainer(
                ConsumerFactory<?, ?> bootConsumerFactory, RtmProperties properties,
                RtmRelayMessageListener rtmRelayMessageListener, BeanFactory beanFactory,
                ObjectProvider<RtmListenerRecoverer> recoverer, ObjectProvider<RtmRelayContainerCustomizer> customizers) {
            RtmProperties.Kafka kafka = properties.getRelay().getKafka();
            if (!StringUtils.hasText(kafka.getGroupId())) {
                throw new InvalidConfigurationPropertyValueException("rtm.relay.kafka.group-id", kafka.getGroupId(),
                        "every instance consumes the relay's topic in this consumer group; it must not be empty");
            }
            int concurrency = (kafka.getConcurrency() != null) ? kafka.getConcurrency()
                    : properties.getListener().getConcurrency();
            if (concurrency < 1) {
                throw new InvalidConfigurationPropertyValueException("rtm.relay.kafka.concurrency", concurrency,
                        "at least one consumer thread is needed");
            }
            Map<String, Object> config = new HashMap<>(bootConsumerFactory.getConfigurationProperties());
            config.put(ConsumerConfig.GROUP_ID_CONFIG, kafka.getGroupId());
            // what the topic holds was answered to the gateway: a group new to it starts at its beginning
            config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
            config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            config.remove(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG);
            config.remove(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG);
            ContainerProperties containerProperties = new ContainerProperties(topic(kafka));
            containerProperties.setGroupId(kafka.getGroupId());
            containerProperties.setMessageListener(rtmRelayMessageListener);
            ConcurrentMessageListenerContainer<byte[], byte[]> container = new ConcurrentMessageListenerContainer<>(
                    new DefaultKafkaConsumerFactory<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer()),
                    containerProperties);
            container.setConcurrency(concurrency);
            container.setAutoStartup(kafka.isConsume());
            container.setCommonErrorHandler(errorHandler(properties, beanFactory,
                    recoverer.getIfAvailable(LoggingRtmListenerRecoverer::new)));
            // routes are built when the RTM connection starts; the relay's records are taken only after that
            container.setPhase(RtmConnectionLifecycle.PHASE + 100);
            customizers.orderedStream().forEach((customizer) -> customizer.customize(container));
            return container;
        }

        @SuppressWarnings("unchecked")
        private static KafkaTemplate<byte[], byte[]> template(BeanFactory beanFactory) {
            return beanFactory.getBean(TEMPLATE_BEAN_NAME, KafkaTemplate.class);
        }

        private static String topic(RtmProperties.Kafka kafka) {
            if (!StringUtils.hasText(kafka.getTopic())) {
                throw new InvalidConfigurationPropertyValueException("rtm.relay.kafka.topic", kafka.getTopic(),
                        "the pushes are relayed through this topic; it must not be empty");
            }
            return kafka.getTopic();
        }
    }

    /** Without spring-kafka and Boot's Kafka support the relay cannot work: the application does not start. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnMissingClass(BOOT_KAFKA_AUTO_CONFIGURATION)
    static class NoKafkaConfiguration {

        @Bean
        RtmPushRelay rtmKafkaPushRelay() {
            throw new InvalidConfigurationPropertyValueException("rtm.relay.kafka.enabled", true,
                    "Spring Boot's Kafka support is not on the class path: add"
                            + " org.springframework.boot:spring-boot-starter-kafka, or set rtm.relay.kafka.enabled=false");
        }
    }
}
