package io.rtm.spring.boot.autoconfigure.health;

import io.rtm.client.RtmServerClient;
import io.rtm.spring.boot.autoconfigure.RtmAutoConfiguration;
import io.rtm.spring.boot.autoconfigure.cluster.RtmClusterMember;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Health indicator {@code rtm} for the auto-configured client, when Spring
 * Boot's health support is on the class path. Turned off with
 * {@code management.health.rtm.enabled=false}.
 */
@AutoConfiguration(after = RtmAutoConfiguration.class)
@ConditionalOnClass({ RtmServerClient.class, HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(RtmServerClient.class)
public final class RtmHealthContributorAutoConfiguration {

    // nested: its condition class is only loaded once the class check above has passed
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnEnabledHealthIndicator("rtm")
    static class RtmHealthIndicatorConfiguration {

        @Bean
        @ConditionalOnMissingBean
        RtmConnectionActivity rtmConnectionActivity() {
            return new RtmConnectionActivity();
        }

        @Bean
        @ConditionalOnMissingBean(name = { "rtmHealthIndicator", "rtmHealthContributor" })
        RtmHealthIndicator rtmHealthIndicator(RtmServerClient client, RtmConnectionActivity activity,
                ObjectProvider<RtmClusterMember> cluster) {
            return new RtmHealthIndicator(client, activity, cluster.getIfAvailable());
        }
    }
}
