package io.rtm.spring.boot.test;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Looks up the gateway that {@link EmbeddedRtmServerContextCustomizer} put in a
 * Spring test's application context; only loaded when spring-test is present.
 */
final class SpringTestServers {

    private SpringTestServers() {
    }

    static RtmTestServer serverOf(ExtensionContext context) {
        return SpringExtension.getApplicationContext(context).getBean(RtmTestServer.class);
    }
}
