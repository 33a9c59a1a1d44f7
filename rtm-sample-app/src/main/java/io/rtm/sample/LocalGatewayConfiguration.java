package io.rtm.sample;

import io.rtm.spring.boot.autoconfigure.RtmConnectionDetails;
import io.rtm.test.RtmTestServer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * When no {@code rtm.endpoint} is configured, the sample runs an embedded RTM
 * gateway on a free local port and points the starter at it through an
 * {@link RtmConnectionDetails} bean; {@link TrafficConfiguration} drives
 * traffic through it.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(LocalGatewayConfiguration.NoEndpointConfigured.class)
class LocalGatewayConfiguration {

    @Bean(destroyMethod = "close")
    RtmTestServer localGateway() {
        return RtmTestServer.builder().build().start();
    }

    @Bean
    RtmConnectionDetails localGatewayConnectionDetails(RtmTestServer localGateway) {
        return new LocalGatewayConnectionDetails(localGateway.host(), localGateway.port(), localGateway.projectId(),
                localGateway.secretKey());
    }

    /** Matches when {@code rtm.endpoint} is not set. */
    static final class NoEndpointConfigured implements Condition {

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return !context.getEnvironment().containsProperty("rtm.endpoint");
        }
    }

    private record LocalGatewayConnectionDetails(String host, int port, long projectId, String secretKey)
            implements RtmConnectionDetails {

        @Override
        public String toString() {
            return "LocalGatewayConnectionDetails{" + host + ":" + port + ", projectId=" + projectId + "}";
        }
    }
}
