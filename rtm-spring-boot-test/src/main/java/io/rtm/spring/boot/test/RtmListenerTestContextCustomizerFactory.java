package io.rtm.spring.boot.test;

import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.test.context.ContextConfigurationAttributes;
import org.springframework.test.context.ContextCustomizer;
import org.springframework.test.context.ContextCustomizerFactory;
import org.springframework.test.context.MergedContextConfiguration;
import org.springframework.test.context.TestContextAnnotationUtils;

/**
 * Registers an {@link RtmListenerTestHarness} in a Spring test context annotated with
 * {@link RtmListenerTest}; registered in {@code META-INF/spring.factories}.
 */
final class RtmListenerTestContextCustomizerFactory implements ContextCustomizerFactory {

    /** The name of the {@link RtmListenerTestHarness} bean. */
    static final String HARNESS_BEAN_NAME = "rtmListenerTestHarness";

    @Override
    public @Nullable ContextCustomizer createContextCustomizer(Class<?> testClass,
            List<ContextConfigurationAttributes> configAttributes) {
        return TestContextAnnotationUtils.hasAnnotation(testClass, RtmListenerTest.class) ? new HarnessCustomizer()
                : null;
    }

    /** All equal: a context with the harness is shared by the test classes that otherwise share it. */
    private static final class HarnessCustomizer implements ContextCustomizer {

        @Override
        public void customizeContext(ConfigurableApplicationContext context,
                MergedContextConfiguration mergedConfig) {
            ConfigurableListableBeanFactory beanFactory = context.getBeanFactory();
            beanFactory.registerSingleton(HARNESS_BEAN_NAME, new RtmListenerTestHarness());
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof HarnessCustomizer;
        }

        @Override
        public int hashCode() {
            return HarnessCustomizer.class.hashCode();
        }
    }
}
