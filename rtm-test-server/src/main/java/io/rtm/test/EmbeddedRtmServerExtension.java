package io.rtm.test;

import org.junit.jupiter.api.extension.ExtensionConfigurationException;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.util.List;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The JUnit Jupiter side of {@link EmbeddedRtmServer}: resolves
 * {@link RtmTestServer} parameters. When an {@link EmbeddedRtmServerResolver}
 * manages the test (in a Spring test, the one of {@code rtm-spring-boot-test}
 * hands out the gateway of the test's application context, the one the
 * application is connected to), its gateway is used; otherwise the extension
 * starts one gateway per annotated class on first use and keeps it in the
 * class's {@link ExtensionContext.Store}, which closes it when the class is
 * done. Nested classes share the gateway of the enclosing class.
 */
public final class EmbeddedRtmServerExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(EmbeddedRtmServerExtension.class);

    private static final List<EmbeddedRtmServerResolver> RESOLVERS = ServiceLoader
            .load(EmbeddedRtmServerResolver.class, EmbeddedRtmServerExtension.class.getClassLoader())
            .stream().map(ServiceLoader.Provider::get).toList();

    @Override
    public boolean supportsParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        return parameterContext.getParameter().getType() == RtmTestServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameterContext, ExtensionContext extensionContext) {
        for (EmbeddedRtmServerResolver resolver : RESOLVERS) {
            Optional<RtmTestServer> managed = resolver.serverFor(extensionContext);
            if (managed.isPresent()) {
                return managed.get();
            }
        }
        return server(extensionContext);
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
