package io.rtm.spring.boot.autoconfigure;

import java.time.Duration;
import java.util.List;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import io.rtm.client.ListenState;
import io.rtm.client.ReconnectPolicy;
import io.rtm.client.RtmServerClient;
import io.rtm.spring.boot.autoconfigure.actuate.RtmSanitizingAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.health.RtmConnectionActivity;
import io.rtm.spring.boot.autoconfigure.health.RtmHealthContributorAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.health.RtmHealthIndicator;
import io.rtm.spring.boot.autoconfigure.metrics.RtmClientMetrics;
import io.rtm.spring.boot.autoconfigure.metrics.RtmMetricsAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.observation.ObservationRtmListenerInterceptor;
import io.rtm.spring.boot.autoconfigure.observation.RtmObservationAutoConfiguration;
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
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

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
            String own = context.getBeanNamesForType(OwnBeans.class)[0];
            for (Class<?> type : List.of(RtmConnectionDetails.class, RtmServerClient.class, ListenState.class,
                    RtmListenerErrorHandler.class, RtmListenerRecoverer.class, RtmPayloadConverter.class, RtmConnectionActivity.class, RtmStartupOptions.class,
                    RtmHealthIndicator.class, RtmClientMetrics.class, MeterBinder.class,
                    ObservationRtmListenerInterceptor.class, SanitizingFunction.class,
                    RtmListenerEndpointRegistry.class, RtmPushDispatcher.class, RtmConnectionLifecycle.class)) {
                assertThat(context).as(type.getSimpleName()).hasSingleBean(type);
                String name = context.getBeanNamesForType(type)[0];
                assertThat(context.getBeanFactory().getBeanDefinition(name).getFactoryBeanName())
                    .as("the bean of type %s, '%s', is made by", type.getSimpleName(), name)
                    .isEqualTo(own);
            }
            // @EnableRtm was imported and added the post-processor, the one bean not defined here
            assertThat(context).hasBean(RtmListenerConfigUtils.RTM_LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME);
        });
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
}
