package io.rtm.spring.boot.autoconfigure.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.rtm.client.RtmServerClient;
import io.rtm.spring.boot.autoconfigure.RtmAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.cluster.RtmClusterAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.cluster.RtmClusterMember;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Micrometer meters of the auto-configured client ({@link RtmClientMetrics}) and
 * the gauge {@code rtm.dispatch.queue}, when the application has a
 * {@link MeterRegistry}; in a cluster also the gauge {@code rtm.cluster.leader}.
 * Listener timings come from
 * {@link io.rtm.spring.boot.autoconfigure.observation.RtmObservationAutoConfiguration}.
 */
@AutoConfiguration(after = { RtmAutoConfiguration.class, RtmClusterAutoConfiguration.class },
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

    @Bean
    @ConditionalOnBean(RtmClusterMember.class)
    @ConditionalOnMissingBean(name = "rtmClusterMetrics")
    MeterBinder rtmClusterMetrics(RtmClusterMember member) {
        return (registry) -> Gauge.builder("rtm.cluster.leader", member, (m) -> m.isLeader() ? 1 : 0)
            .description("Whether this instance leads its RTM cluster and listens (1) or stands by (0)")
            .register(registry);
    }
}
