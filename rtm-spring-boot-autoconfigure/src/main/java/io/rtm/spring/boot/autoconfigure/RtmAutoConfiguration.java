package io.rtm.spring.boot.autoconfigure;

import io.rtm.client.RtmClientObserver;
import io.rtm.client.RtmServerClient;
import io.rtm.client.RtmServerPushMonitor;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@link RtmServerClient}: built from
 * {@link RtmConnectionDetails} and {@link RtmProperties}, connected when the
 * context starts, delivering pushes to {@link RtmListener} methods and
 * {@link RtmServerPushMonitor} beans. {@link RtmClientObserver} beans observe the
 * client and {@link RtmListenerInterceptor} beans wrap listener calls (health
 * and metrics plug in there). Every bean backs off when the application
 * defines its own.
 */
@AutoConfiguration
@ConditionalOnClass(RtmServerClient.class)
@ConditionalOnBooleanProperty(name = "rtm.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RtmProperties.class)
public final class RtmAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(RtmConnectionDetails.class)
    PropertiesRtmConnectionDetails rtmConnectionDetails(RtmProperties properties) {
        return new PropertiesRtmConnectionDetails(properties);
    }

    // closed by RtmConnectionLifecycle; the inferred destroy call (close) is then a no-op
    @Bean
    @ConditionalOnMissingBean
    RtmServerClient rtmServerClient(RtmConnectionDetails connectionDetails, RtmProperties properties,
            ObjectProvider<RtmClientObserver> observers, ObjectProvider<RtmClientCustomizer> customizers) {
        RtmServerClient.Builder builder = RtmServerClient.builder()
            .endpoint(connectionDetails.endpoint())
            .projectId(connectionDetails.projectId())
            .secretKey(connectionDetails.secretKey());
        RtmClientSettings.apply(properties, builder);
        // health and metrics observe the client through RtmClientObserver beans; a customizer may still replace them
        builder.observer(CompositeRtmClientObserver.of(observers.orderedStream().toList()));
        customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
        return builder.build();
    }

    @Bean
    @ConditionalOnMissingBean
    static RtmListenerAnnotationBeanPostProcessor rtmListenerAnnotationBeanPostProcessor() {
        return new RtmListenerAnnotationBeanPostProcessor();
    }

    @Bean
    @ConditionalOnMissingBean
    RtmListenerEndpointRegistry rtmListenerEndpointRegistry(ObjectProvider<RtmPayloadConverter> payloadConverter) {
        return new RtmListenerEndpointRegistry(payloadConverter.getIfAvailable());
    }

    @Bean
    @ConditionalOnMissingBean
    RtmListenerErrorHandler rtmListenerErrorHandler() {
        return new LoggingRtmListenerErrorHandler();
    }

    @Bean
    @ConditionalOnMissingBean
    RtmPushMonitorAdapter rtmPushMonitorAdapter(RtmListenerEndpointRegistry registry,
            ObjectProvider<RtmServerPushMonitor> monitors, RtmListenerErrorHandler errorHandler,
            ApplicationEventPublisher publisher, ObjectProvider<RtmListenerInterceptor> interceptors) {
        return new RtmPushMonitorAdapter(registry, monitors, errorHandler, publisher,
                interceptors.orderedStream().toList());
    }

    @Bean
    @ConditionalOnMissingBean
    RtmConnectionLifecycle rtmConnectionLifecycle(RtmServerClient client, RtmPushMonitorAdapter adapter,
            RtmListenerEndpointRegistry registry, RtmProperties properties) {
        return new RtmConnectionLifecycle(client, adapter, registry, properties);
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(JsonMapper.class)
    static class JacksonPayloadConfiguration {

        @Bean
        @ConditionalOnMissingBean
        RtmPayloadConverter rtmPayloadConverter(ObjectProvider<JsonMapper> jsonMapper) {
            return new JacksonRtmPayloadConverter(jsonMapper.getIfAvailable(JsonMapper::shared));
        }
    }
}
