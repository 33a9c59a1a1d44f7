package io.rtm.spring.boot.autoconfigure.observation;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.rtm.client.RtmServerClient;
import io.rtm.spring.boot.autoconfigure.RtmAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.metrics.RtmMetricsAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * An {@link ObservationRtmListenerInterceptor} around every listener call. It
 * uses the application's {@link ObservationRegistry} (tracing, and the
 * {@code rtm.listener} timer through Spring Boot's meter handler); an
 * application with a {@link MeterRegistry} but no observation registry gets
 * one of its own that only times the calls.
 */
@AutoConfiguration(after = { RtmAutoConfiguration.class, RtmMetricsAutoConfiguration.class },
        afterName = { "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ RtmServerClient.class, ObservationRegistry.class })
@ConditionalOnBean(RtmServerClient.class)
public final class RtmObservationAutoConfiguration {

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(ObservationRegistry.class)
    static class ApplicationObservationConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ObservationRtmListenerInterceptor rtmListenerObservationInterceptor(ObservationRegistry registry) {
            return new ObservationRtmListenerInterceptor(registry);
        }
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnClass(MeterRegistry.class)
    @ConditionalOnMissingBean(ObservationRegistry.class)
    @ConditionalOnBean(MeterRegistry.class)
    static class MeterOnlyObservationConfiguration {

        @Bean
        @ConditionalOnMissingBean
        ObservationRtmListenerInterceptor rtmListenerObservationInterceptor(MeterRegistry meterRegistry) {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(meterRegistry));
            return new ObservationRtmListenerInterceptor(registry);
        }
    }
}
