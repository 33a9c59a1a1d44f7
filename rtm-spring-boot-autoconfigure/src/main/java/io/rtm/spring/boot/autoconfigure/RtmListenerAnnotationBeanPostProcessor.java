package io.rtm.spring.boot.autoconfigure;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.rtm.client.RtmPushType;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.StringUtils;

/**
 * Finds {@link RtmListener} methods on beans, resolves the placeholders in their
 * attributes and registers them with the {@link RtmListenerEndpointRegistry}.
 * Starts nothing.
 */
final class RtmListenerAnnotationBeanPostProcessor implements BeanPostProcessor, BeanFactoryAware {

    private final Set<Class<?>> classesWithoutListeners = ConcurrentHashMap.newKeySet();

    private @Nullable ConfigurableBeanFactory beanFactory;

    private @Nullable RtmListenerEndpointRegistry registry;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        if (beanFactory instanceof ConfigurableBeanFactory configurable) {
            this.beanFactory = configurable;
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) throws BeansException {
        if (bean instanceof AopInfrastructureBean || bean instanceof RtmListenerEndpointRegistry) {
            return bean;
        }
        Class<?> targetClass = AopUtils.getTargetClass(bean);
        if (this.classesWithoutListeners.contains(targetClass)) {
            return bean;
        }
        Map<Method, RtmListener> listeners = MethodIntrospector.selectMethods(targetClass,
                (MethodIntrospector.MetadataLookup<RtmListener>) method -> AnnotatedElementUtils
                    .findMergedAnnotation(method, RtmListener.class));
        if (listeners.isEmpty()) {
            this.classesWithoutListeners.add(targetClass);
            return bean;
        }
        listeners.forEach((method, listener) -> register(bean, beanName, method, listener));
        return bean;
    }

    private void register(Object bean, String beanName, Method method, RtmListener listener) {
        // a JDK proxy only exposes interface methods: call the one the proxy offers
        Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
        String id = beanName + "." + method.getName() + "("
                + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(","))
                + ")";
        Set<RtmPushType> types = listener.value().length == 0 ? EnumSet.noneOf(RtmPushType.class)
                : EnumSet.copyOf(Arrays.asList(listener.value()));
        registry().register(id, bean, invocable, types, ids(listener.groups(), "groups", method),
                ids(listener.rooms(), "rooms", method), ids(listener.users(), "users", method),
                names(listener.events()));
    }

    private Set<Long> ids(String[] values, String attribute, Method method) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String value : values) {
            for (String part : split(resolve(value))) {
                try {
                    ids.add(Long.parseLong(part));
                } catch (NumberFormatException ex) {
                    throw new IllegalStateException("Invalid @RtmListener method " + ListenerMethods.describe(method)
                            + ": " + attribute + " value '" + value + "' resolves to '" + part
                            + "', which is not a number; give ids as numbers or as placeholders of numbers "
                            + "(several separated by commas)");
                }
            }
        }
        return ids;
    }

    private Set<String> names(String[] values) {
        Set<String> names = new LinkedHashSet<>();
        for (String value : values) {
            names.addAll(split(resolve(value)));
        }
        return names;
    }

    private String resolve(String value) {
        String resolved = (this.beanFactory != null) ? this.beanFactory.resolveEmbeddedValue(value) : value;
        return (resolved != null) ? resolved : "";
    }

    private static Set<String> split(String value) {
        Set<String> parts = new LinkedHashSet<>();
        for (String part : StringUtils.commaDelimitedListToStringArray(value)) {
            if (!part.isBlank()) {
                parts.add(part.strip());
            }
        }
        return parts;
    }

    private RtmListenerEndpointRegistry registry() {
        if (this.registry == null) {
            if (this.beanFactory == null) {
                throw new IllegalStateException("@RtmListener methods need a bean factory to register with");
            }
            this.registry = this.beanFactory.getBean(RtmListenerEndpointRegistry.class);
        }
        return this.registry;
    }
}
