package io.rtm.spring.boot.test;

import java.util.List;

import io.rtm.test.EmbeddedRtmServer;

import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Gives a Spring test context annotated with {@link EmbeddedRtmServer} its own
 * embedded gateway; registered in {@code META-INF/spring.factories}.
 */
final class EmbeddedRtmServerContextCustomizerFactory implements ContextCustomizerFactory {

    @Override
    public ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        EmbeddedRtmServer annotation = TestContextAnnotationUtils.findMergedAnnotation(testClass,
                EmbeddedRtmServer.class);
        return (annotation != null) ? new EmbeddedRtmServerContextCustomizer(annotation.port(),
                annotation.projectId(), annotation.secretKey()) : null;
    }
}
