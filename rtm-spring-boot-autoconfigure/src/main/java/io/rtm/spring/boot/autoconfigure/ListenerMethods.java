package io.rtm.spring.boot.autoconfigure;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.rtm.client.MessageSource;
import io.rtm.client.RtmEvent;
import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.handler.annotation.support.DefaultMessageHandlerMethodFactory;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;

/**
 * Checks {@link RtmListener} methods and makes them invocable through Spring's
 * handler-method machinery with the RTM argument resolvers.
 */
final class ListenerMethods {

    private final DefaultMessageHandlerMethodFactory factory = new DefaultMessageHandlerMethodFactory();

    private final boolean jsonAvailable;

    ListenerMethods(@Nullable RtmPayloadConverter converter) {
        List<HandlerMethodArgumentResolver> resolvers = new ArrayList<>();
        resolvers.add(new PushArgumentResolver());
        resolvers.add(new ContentArgumentResolver());
        if (converter != null) {
            resolvers.add(new JsonContentArgumentResolver(converter));
        }
        // replaces the default resolvers: only the RTM parameter kinds exist
        this.factory.setArgumentResolvers(resolvers);
        this.factory.afterPropertiesSet();
        this.jsonAvailable = converter != null;
    }

    /**
     * The endpoint for a bean's listener method.
     *
     * @throws IllegalStateException naming the method when the declaration or the signature is invalid
     */
    RtmListenerEndpoint create(String id, Object bean, Method method, Set<RtmPushType> types, Set<Long> groups,
            Set<Long> rooms, Set<Long> users, Set<String> events) {
        List<String> problems = new ArrayList<>();
        checkDeclaration(types, groups, rooms, users, events, problems);
        checkParameters(method, types, problems);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("Invalid @RtmListener method " + describe(method) + ": "
                    + String.join("; ", problems));
        }
        InvocableHandlerMethod handler = this.factory.createInvocableHandlerMethod(bean, method);
        return new RtmListenerEndpoint(id, method, types, groups, rooms, users, events, handler);
    }

    private static void checkDeclaration(Set<RtmPushType> types, Set<Long> groups, Set<Long> rooms, Set<Long> users,
            Set<String> events, List<String> problems) {
        if (types.isEmpty()) {
            problems.add("it names no push type; name one or more, e.g. @RtmListener(RtmPushType.GROUP_CHAT)");
            return;
        }
        boolean messages = types.stream().anyMatch(RtmPushType::isMessage);
        if (types.contains(RtmPushType.EVENT) && !(groups.isEmpty() && rooms.isEmpty() && users.isEmpty())) {
            problems.add("groups, rooms and users filter messages, not EVENT; declare events on a separate method");
        }
        if (messages && !events.isEmpty()) {
            problems.add("events filter RtmPushType.EVENT only, not message push types " + messageTypes(types));
        }
        requireSource(groups, "groups", types, MessageSource.GROUP, problems);
        requireSource(rooms, "rooms", types, MessageSource.ROOM, problems);
        requireSource(users, "users", types, MessageSource.P2P, problems);
    }

    private static void requireSource(Set<Long> ids, String attribute, Set<RtmPushType> types, MessageSource source,
            List<String> problems) {
        if (!ids.isEmpty() && !RtmListenerEndpoint.anyOf(types, source)) {
            problems.add(attribute + " filter " + source + " push types, but none is named");
        }
    }

    private void checkParameters(Method method, Set<RtmPushType> types, List<String> problems) {
        boolean events = types.contains(RtmPushType.EVENT);
        boolean messages = types.stream().anyMatch(RtmPushType::isMessage);
        int payloads = 0;
        for (int i = 0; i < method.getParameterCount(); i++) {
            MethodParameter parameter = new MethodParameter(method, i);
            Class<?> type = parameter.getParameterType();
            String name = "parameter " + (i + 1) + " (" + type.getSimpleName() + ")";
            switch (ParameterKind.of(type)) {
                case MESSAGE -> {
                    if (events) {
                        problems.add(name + " cannot receive EVENT pushes; use RtmEvent on a separate method");
                    }
                }
                case EVENT -> {
                    if (messages) {
                        problems.add(name + " cannot receive message push types " + messageTypes(types)
                                + "; use RtmMessage");
                    }
                }
                case TEXT, BYTES -> payloads++;
                case JSON -> {
                    payloads++;
                    if (!this.jsonAvailable) {
                        problems.add(name + " needs Jackson (tools.jackson.core:jackson-databind, e.g. from "
                                + "spring-boot-starter-json) to convert the JSON content; add it, or declare "
                                + "String, byte[] or RtmMessage instead");
                    }
                }
                case UNSUPPORTED -> problems.add(name + " is not supported; use RtmMessage, RtmEvent, String, "
                        + "byte[] or a class the JSON content converts to");
            }
        }
        if (payloads > 1) {
            problems.add("it declares " + payloads + " payload parameters (String, byte[] or JSON-converted); "
                    + "declare at most one");
        }
    }

    private static String messageTypes(Set<RtmPushType> types) {
        return types.stream().filter(RtmPushType::isMessage).map(Enum::name).collect(Collectors.joining(", "));
    }

    /** The method as {@code Class.method(ParameterTypes)}. */
    static String describe(Method method) {
        return method.getDeclaringClass().getName() + "." + method.getName() + "("
                + Arrays.stream(method.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "))
                + ")";
    }

    /** What a listener parameter receives, by its type. */
    enum ParameterKind {

        MESSAGE, EVENT, TEXT, BYTES, JSON, UNSUPPORTED;

        static ParameterKind of(Class<?> type) {
            if (type == RtmMessage.class) {
                return MESSAGE;
            }
            if (type == RtmEvent.class) {
                return EVENT;
            }
            if (type == String.class) {
                return TEXT;
            }
            if (type == byte[].class) {
                return BYTES;
            }
            // primitives have no JSON object form worth guessing; other client types are not content
            if (type.isPrimitive() || type.getName().startsWith("io.rtm.client.")
                    || type.getName().startsWith("org.springframework.")) {
                return UNSUPPORTED;
            }
            return JSON;
        }
    }
}
