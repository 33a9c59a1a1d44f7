package io.rtm.spring.boot.autoconfigure;

import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.Set;

import io.rtm.client.MessageSource;
import io.rtm.client.RtmEvent;
import io.rtm.client.RtmMessage;
import io.rtm.client.RtmPushType;

import org.springframework.messaging.Message;
import org.springframework.messaging.handler.invocation.InvocableHandlerMethod;

/**
 * One {@link RtmListener} method of one bean: which pushes reach it (push types
 * and id filters) and how to call it.
 */
final class RtmListenerEndpoint {

    private final String id;

    private final Method method;

    private final Set<RtmPushType> types;

    private final Set<Long> groups;

    private final Set<Long> rooms;

    private final Set<Long> users;

    private final Set<String> events;

    private final InvocableHandlerMethod handler;

    RtmListenerEndpoint(String id, Method method, Set<RtmPushType> types, Set<Long> groups, Set<Long> rooms,
            Set<Long> users, Set<String> events, InvocableHandlerMethod handler) {
        this.id = id;
        this.method = method;
        this.types = types.isEmpty() ? EnumSet.noneOf(RtmPushType.class) : EnumSet.copyOf(types);
        this.groups = Set.copyOf(groups);
        this.rooms = Set.copyOf(rooms);
        this.users = Set.copyOf(users);
        this.events = Set.copyOf(events);
        this.handler = handler;
    }

    String id() {
        return this.id;
    }

    Method method() {
        return this.method;
    }

    Set<Long> groups() {
        return this.groups;
    }

    Set<Long> rooms() {
        return this.rooms;
    }

    Set<Long> users() {
        return this.users;
    }

    Set<String> events() {
        return this.events;
    }

    /** Whether the message's type is one of the method's and its target passes the id filter. */
    boolean matches(RtmMessage message) {
        if (!this.types.contains(message.pushType())) {
            return false;
        }
        Set<Long> filter = switch (message.source()) {
            case P2P -> this.users;
            case GROUP -> this.groups;
            case ROOM -> this.rooms;
        };
        return filter.isEmpty() || filter.contains(message.toId());
    }

    /** Whether the method receives events and the event passes the name filter. */
    boolean matches(RtmEvent event) {
        return this.types.contains(RtmPushType.EVENT) && (this.events.isEmpty() || this.events.contains(event.event()));
    }

    /** Calls the method with arguments resolved from the message, whose payload is the push. */
    void invoke(Message<?> push) throws Exception {
        this.handler.invoke(push);
    }

    static boolean anyOf(Set<RtmPushType> types, MessageSource source) {
        return types.stream().anyMatch(type -> type.source() == source);
    }

    @Override
    public String toString() {
        return "RtmListenerEndpoint{" + this.id + ", types=" + this.types + "}";
    }
}
