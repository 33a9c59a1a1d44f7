package io.rtm.spring;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.AfterEach;

import org.springframework.context.annotation.AnnotationConfigApplicationContext;

/** Tests of plain Spring contexts whose client talks to an embedded gateway of each test's own. */
abstract class EmbeddedGatewayTests {

    static final Duration WAIT = Duration.ofSeconds(10);

    final RtmTestServer gateway = RtmTestServer.builder().build().start();

    @AfterEach
    void stopGateway() {
        this.gateway.close();
    }

    /** A started context of {@link TestContexts.Client} and the configurations, with these properties too. */
    AnnotationConfigApplicationContext start(Map<String, Object> properties, Class<?>... configurations) {
        Class<?>[] classes = new Class<?>[configurations.length + 1];
        classes[0] = TestContexts.Client.class;
        System.arraycopy(configurations, 0, classes, 1, configurations.length);
        return TestContexts.start(properties(properties), classes);
    }

    /** The properties with those that point {@link TestContexts.Client} at the gateway. */
    Map<String, Object> properties(Map<String, Object> properties) {
        Map<String, Object> all = new HashMap<>(properties);
        all.put("gateway.endpoint", this.gateway.endpoint());
        all.put("gateway.project-id", this.gateway.projectId());
        all.put("gateway.secret-key", this.gateway.secretKey());
        return all;
    }
}
