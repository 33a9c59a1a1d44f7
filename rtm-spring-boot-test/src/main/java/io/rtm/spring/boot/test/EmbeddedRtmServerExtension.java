package io.rtm.spring.boot.test;

import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.Arrays;
import java.util.Optional;

/**
 * The JUnit Jupiter side of {@link EmbeddedRtmServer}: resolves
 * {@link RtmTestServer} parameters. In a Spring test it hands out the gateway
 * of the test's application context (the one the application is connected
 * to); otherwise it starts one gateway per annotated class on first use and
 * keeps it in the class's {@link ExtensionContext.Store}, which closes it when
 * the class is done. Nested classes share the gateway of the enclosing class.
 */
public final class EmbeddedRtmServerExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmbeddedRtmServerExtension.class);

    private static final String SPRING_EXTENSION = "org.springframework.test.context.junit.jupiter.SpringExtension";

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == RtmTestServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        if (isSpringTest(extensionContext)) {
            return SpringTestServers.serverOf(extensionContext);
        }
        return server(extensionContext);
    }

    /** Whether the Spring TestContext framework runs this test (for example under {@code @SpringBootTest}). */
    private static boolean isSpringTest(ExtensionContext context) {
        Class<?> testClass = context.getRequiredTestClass();
        return AnnotationSupport.findRepeatableAnnotations(testClass, ExtendWith.class).stream()
                .flatMap(extendWith -> Arrays.stream(extendWith.value()))
                .anyMatch(extension -> extension.getName().equals(SPRING_EXTENSION));
    }

    /** The gateway of the outermost class context that carries the annotation, started on first use. */
    private static RtmTestServer server(ExtensionContext context) {
        ExtensionContext owner = owner(context);
        EmbeddedRtmServer settings = AnnotationSupport
                .findAnnotation(owner.getRequiredTestClass(), EmbeddedRtmServer.class)
                .orElseThrow(() -> new ExtensionConfigurationException("no @EmbeddedRtmServer on "
                        + owner.getRequiredTestClass().getName()));
        return owner.getStore(NAMESPACE).computeIfAbsent(RtmTestServer.class, key -> RtmTestServer.builder()
                .port(settings.port())
                .projectId(settings.projectId())
                .secretKey(settings.secretKey())
                .build()
                .start(), RtmTestServer.class);
    }

    private static ExtensionContext owner(ExtensionContext context) {
        ExtensionContext owner = null;
        for (Optional<ExtensionContext> current = Optional.of(context); current.isPresent();
                current = current.get().getParent()) {
            ExtensionContext candidate = current.get();
            boolean classLevel = candidate.getTestClass().isPresent() && candidate.getTestMethod().isEmpty();
            if (classLevel && AnnotationSupport.isAnnotated(candidate.getRequiredTestClass(), EmbeddedRtmServer.class)) {
                owner = candidate;
            }
        }
        if (owner == null) {
            throw new ExtensionConfigurationException("RtmTestServer requested outside a class annotated with"
                    + " @EmbeddedRtmServer: " + context.getUniqueId());
        }
        return owner;
    }
}
