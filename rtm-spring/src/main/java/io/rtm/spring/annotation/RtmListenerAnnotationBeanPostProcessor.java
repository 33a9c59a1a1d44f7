package io.rtm.spring.annotation;

import java.lang.reflect.Method;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import io.rtm.client.RtmPushType;
import io.rtm.spring.config.InvalidRtmListenerException;
import io.rtm.spring.config.RtmListenerConfigUtils;
import io.rtm.spring.config.RtmListenerConfigurer;
import io.rtm.spring.config.RtmListenerEndpoint;
import io.rtm.spring.config.RtmListenerEndpointRegistrar;
import io.rtm.spring.config.RtmListenerEndpointRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.aop.framework.AopInfrastructureBean;
import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.beans.factory.config.ConfigurableBeanFactory;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.core.MethodIntrospector;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.util.ClassUtils;
import org.springframework.util.StringUtils;

/**
 * Finds {@link RtmListener} methods on beans, resolves the placeholders in their attributes and registers
 * them as endpoints with the {@link RtmListenerEndpointRegistry} (the bean named
 * {@link RtmListenerConfigUtils#RTM_LISTENER_ENDPOINT_REGISTRY_BEAN_NAME}). Once every singleton exists it
 * creates the lazy singletons whose class has listener methods (nothing else would ask for them) and lets the
 * {@link RtmListenerConfigurer} beans register their endpoints. Starts nothing.
 */
