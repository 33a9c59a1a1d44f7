package io.rtm.spring.listener.adapter;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.rtm.client.MessageSource;
import io.rtm.client.RtmPushType;
import io.rtm.spring.config.InvalidRtmListenerException;
import io.rtm.spring.config.RtmListenerEndpoint;
import io.rtm.spring.listener.RtmReply;
import org.jspecify.annotations.Nullable;

import org.springframework.core.MethodParameter;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolver;
import org.springframework.messaging.handler.invocation.HandlerMethodArgumentResolverComposite;

/**
 * Checks listener endpoints and makes their methods invocable as spring-messaging handler methods, with the
 * RTM argument resolvers only: a parameter receives
 * the push ({@code RtmMessage}, {@code RtmEvent}), its text ({@code String}), its bytes ({@code byte[]})
 * or, with an {@link RtmPayloadConverter}, its JSON content as any other type. The handler methods take a
 * message whose payload is the push.
 */
public final class RtmHandlerMethodFactory {

    private final HandlerMethodArgumentResolverComposite resolvers = new HandlerMethodArgumentResolverComposite();

    private final boolean jsonAvailable;

    /** @param converter converts JSON content; {@code null} when there is none, and JSON parameters are refused */
    public RtmHandlerMethodFactory(@Nullable RtmPayloadConverter converter) {
        List<HandlerMethodArgumentResolver> resolvers = new ArrayList<>();
        resolvers.add(new PushArgumentResolver());
        resolvers.add(new ContentArgumentResolver());
        if (converter != null) {
            resolvers.add(new JsonContentArgumentResolver(converter));
        }
        // these only, not spring-messaging's defaults: only the RTM parameter kinds exist
        this.resolvers.addResolvers(resolvers);
        this.jsonAvailable = converter != null;
    }

    /**
     * The endpoint's method, invocable on its bean.
     *
     * @throws InvalidRtmListenerException naming the method when the declaration or the signature is invalid
     */
    public RtmInvocableHandlerMethod createInvocableHandlerMethod(RtmListenerEndpoint endpoint) {
        List<String> problems = new ArrayList<>();
        checkDeclaration(endpoint, problems);
        checkParameters(endpoint.method(), endpoint.types(), problems);
        checkReturnType(endpoint, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRtmListenerException(endpoint.method(), problems, "Change "
                    + RtmListenerEndpoint.describe(endpoint.method()) + " to return void (or a reply with replyFrom "
                    + "set) and to take, in any order "
                    + "and each at most once, an RtmMessage (message push types) or an RtmEvent (EVENT) and one "
                    + "payload: String, byte[] or a class the JSON content converts to; groups, rooms and users "
                    + "limit message push types of their source, events limit EVENT.");
        }
        return new RtmInvocableHandlerMethod(endpoint.bean(), endpoint.method(), this.resolvers);
    }

    private static void checkDeclaration(RtmListenerEndpoint endpoint, List<String> problems) {
        Set<RtmPushType> types = endpoint.types();
        if (types.isEmpty()) {
            problems.add("it names no push type; name one or more, e.g. @RtmListener(RtmPushType.GROUP_CHAT)");
            return;
        }
        boolean messages = types.stream().anyMatch(RtmPushType::isMessage);
        if (types.contains(RtmPushType.EVENT)
                && !(endpoint.groups().isEmpty() && endpoint.rooms().isEmpty() && endpoint.users().isEmpty())) {
            problems.add("groups, rooms and users filter messages, not EVENT; declare events on a separate method");
        }
        if (messages && !endpoint.events().isEmpty()) {
            problems.add("events filter RtmPushType.EVENT only, not message push types " + messageTypes(types));
        }
        requireSource(endpoint, "groups", MessageSource.GROUP, problems);
        requireSource(endpoint, "rooms", MessageSource.ROOM, problems);
        requireSource(endpoint, "users", MessageSource.P2P, problems);
    }

    private static void requireSource(RtmListenerEndpoint endpoint, String attribute, MessageSource source,
            List<String> problems) {
        boolean named = endpoint.types().stream().anyMatch((type) -> type.source() == source);
        if (!endpoint.targets(source).isEmpty() && !named) {
            problems.add(attribute + " filter " + source + " push types, but none is named");
        }
    }

    private void checkParameters(Method method, Set<RtmPushType> types, List<String> problems) {
        boolean events = types.contains(RtmPushType.EVENT);
        boolean messages = types.stream().anyMatch(RtmPushType::isMessage);
        int payloads = 0;
        for (int i = 0; i < method.getParameterCount(); i++) {
            Class<?> type = new MethodParameter(method, i).getParameterType();
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
                                + "spring-boot-starter-json) or an RtmPayloadConverter bean to convert the JSON "
                                + "content; add one, or declare String, byte[] or RtmMessage instead");
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

    /**
     * A listener returns nothing, or a reply: a {@code String}, a {@code byte[]} or an {@link RtmReply}, sent
     * from its {@code replyFrom} user into the conversation of a message (an event has none).
     */
    private static void checkReturnType(RtmListenerEndpoint endpoint, List<String> problems) {
        Class<?> type = endpoint.method().getReturnType();
        if (type == void.class || type == Void.class) {
            return;
        }
        if (type != String.class && type != byte[].class && type != RtmReply.class) {
            problems.add("it returns " + type.getSimpleName() + ", which is not a reply; return void, or String, "
                    + "byte[] or RtmReply to reply");
        } else if (endpoint.types().contains(RtmPushType.EVENT)) {
            problems.add("it returns " + type.getSimpleName() + " but receives EVENT pushes, which have no "
                    + "conversation to reply into; return void");
        } else if (endpoint.replyFrom() == null) {
            problems.add("it returns " + type.getSimpleName() + ", a reply, but no user to send it from is given; "
                    + "set replyFrom = \"<uid>\" on the annotation or the property rtm.listener.reply-from");
        }
    }

    private static String messageTypes(Set<RtmPushType> types) {
        return types.stream().filter(RtmPushType::isMessage).map(Enum::name).collect(Collectors.joining(", "));
    }
}
