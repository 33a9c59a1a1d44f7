package io.rtm.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.rtm.client.ListenState;
import io.rtm.client.ReconnectPolicy;
import io.rtm.client.RtmServerClient;
import io.rtm.spring.boot.autoconfigure.actuate.RtmSanitizingAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.cluster.RtmClusterAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.cluster.RtmClusterLeadership;
import io.rtm.spring.boot.autoconfigure.health.RtmConnectionActivity;
import io.rtm.spring.boot.autoconfigure.health.RtmHealthContributorAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.health.RtmHealthIndicator;
import io.rtm.spring.boot.autoconfigure.metrics.RtmClientMetrics;
import io.rtm.spring.boot.autoconfigure.metrics.RtmMetricsAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.observation.ObservationRtmListenerInterceptor;
import io.rtm.spring.boot.autoconfigure.observation.RtmObservationAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.relay.RtmKafkaPushRelay;
import io.rtm.spring.boot.autoconfigure.relay.RtmKafkaRelayAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.relay.RtmRelayMessageListener;
import io.rtm.spring.config.RtmListenerConfigUtils;
import io.rtm.spring.config.RtmListenerEndpointRegistry;
import io.rtm.spring.listener.DefaultRtmListenerErrorHandler;
import io.rtm.spring.listener.LoggingRtmListenerRecoverer;
import io.rtm.spring.listener.RtmConnectionLifecycle;
import io.rtm.spring.listener.RtmListenerErrorHandler;
import io.rtm.spring.listener.RtmListenerRecoverer;
import io.rtm.spring.listener.RtmPushDispatcher;
import io.rtm.spring.listener.RtmStartupOptions;
import io.rtm.spring.listener.adapter.JacksonRtmPayloadConverter;
import io.rtm.spring.listener.adapter.RtmHandlerMethodFactory;
import io.rtm.spring.listener.adapter.RtmPayloadConverter;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.init.DataSourceScriptDatabaseInitializer;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.sql.init.DatabaseInitializationSettings;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.integration.jdbc.lock.DefaultLockRepository;
import org.springframework.integration.jdbc.lock.JdbcLockRegistry;
import org.springframework.integration.jdbc.lock.LockRepository;
import org.springframework.integration.support.locks.DefaultLockRegistry;
import org.springframework.integration.support.locks.LockRegistry;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.KafkaMessageListenerContainer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bean of the auto-configurations is one the application can replace: given its own, under the
 * name or of the type the condition looks for, the auto-configuration backs off, and {@code @EnableRtm}
 * keeps each infrastructure bean the application names like one of its own.
 */
class RtmAutoConfigurationBackOffTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(RtmAutoConfiguration.class,
                RtmHealthContributorAutoConfiguration.class, RtmMetricsAutoConfiguration.class,
                RtmObservationAutoConfiguration.class, RtmSanitizingAutoConfiguration.class))
        .withBean(SimpleMeterRegistry.class);

    @Test
    void everyBeanIsTheApplicationsWhenItDefinesOne() {
        this.runner.withUserConfiguration(OwnBeans.class).run((context) -> {
            assertThat(context).hasNotFailed();
            assertMadeBy(context, OwnBeans.class, List.of(RtmConnectionDetails.class, RtmServerClient.class,
                    ListenState.class, RtmListenerErrorHandler.class, RtmListenerRecoverer.class, RtmPayloadConverter.class,
                    RtmConnectionActivity.class, RtmStartupOptions.class, RtmHealthIndicator.class,
                    RtmClientMetrics.class, MeterBinder.class, ObservationRtmListenerInterceptor.class,
                    SanitizingFunction.class, RtmListenerEndpointRegistry.class, RtmPushDispatcher.class,
                    RtmConnectionLifecycle.class), List.of());
            // @EnableRtm was imported and added the post-processor, the one bean not defined here
            assertThat(context).hasBean(RtmListenerConfigUtils.RTM_LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME);
        });
    }

    @Test
    void everyClusterBeanIsTheApplicationsWhenItDefinesOne() {
        ApplicationContextRunner cluster = this.runner
            .withConfiguration(AutoConfigurations.of(RtmClusterAutoConfiguration.class,
                    DataSourceAutoConfiguration.class))
            .withPropertyValues("rtm.endpoint=127.0.0.1:" + RtmAutoConfigurationTests.closedPort(),
                    "rtm.project-id=11000001", "rtm.secret-key=x", "rtm.reconnect.enabled=false",
                    "rtm.cluster.enabled=true");
        cluster.withUserConfiguration(OwnClusterBeans.class).run((context) -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(LockRepository.class);
            assertMadeBy(context, OwnClusterBeans.class, List.of(RtmClusterLeadership.class, LockRegistry.class),
                    List.of("rtmClusterClientCustomizer", "rtmClusterMetrics"));
        });
        // with no lock registry of its own, an application's repository and schema initializer are used
        cluster.withUserConfiguration(OwnLockRepository.class).run((context) -> {
            assertThat(context).hasNotFailed().hasSingleBean(JdbcLockRegistry.class);
            assertMadeBy(context, OwnLockRepository.class,
                    List.of(LockRepository.class, DataSourceScriptDatabaseInitializer.class), List.of());
        });
    }

    @Test
    void everyRelayBeanIsTheApplicationsWhenItDefinesOne() {
        this.runner.withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class,
                RtmKafkaRelayAutoConfiguration.class))
            .withPropertyValues("rtm.endpoint=127.0.0.1:" + RtmAutoConfigurationTests.closedPort(),
                    "rtm.project-id=11000001", "rtm.secret-key=x", "rtm.reconnect.enabled=false",
                    "rtm.relay.kafka.enabled=true", "spring.kafka.bootstrap-servers=127.0.0.1:1",
                    "spring.kafka.admin.auto-create=false")
            .withUserConfiguration(OwnRelayBeans.class)
            .run((context) -> {
                assertThat(context).hasNotFailed();
                assertMadeBy(context, OwnRelayBeans.class,
                        List.of(RtmKafkaPushRelay.class, RtmRelayMessageListener.class),
                        List.of(RtmKafkaRelayAutoConfiguration.TEMPLATE_BEAN_NAME, "rtmRelayTopic",
                                RtmKafkaRelayAutoConfiguration.CONTAINER_BEAN_NAME));
            });
    }

    /** The beans of those types, and of those names, are the configuration's. */
    private static void assertMadeBy(AssertableApplicationContext context, Class<?> configuration,
            List<Class<?>> types, List<String> names) {
        String own = context.getBeanNamesForType(configuration)[0];
        for (Class<?> type : types) {
            assertThat(context).as(type.getSimpleName()).hasSingleBean(type);
            String name = context.getBeanNamesForType(type)[0];
            assertThat(context.getBeanFactory().getBeanDefinition(name).getFactoryBeanName())
                .as("the bean of type %s, '%s', is made by", type.getSimpleName(), name)
                .isEqualTo(own);
        }
        for (String name : names) {
            assertThat(context.getBeanFactory().getBeanDefinition(name).getFactoryBeanName())
                .as("the bean '%s' is made by", name)
                .isEqualTo(own);
        }
    }

    /** One bean of the application's for each that the auto-configurations and {@code @EnableRtm} define. */
    @Configuration(proxyBeanMethods = false)
    static class OwnBeans {

        @Bean
        RtmConnectionDetails ownDetails() {
            return new RtmConnectionDetails() {
                @Override
                public String host() {
                    return "127.0.0.1";
                }

                @Override
                public int port() {
                    return RtmAutoConfigurationTests.closedPort();
                }

                @Override
                public long projectId() {
                    return 7;
                }

                @Override
                public String secretKey() {
                    return "own";
                }
            };
        }

        @Bean
        RtmServerClient ownClient(RtmConnectionDetails details) {
            return RtmServerClient.builder()
                .endpoint(details.endpoint())
                .projectId(details.projectId())
                .secretKey(details.secretKey())
                .reconnect(ReconnectPolicy.DISABLED)
                .build();
        }

        @Bean
        ListenState rtmListenProperties() {
            return ListenState.EMPTY;
        }

        @Bean
        RtmListenerErrorHandler ownErrorHandler() {
            return new DefaultRtmListenerErrorHandler(new LoggingRtmListenerRecoverer());
        }

        @Bean
        RtmListenerRecoverer ownRecoverer() {
            return new LoggingRtmListenerRecoverer();
        }

        @Bean
        RtmPayloadConverter ownPayloadConverter() {
            return new JacksonRtmPayloadConverter(JsonMapper.shared());
        }

        @Bean
        RtmConnectionActivity ownActivity() {
            return new RtmConnectionActivity();
        }

        @Bean
        RtmHealthIndicator rtmHealthIndicator(RtmServerClient client, RtmConnectionActivity activity) {
            return new RtmHealthIndicator(client, activity);
        }

        @Bean
        RtmStartupOptions ownStartupOptions() {
            return new RtmStartupOptions(Duration.ofSeconds(1), false);
        }

        @Bean
        RtmClientMetrics ownMetrics(MeterRegistry registry) {
            return new RtmClientMetrics(registry);
        }

        @Bean
        MeterBinder rtmDispatchQueueMetrics() {
            return (registry) -> {
            };
        }

        @Bean
        ObservationRtmListenerInterceptor ownObservation() {
            return new ObservationRtmListenerInterceptor(ObservationRegistry.NOOP);
        }

        @Bean
        SanitizingFunction rtmSecretKeySanitizingFunction() {
            return (data) -> data;
        }

        @Bean(RtmListenerConfigUtils.RTM_LISTENER_ENDPOINT_REGISTRY_BEAN_NAME)
        RtmListenerEndpointRegistry ownRegistry() {
            return new RtmListenerEndpointRegistry();
        }

        @Bean(RtmListenerConfigUtils.RTM_PUSH_DISPATCHER_BEAN_NAME)
        RtmPushDispatcher ownDispatcher(RtmListenerEndpointRegistry registry, RtmListenerErrorHandler errorHandler,
                RtmPayloadConverter converter, ApplicationEventPublisher publisher) {
            return new RtmPushDispatcher(registry, new RtmHandlerMethodFactory(converter), errorHandler, List.of(),
                    List.of(), publisher);
        }

        @Bean(RtmListenerConfigUtils.RTM_CONNECTION_LIFECYCLE_BEAN_NAME)
        RtmConnectionLifecycle ownLifecycle(RtmServerClient client, RtmPushDispatcher dispatcher,
                RtmListenerEndpointRegistry registry) {
            return new RtmConnectionLifecycle(client, dispatcher, registry, List.of(), RtmStartupOptions.DEFAULT);
        }
    }

    /** The cluster's beans, the application's: its own lock registry, so no JDBC one. */
    @Configuration(proxyBeanMethods = false)
    static class OwnClusterBeans {

        @Bean
        RtmClientCustomizer rtmClusterClientCustomizer() {
            return (builder) -> builder.listeningSuspended(true);
        }

        @Bean
        LockRegistry<?> ownLockRegistry() {
            return new DefaultLockRegistry();
        }

        @Bean
        RtmClusterLeadership ownLeadership(RtmServerClient client, LockRegistry<?> locks,
                ApplicationEventPublisher publisher) {
            return new RtmClusterLeadership(client, locks, "own", Duration.ofMillis(100), Duration.ofSeconds(1),
                    publisher);
        }

        @Bean
        MeterBinder rtmClusterMetrics() {
            return (registry) -> {
            };
        }
    }

    /** The relay's beans, the application's. */
    @Configuration(proxyBeanMethods = false)
    static class OwnRelayBeans {

        @Bean(RtmKafkaRelayAutoConfiguration.TEMPLATE_BEAN_NAME)
        KafkaTemplate<byte[], byte[]> ownTemplate() {
            return new KafkaTemplate<>(new DefaultKafkaProducerFactory<>(
                    Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"), new ByteArraySerializer(),
                    new ByteArraySerializer()));
        }

        @Bean
        RtmKafkaPushRelay ownRelay(KafkaTemplate<byte[], byte[]> template) {
            return new RtmKafkaPushRelay(template, "own");
        }

        @Bean
        NewTopic rtmRelayTopic() {
            return new NewTopic("own", 1, (short) 1);
        }

        @Bean
        RtmRelayMessageListener ownRelayListener(BeanFactory beanFactory) {
            return new RtmRelayMessageListener(beanFactory.getBean(
                    RtmListenerConfigUtils.RTM_PUSH_DISPATCHER_BEAN_NAME, RtmPushDispatcher.class), 0);
        }

        @Bean(RtmKafkaRelayAutoConfiguration.CONTAINER_BEAN_NAME)
        KafkaMessageListenerContainer<byte[], byte[]> ownContainer(RtmRelayMessageListener listener) {
            ContainerProperties properties = new ContainerProperties("own");
            properties.setMessageListener(listener);
            properties.setGroupId("own");
            KafkaMessageListenerContainer<byte[], byte[]> container = new KafkaMessageListenerContainer<>(
                    new DefaultKafkaConsumerFactory<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:1"),
                            new ByteArrayDeserializer(), new ByteArrayDeserializer()), properties);
            container.setAutoStartup(false);
            return container;
        }
    }

    /** The JDBC lock registry's parts, the application's. */
    @Configuration(proxyBeanMethods = false)
    static class OwnLockRepository {

        @Bean
        LockRepository ownLockRepository(DataSource dataSource) {
            DefaultLockRepository repository = new DefaultLockRepository(dataSource);
            repository.setTransactionManager(new DataSourceTransactionManager(dataSource));
            repository.setCheckDatabaseOnStart(false);
            return repository;
        }

        @Bean
        DataSourceScriptDatabaseInitializer rtmLockSchemaInitializer(DataSource dataSource) {
            return new DataSourceScriptDatabaseInitializer(dataSource, new DatabaseInitializationSettings());
        }
    }
}
