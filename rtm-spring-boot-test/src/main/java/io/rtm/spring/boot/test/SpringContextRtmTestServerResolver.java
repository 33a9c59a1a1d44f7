package io.rtm.spring.boot.test;

import java.util.Arrays;
import java.util.Optional;

import io.rtm.test.EmbeddedRtmServerResolver;
import io.rtm.test.RtmTestServer;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.platform.commons.support.AnnotationSupport;

import org.springframework.test.context.junit.jupiter.SpringExtension;

/**
 * Hands a Spring test the gateway that {@link EmbeddedRtmServerContextCustomizer}
 * started for its application context, the one the application is connected
 * to; registered as a {@link java.util.ServiceLoader} provider.
 */
public final class SpringContextRtmTestServerResolver implements EmbeddedRtmServerResolver {

    @Override
    public Optional<RtmTestServer> serverFor(ExtensionContext context) {
        if (!isSpringTest(context.getRequiredTestClass())) {
            return Optional.empty();
        }
        return Optional.of(SpringExtension.getApplicationContext(context).getBean(RtmTestServer.class));
    }

    /** Whether the Spring TestContext framework runs the class (for example under {@code @SpringBootTest}). */
    private static boolean isSpringTest(Class<?> testClass) {
        return AnnotationSupport.findRepeatableAnnotations(testClass, ExtendWith.class)
            .stream()
            .flatMap((extendWith) -> Arrays.stream(extendWith.value()))
            .anyMatch(SpringExtension.class::equals);
    }
}
