package io.rtm.sample;

import io.rtm.spring.boot.autoconfigure.RtmConnectionDetails;
import io.rtm.test.RtmTestServer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Profiles;
import org.springframework.core.type.AnnotatedTypeMetadata;

import java.time.Duration;

/**
 * The {@link TrafficDriver}: on the embedded gateway, and with the {@code cluster} profile on the shared
 * gateway, where every instance plays the conversation as other RTM users would, so that the leader has
 * something to receive.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(TrafficConfiguration.LocalGatewayOrCluster.class)
class TrafficConfiguration {

    @Bean
    TrafficDriver trafficDriver(ObjectProvider<RtmTestServer> localGateway, RtmConnectionDetails gateway,
                                @Value("${sample.driver.interval:5s}") Duration interval,
                                @Value("${sample.support-uid}") long supportUid,
                                @Value("${sample.shop-group}") long shopGroup) {
        return new TrafficDriver(localGateway.getIfAvailable(), gateway, interval, supportUid, shopGroup);
    }

    /** Matches when {@code rtm.endpoint} is not set, or the {@code cluster} profile is active. */
    static final class LocalGatewayOrCluster implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !context.getEnvironment().containsProperty("rtm.endpoint")
                    || context.getEnvironment().acceptsProfiles(Profiles.of("cluster"));
        }
    }
}
