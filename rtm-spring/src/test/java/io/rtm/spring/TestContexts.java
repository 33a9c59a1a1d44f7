package io.rtm.spring;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;

import io.rtm.client.ReconnectPolicy;
import io.rtm.client.RtmServerClient;
import io.rtm.spring.annotation.EnableRtm;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.env.MapPropertySource;

/** Plain Spring application contexts for the tests, with {@code @EnableRtm} and a client bean. */
final class TestContexts {

    private TestContexts() {
    }

    /** A refreshed (started) context of the configurations, with the properties in its environment. */
    static AnnotationConfigApplicationContext start(Map<String, Object> properties, Class<?>... configurations) {
        AnnotationConfigApplicationContext context = new AnnotationConfigApplicationContext();
        // as in Spring Boot: a second definition of a bean name fails instead of replacing the first
        context.setAllowBeanDefinitionOverriding(false);
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("test", properties));
        context.register(configurations);
        context.refresh();
        return context;
    }

    /** A loopback port picked at run time that nothing listens on. */
    static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * {@code @EnableRtm} with a client for the gateway in {@code gateway.endpoint}, {@code gateway.project-id}
     * and {@code gateway.secret-key}; it does not reconnect.
     */
    @Configuration(proxyBeanMethods = false)
    @EnableRtm
    static class Client {

        @Bean
        RtmServerClient rtmServerClient(Environment environment) {
            return RtmServerClient.builder()
                .endpoint(environment.getRequiredProperty("gateway.endpoint"))
                .projectId(environment.getRequiredProperty("gateway.project-id", Long.class))
                .secretKey(environment.getRequiredProperty("gateway.secret-key"))
                .connectTimeout(Duration.ofSeconds(5))
                .reconnect(ReconnectPolicy.DISABLED)
                .build();
        }
    }
}
