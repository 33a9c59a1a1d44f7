package io.rtm.spring.boot.test;

import io.rtm.spring.boot.autoconfigure.RtmConnectionDetails;
import io.rtm.test.RtmTestServer;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.DefaultSingletonBeanRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.MergedContextConfiguration;

/**
 * Starts an {@link RtmTestServer} for a test context and registers it, with
 * {@link RtmConnectionDetails} pointing at it, as beans; the server closes with
 * the context. Equal configurations are equal customizers, so Spring's test
 * context cache shares one context, and one server, between test classes.
 */
final class EmbeddedRtmServerContextCustomizer implements ContextCustomizer {

    /** The name of the {@link RtmTestServer} bean. */
    static final String SERVER_BEAN_NAME = "rtmTestServer";

    private final int port;

    private final long projectId;

    private final String secretKey;

    EmbeddedRtmServerContextCustomizer(int port, long projectId, String secretKey) {
        this.port = port;
        this.projectId = projectId;
        this.secretKey = secretKey;
    }

    @Override
    public void customizeContext(ConfigurableApplicationContext context, MergedContextConfiguration mergedConfig) {
        RtmTestServer server = RtmTestServer.builder()
            .port(this.port)
            .projectId(this.projectId)
            .secretKey(this.secretKey)
            .build()
            .start();
        ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
        beanFactory.registerSingleton(SERVER_BEAN_NAME, server);
        beanFactory.registerSingleton("rtmTestServerConnectionDetails", new TestServerConnectionDetails(server));
        if (beanFactory instanceof DefaultSingletonBeanRegistry registry) {
            // singletons registered by hand are not destroyed unless asked; the client stops before this runs
            registry.registerDisposableBean(SERVER_BEAN_NAME, server::close);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof EmbeddedRtmServerContextCustomizer that && this.port == that.port
                && this.projectId == that.projectId && this.secretKey.equals(that.secretKey);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Integer.hashCode(this.port) + Long.hashCode(this.projectId)) + this.secretKey.hashCode();
    }

    /** Connection details of a started {@link RtmTestServer}. */
    private record TestServerConnectionDetails(RtmTestServer server) implements RtmConnectionDetails {

        @Override
        public String host() {
            return this.server.host();
        }

        @Override
        public int port() {
            return this.server.port();
        }

        @Override
        public long projectId() {
            return this.server.projectId();
        }

        @Override
        public String secretKey() {
            return this.server.secretKey();
        }

        @Override
        public String toString() {
            return "RtmTestServer connection details{endpoint=" + this.server.endpoint() + "}";
        }
    }
}