public final class RtmListenerAnnotationBeanPostProcessor
        implements BeanPostProcessor, BeanFactoryAware, SmartInitializingSingleton {

    /** Where a listener's {@code replyFrom} comes from when the annotation does not say. */
    private static final String REPLY_FROM_PROPERTY = "${rtm.listener.reply-from:}";

    private final Set<Class<?>> classesWithoutListeners = ConcurrentHashMap.newKeySet();

    private @Nullable ConfigurableBeanFactory beanFactory;

    private @Nullable RtmListenerEndpointRegistrar registrar;

    @Override
    public void setBeanFactory(BeanFactory beanFactory) {
        if (beanFactory instanceof ConfigurableBeanFactory configurable) {
            this.beanFactory = configurable;
        }
    }

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AopInfrastructureBean || bean instanceof RtmListenerEndpointRegistry) {
            return bean;
        }
        listeners(AopUtils.getTargetClass(bean)).forEach((method, listener) -> registrar()
            .registerEndpoint(endpoint(bean, beanName, method, listener)));
        return bean;
    }

    /**
     * Creates the lazy singletons that have listener methods, which registers them (and fails on listener beans
     * of other scopes), then lets the {@link RtmListenerConfigurer} beans register their endpoints, in order.
     */
    @Override
    public void afterSingletonsInstantiated() {
        prepareListenerBeans();
        beanFactory().getBeanProvider(RtmListenerConfigurer.class)
            .orderedStream()
            .forEach((configurer) -> configurer.configureRtmListeners(registrar()));
    }

    /**
     * A lazy bean is created only when something asks for it, and a listener bean is asked for by nothing:
     * left lazy, its methods would never be registered nor their ids listened to. A bean of another scope
     * than singleton fails: its instances come and go after the routes and the listen set are made at start.
     */
    private void prepareListenerBeans() {
        if (!(beanFactory() instanceof ConfigurableListableBeanFactory listable)) {
            return;
        }
        for (String name : listable.getBeanDefinitionNames()) {
            BeanDefinition definition = listable.getMergedBeanDefinition(name);
            boolean otherScope = !definition.isSingleton();
            boolean lazy = definition.isSingleton() && definition.isLazyInit() && !listable.containsSingleton(name);
            if (definition.isAbstract() || !(otherScope || lazy)) {
                continue;
            }
            @Nullable Class<?> type = listable.getType(name, false);
            Map<Method, RtmListener> listeners = (type != null) ? listeners(ClassUtils.getUserClass(type)) : Map.of();
            if (listeners.isEmpty()) {
                continue;
            }
            if (otherScope) {
                throw new InvalidRtmListenerException(listeners.keySet().iterator().next(),
                        List.of("it is on bean '" + name + "' of scope '" + definition.getScope()
                                + "': listener methods are found on singleton beans, once, when the context starts"),
                        "Make the bean a singleton (the default scope), or register an endpoint for each instance"
                                + " with an RtmListenerConfigurer.");
            }
            listable.getBean(name);
        }
    }

    private Map<Method, RtmListener> listeners(Class<?> targetClass) {
        if (this.classesWithoutListeners.contains(targetClass)) {
            return Map.of();
        }
        Map<Method, RtmListener> listeners = MethodIntrospector.selectMethods(targetClass,
                (MethodIntrospector.MetadataLookup<RtmListener>) (method) -> AnnotatedElementUtils
                    .findMergedAnnotation(method, RtmListener.class));
        if (listeners.isEmpty()) {
            this.classesWithoutListeners.add(targetClass);
        }
        return listeners;
    }

    private RtmListenerEndpoint endpoint(Object bean, String beanName, Method method, RtmListener listener) {
        // a JDK proxy only exposes interface methods: call the one the proxy offers
        Method invocable = AopUtils.selectInvocableMethod(method, bean.getClass());
        String id = listener.id().isEmpty() ? defaultId(beanName, method) : single(listener.id(), "id", method);
        Set<RtmPushType> types = listener.value().length == 0 ? EnumSet.noneOf(RtmPushType.class)
                : EnumSet.copyOf(Arrays.asList(listener.value()));
        return new RtmListenerEndpoint(id, bean, invocable, types, ids(listener.groups(), "groups", method),
                ids(listener.rooms(), "rooms", method), ids(listener.users(), "users", method),
                values(listener.events(), "events", method), autoStartup(listener.autoStartup(), method),
                replyFrom(listener.replyFrom(), method));
    }

    /** The attribute's uid, or else the property's; {@code null} when neither is given. */
    private @Nullable Long replyFrom(String declared, Method method) {
        String attribute = declared.isEmpty() ? REPLY_FROM_PROPERTY : declared;
        String value = resolved(attribute, "replyFrom", method).strip();
        if (value.isEmpty()) {
            if (!declared.isEmpty()) {
                throw invalid(method, "replyFrom " + source(declared) + " resolves to nothing",
                        "Give the property behind replyFrom of " + RtmListenerEndpoint.describe(method)
                                + " a user id, or remove replyFrom to take rtm.listener.reply-from.");
            }
            return null;
        }
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException ex) {
            throw invalid(method, "replyFrom " + source(attribute) + " resolves to '" + value
                    + "', which is not a user id", "Give replyFrom of " + RtmListenerEndpoint.describe(method)
                            + " (or rtm.listener.reply-from) as the uid replies are sent from, for example 9001.");
        }
    }

    private static String defaultId(String beanName, Method method) {
        return beanName + "." + method.getName() + "("
                + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(","))
                + ")";
    }

    private boolean autoStartup(String declared, Method method) {
        if (declared.isEmpty()) {
            return true;
        }
        String value = single(declared, "autoStartup", method);
        if (!value.equalsIgnoreCase("true") && !value.equalsIgnoreCase("false")) {
            throw invalid(method, "autoStartup " + source(declared) + " resolves to '" + value
                    + "', which is neither true nor false", "Give autoStartup of " + RtmListenerEndpoint.describe(method)
                            + " as \"true\" or \"false\", or a placeholder of either.");
        }
        return Boolean.parseBoolean(value);
    }

    /** The one value a string attribute resolves to; refused when it resolves to nothing. */
    private String single(String declared, String attribute, Method method) {
        String value = resolved(declared, attribute, method).strip();
        if (value.isEmpty()) {
            throw invalid(method, attribute + " " + source(declared) + " resolves to nothing",
                    "Give the property behind " + attribute + " of " + RtmListenerEndpoint.describe(method)
                            + " a value, or remove " + attribute + " to take the default.");
        }
        return value;
    }

    private Set<Long> ids(String[] declared, String attribute, Method method) {
        Set<Long> ids = new LinkedHashSet<>();
        for (String part : values(declared, attribute, method)) {
            try {
                ids.add(Long.parseLong(part));
            } catch (NumberFormatException ex) {
                throw invalid(method, attribute + " " + source(declared) + " resolves to '" + part
                        + "', which is not a number", "Give " + attribute + " of "
                                + RtmListenerEndpoint.describe(method) + " as numbers or as placeholders of numbers, "
                                + "several separated by commas, for example " + attribute + " = \"${app.ids}\".");
            }
        }
        return ids;
    }

    /**
     * The comma-separated values the attribute's strings resolve to. Strings given that resolve to nothing
     * (such as an empty property) are refused: without values the method would not be limited at all.
     */
    private Set<String> values(String[] declared, String attribute, Method method) {
        Set<String> values = new LinkedHashSet<>();
        for (String value : declared) {
            values.addAll(split(resolved(value, attribute, method)));
        }
        if (declared.length > 0 && values.isEmpty()) {
            throw invalid(method, attribute + " " + source(declared)
                    + " resolves to nothing, which would not limit the method at all",
                    "Give the property behind " + attribute + " of " + RtmListenerEndpoint.describe(method)
                            + " a value, or remove " + attribute + " to receive every push of the method's types.");
        }
        return values;
    }

    /** The attribute's string with its placeholders resolved; refused when one cannot be. */
    private String resolved(String value, String attribute, Method method) {
        String resolved;
        try {
            resolved = resolve(value);
        } catch (IllegalArgumentException ex) {
            throw invalid(method, attribute + " " + source(value) + " cannot be resolved: " + ex.getMessage(),
                    "Define the property that " + attribute + " of " + RtmListenerEndpoint.describe(method)
                            + " refers to, or give its placeholder a default, for example ${support.uid:3001}.");
        }
        if (resolved.contains("${")) {
            throw invalid(method, attribute + " " + source(value) + " holds an unresolved placeholder",
                    "Define the property that " + attribute + " of " + RtmListenerEndpoint.describe(method)
                            + " refers to.");
        }
        return resolved;
    }

    private static InvalidRtmListenerException invalid(Method method, String problem, String action) {
        return new InvalidRtmListenerException(method, List.of(problem), action);
    }

    /** The attribute's strings as written on the annotation: {@code = "a"} or {@code = {"a", "b"}}. */
    private static String source(String... declared) {
        String quoted = Arrays.stream(declared).map((value) -> "\"" + value + "\"").collect(Collectors.joining(", "));
        return "= " + ((declared.length == 1) ? quoted : "{" + quoted + "}");
    }

    private String resolve(String value) {
        String resolved = beanFactory().resolveEmbeddedValue(value);
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

    private RtmListenerEndpointRegistrar registrar() {
        if (this.registrar == null) {
            RtmListenerEndpointRegistry registry = beanFactory().getBean(
                    RtmListenerConfigUtils.RTM_LISTENER_ENDPOINT_REGISTRY_BEAN_NAME, RtmListenerEndpointRegistry.class);
            this.registrar = new RtmListenerEndpointRegistrar(registry);
        }
        return this.registrar;
    }

    private ConfigurableBeanFactory beanFactory() {
        if (this.beanFactory == null) {
            throw new IllegalStateException("@RtmListener methods need a bean factory to register with");
        }
        return this.beanFactory;
    }
}
