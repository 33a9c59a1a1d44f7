package io.rtm.spring.boot.autoconfigure;

import io.rtm.client.ListenState;
import io.rtm.client.RtmClientObserver;
import io.rtm.client.RtmServerClient;
import io.rtm.spring.annotation.EnableRtm;
import io.rtm.spring.config.RtmListenerConfigUtils;
import io.rtm.spring.listener.DefaultRtmListenerErrorHandler;
import io.rtm.spring.listener.LoggingRtmListenerRecoverer;
import io.rtm.spring.listener.RtmListenerErrorHandler;
import io.rtm.spring.listener.RtmListenerRecoverer;
import io.rtm.spring.listener.RtmStartupOptions;
import io.rtm.spring.listener.adapter.JacksonRtmPayloadConverter;
import io.rtm.spring.listener.adapter.RtmPayloadConverter;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of the {@link RtmServerClient}: built from {@link RtmConnectionDetails} and
 * {@link RtmProperties}, its listen set declared from {@code rtm.listen.*}, and {@link EnableRtm @EnableRtm}
 * imported unless the application uses it itself, which connects the client when the context starts and
 * delivers pushes to {@code @RtmListener} methods. {@link RtmClientObserver} beans observe the client
 * (health and metrics plug in there). Every bean backs off when the application defines its own.
 */
@AutoConfiguration
@ConditionalOnClass({ RtmServerClient.class, EnableRtm.class })
@ConditionalOnBooleanProperty(name = "rtm.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RtmProperties.class)
public final class RtmAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean(RtmConnectionDetails.class)
    RtmConnectionDetails rtmConnectionDetails(Environment environment) {
        return new PropertiesRtmConnectionDetails(Binder.get(environment));
    }

    // connected and disconnected by RtmConnectionLifecycle; closed for good by the inferred destroy call (close)
    @Bean
    @ConditionalOnMissingBean
    RtmServerClient rtmServerClient(RtmConnectionDetails connectionDetails, RtmProperties properties,
            Environment environment, ObjectProvider<RtmClientObserver> observers,
            ObjectProvider<RtmClientCustomizer> customizers) {
        RtmServerClient.Builder builder = RtmServerClient.builder()
            .endpoint(connectionDetails.endpoint())
            .projectId(connectionDetails.projectId())
            .secretKey(connectionDetails.secretKey());
        RtmClientSettings.apply(properties, Binder.get(environment), builder);
        // health and metrics observe the client through RtmClientObserver beans; a customizer may still replace them
        builder.observer(CompositeRtmClientObserver.of(observers.orderedStream().toList()));
        customizers.orderedStream().forEach((customizer) -> customizer.customize(builder));
        return builder.build();
    }

    /** {@code rtm.listen.*}: listened to besides the ids named on listener methods. */
    @Bean
    @ConditionalOnMissingBean(name = "rtmListenProperties")
    ListenState rtmListenProperties(RtmProperties properties) {
        RtmProperties.Listen listen = properties.getListen();
        return new ListenState(listen.getGroups(), listen.getRooms(), listen.getUsers(), listen.getEvents(),
                listen.isAllP2p(), listen.isAllGroups(), listen.isAllRooms(), listen.isAllEvents());
    }

    /** {@code rtm.startup.*}: how long the context's start waits for the gateway, and whether it fails without. */
    @Bean
    @ConditionalOnMissingBean
    RtmStartupOptions rtmStartupOptions(RtmProperties properties) {
        return RtmClientSettings.startup(properties.getStartup());
    }

    /** What becomes of a push whose listener failed for good: logged. */
    @Bean
    @ConditionalOnMissingBean
    RtmListenerRecoverer rtmListenerRecoverer() {
        return new LoggingRtmListenerRecoverer();
    }

    /**
     * {@code rtm.listener.retry.*}: calls a failed listener again, then hands the push to the recoverer. Bound on
     * its own: created with the dispatcher, before the connection details report the required properties, it
     * must not fail on them first.
     */
    @Bean
    @ConditionalOnMissingBean
    RtmListenerErrorHandler rtmListenerErrorHandler(Environment environment, RtmListenerRecoverer recoverer) {
        RtmProperties.Retry retry = Binder.get(environment)
            .bind("rtm.listener.retry", RtmProperties.Retry.class)
            .orElseGet(RtmProperties.Retry::new);
        return new DefaultRtmListenerErrorHandler(retry.toRetryPolicy(), recoverer);
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

    /** The listener infrastructure, unless the application enabled it itself. */
    @Configuration(proxyBeanMethods = false)
    @EnableRtm
    @ConditionalOnMissingBean(name = RtmListenerConfigUtils.RTM_LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME)
    static class EnableRtmConfiguration {
    }
}
