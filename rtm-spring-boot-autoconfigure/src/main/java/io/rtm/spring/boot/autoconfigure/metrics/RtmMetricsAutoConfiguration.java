package io.rtm.spring.boot.autoconfigure.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.rtm.client.RtmServerClient;
import io.rtm.spring.boot.autoconfigure.RtmAutoConfiguration;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters of the auto-configured client ({@link RtmClientMetrics}) and
 * the gauge {@code rtm.dispatch.queue}, when the application has a
 * {@link MeterRegistry}. Listener timings come from
 * {@link RtmObservationAutoConfiguration}.
 */
@AutoConfiguration(after = RtmAutoConfiguration.class,
        afterName = { "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
                "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration" })
@ConditionalOnClass({ RtmServerClient.class, MeterRegistry.class })
@ConditionalOnBean({ RtmServerClient.class, MeterRegistry.class })
public final class RtmMetricsAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    RtmClientMetrics rtmClientMetrics(MeterRegistry registry) {
        return new RtmClientMetrics(registry);
    }

    // a binder, not part of RtmClientMetrics: the client needs the metrics observer before it exists
    @Bean
    @ConditionalOnMissingBean(name = "rtmDispatchQueueMetrics")
    MeterBinder rtmDispatchQueueMetrics(RtmServerClient client) {
        return (registry) -> Gauge.builder("rtm.dispatch.queue", client, RtmServerClient::dispatchQueueDepth)
            .description("Pushes received and waiting for the listeners")
            .baseUnit("pushes")
            .register(registry);
    }
}
