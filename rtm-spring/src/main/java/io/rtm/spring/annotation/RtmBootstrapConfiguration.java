package io.rtm.spring.annotation;

import io.rtm.client.ListenState;
import io.rtm.client.RtmServerClient;
import io.rtm.client.RtmServerPushMonitor;
import io.rtm.spring.config.RtmListenerConfigUtils;
import io.rtm.spring.config.RtmListenerEndpointRegistry;
import io.rtm.spring.listener.DefaultRtmListenerErrorHandler;
import io.rtm.spring.listener.LoggingRtmListenerRecoverer;
import io.rtm.spring.listener.RtmConnectionLifecycle;
import io.rtm.spring.listener.RtmListenerErrorHandler;
import io.rtm.spring.listener.RtmListenerInterceptor;
import io.rtm.spring.listener.RtmListenerRecoverer;
import io.rtm.spring.listener.RtmPushDispatcher;
import io.rtm.spring.listener.RtmPushRelay;
import io.rtm.spring.listener.RtmStartupOptions;
import io.rtm.spring.listener.adapter.JacksonRtmPayloadConverter;
import io.rtm.spring.listener.adapter.RtmHandlerMethodFactory;
import io.rtm.spring.listener.adapter.RtmPayloadConverter;
import org.jspecify.annotations.Nullable;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.support.AbstractBeanDefinition;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.ImportBeanDefinitionRegistrar;
import org.springframework.core.type.AnnotationMetadata;
import org.springframework.util.ClassUtils;

/**
 * What {@link EnableRtm @EnableRtm} imports: registers each infrastructure bean under its name in
 * {@link RtmListenerConfigUtils} unless a bean of that name exists already, made by the static factory
 * methods below. Collaborators are found by those names, optional beans through providers.
 */
final class RtmBootstrapConfiguration implements ImportBeanDefinitionRegistrar {

    private static final String JSON_MAPPER = "tools.jackson.databind.json.JsonMapper";

    @Override
    public void registerBeanDefinitions(AnnotationMetadata importingClassMetadata, BeanDefinitionRegistry registry) {
        register(registry, RtmListenerConfigUtils.RTM_LISTENER_ANNOTATION_PROCESSOR_BEAN_NAME, "annotationProcessor");
        register(registry, RtmListenerConfigUtils.RTM_LISTENER_ENDPOINT_REGISTRY_BEAN_NAME, "endpointRegistry");
        register(registry, RtmListenerConfigUtils.RTM_PUSH_DISPATCHER_BEAN_NAME, "pushDispatcher");
        register(registry, RtmListenerConfigUtils.RTM_CONNECTION_LIFECYCLE_BEAN_NAME, "connectionLifecycle");
    }

    private static void register(BeanDefinitionRegistry registry, String name, String factoryMethod) {
        if (!registry.containsBeanDefinition(name)) {
            RootBeanDefinition definition = new RootBeanDefinition(RtmBootstrapConfiguration.class);
            definition.setFactoryMethodName(factoryMethod);
            definition.setAutowireMode(AbstractBeanDefinition.AUTOWIRE_CONSTRUCTOR);
            definition.setRole(BeanDefinition.ROLE_INFRASTRUCTURE);
            registry.registerBeanDefinition(name, definition);
        }
    }

    static RtmListenerAnnotationBeanPostProcessor annotationProcessor() {
        return new RtmListenerAnnotationBeanPostProcessor();
    }

    static RtmListenerEndpointRegistry endpointRegistry() {
        return new RtmListenerEndpointRegistry();
    }

    static RtmPushDispatcher pushDispatcher(BeanFactory beanFactory, ApplicationEventPublisher publisher,
            ObjectProvider<RtmListenerErrorHandler> errorHandler, ObjectProvider<RtmListenerRecoverer> recoverer,
            ObjectProvider<RtmPayloadConverter> payloadConverter, ObjectProvider<RtmListenerInterceptor> interceptors,
            ObjectProvider<RtmServerPushMonitor> monitors, ObjectProvider<RtmPushRelay> relay) {
        @Nullable RtmPayloadConverter converter = payloadConverter.getIfAvailable(() -> jacksonIfPresent(beanFactory));
        return new RtmPushDispatcher(registry(beanFactory), new RtmHandlerMethodFactory(converter),
                errorHandler.getIfAvailable(() -> new DefaultRtmListenerErrorHandler(
                        recoverer.getIfAvailable(LoggingRtmListenerRecoverer::new))),
                interceptors.orderedStream().toList(), monitors.orderedStream().toList(), publisher,
                relay.getIfAvailable());
    }

    static RtmConnectionLifecycle connectionLifecycle(BeanFactory beanFactory, RtmServerClient client,
            ObjectProvider<ListenState> declaredListens, ObjectProvider<RtmStartupOptions> startup) {
        return new RtmConnectionLifecycle(client,
                beanFactory.getBean(RtmListenerConfigUtils.RTM_PUSH_DISPATCHER_BEAN_NAME, RtmPushDispatcher.class),
                registry(beanFactory), declaredListens.orderedStream().toList(),
                startup.getIfAvailable(() -> RtmStartupOptions.DEFAULT));
    }

    private static RtmListenerEndpointRegistry registry(BeanFactory beanFactory) {
        return beanFactory.getBean(RtmListenerConfigUtils.RTM_LISTENER_ENDPOINT_REGISTRY_BEAN_NAME,
                RtmListenerEndpointRegistry.class);
    }

    /** Jackson's converter when Jackson is on the context's class path, with its shared mapper. */
    private static @Nullable RtmPayloadConverter jacksonIfPresent(BeanFactory beanFactory) {
        @Nullable ClassLoader classLoader = (beanFactory instanceof ConfigurableBeanFactory configurable)
                ? configurable.getBeanClassLoader() : null;
        return ClassUtils.isPresent(JSON_MAPPER, classLoader) ? Jackson.converter() : null;
    }

    /** Loaded only when Jackson is present. */
    private static final class Jackson {

        static RtmPayloadConverter converter() {
            return new JacksonRtmPayloadConverter(JsonMapper.shared());
        }
    }
}
